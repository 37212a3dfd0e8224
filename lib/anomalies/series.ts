import type { Snapshot } from '@/lib/types';

// A history as the detectors read it: sorted, one snapshot per time, only what was known at `at`,
// and each counter's readings cleaned of what is missing data rather than evidence.

/** The readings of one counter: times ascending, values finite and non-negative. */
export interface Points {
  t: Float64Array;
  v: Float64Array;
}

export interface Series {
  likes: Points;
  /** the rolling 30-day counter */
  downloads: Points;
  downloadsAllTime: Points;
  /**
   * The download counters read where they step: the Hub recomputes them about a day apart (the same
   * value for up to ~36 h in data/history). At the first sighting of each value (and the last
   * reading), rates are downloads over the time between updates, not 0 for hours then a day's worth.
   */
  downloadSteps: Points;
  allTimeSteps: Points;
  trendingScore: Points;
  /** first and last snapshot time (NaN when there is none) */
  first: number;
  last: number;
}

/** Largest |t| a Date accepts: beyond it no ISO string can be written. */
const MAX_TIME = 8.64e15;

export function validTime(t: unknown): t is number {
  return typeof t === 'number' && Number.isFinite(t) && Math.abs(t) <= MAX_TIME;
}

/** Collects readings into typed arrays (histories run to tens of thousands of snapshots). */
class Builder {
  readonly t: Float64Array;
  readonly v: Float64Array;
  n = 0;
  constructor(capacity: number) {
    this.t = new Float64Array(capacity);
    this.v = new Float64Array(capacity);
  }
  push(t: number, v: unknown): void {
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) {
      this.t[this.n] = t;
      this.v[this.n++] = Math.min(v, Number.MAX_SAFE_INTEGER);
    }
  }
  done(): Points {
    return { t: this.t.subarray(0, this.n), v: this.v.subarray(0, this.n) };
  }
}

export function prepare(snapshots: readonly Snapshot[], at: number): Series {
  let snaps: Snapshot[] = [];
  for (const s of snapshots) if (s && validTime(s.t) && s.t <= at) snaps.push(s);
  let sorted = true;
  for (let i = 1; i < snaps.length && sorted; i++) sorted = snaps[i - 1]!.t <= snaps[i]!.t;
  if (!sorted) snaps = snaps.sort((a, b) => a.t - b.t); // stable: of equal times the later stays later
  const m = snaps.length;
  const [likes, downloads, allTime, score] = [new Builder(m), new Builder(m), new Builder(m), new Builder(m)];
  for (let i = 0; i < m; i++) {
    const s = snaps[i]!;
    if (i + 1 < m && snaps[i + 1]!.t === s.t) continue; // one per time: the later wins (history-v1)
    likes.push(s.t, s.likes);
    downloads.push(s.t, s.downloads);
    allTime.push(s.t, s.downloadsAllTime);
    score.push(s.t, s.trendingScore);
  }
  const rolling = dropUnconfirmedZeros(downloads.done());
  const cumulative = dropFalls(dropUnconfirmedZeros(allTime.done()));
  return {
    likes: dropUnconfirmedZeros(likes.done()),
    downloads: rolling,
    downloadsAllTime: cumulative,
    downloadSteps: steps(rolling),
    allTimeSteps: steps(cumulative),
    trendingScore: score.done(),
    first: m ? snaps[0]!.t : NaN,
    last: m ? snaps[m - 1]!.t : NaN,
  };
}

/** A counter read where its value changes, and at its first and last readings (see `Series.downloadSteps`). */
function steps(p: Points): Points {
  const last = p.v.length - 1;
  return keep(p, (i) => i === 0 || i === last || p.v[i] !== p.v[i - 1]);
}

/** The readings `wanted` keeps; the same arrays when it keeps them all. */
function keep(p: Points, wanted: (i: number) => boolean): Points {
  const n = p.v.length;
  let kept = 0;
  for (let i = 0; i < n; i++) if (wanted(i)) kept++;
  if (kept === n) return p;
  const out = new Builder(kept);
  for (let i = 0; i < n; i++) if (wanted(i)) out.push(p.t[i]!, p.v[i]!);
  return out.done();
}

/**
 * A counter that was non-zero and reads 0 is a failed read unless it stays 0: zeros between
 * non-zero readings are missing data, and a trailing zero counts only once a second reading
 * confirms it. Leading zeros (a new repo, an uncounted repo) are kept: they are what the Hub said.
 */
function dropUnconfirmedZeros(p: Points): Points {
  const n = p.v.length;
  let firstNonZero = 0;
  while (firstNonZero < n && p.v[firstNonZero] === 0) firstNonZero++;
  let trailing = n;
  while (trailing > firstNonZero && p.v[trailing - 1] === 0) trailing--;
  const trailingConfirmed = n - trailing >= 2;
  return keep(p, (i) => p.v[i] !== 0 || i < firstNonZero || (i >= trailing && trailingConfirmed));
}

/** A cumulative counter cannot fall: a lower reading is a stale or failed read. */
function dropFalls(p: Points): Points {
  const runningMax = new Float64Array(p.v.length);
  for (let i = 0, max = -Infinity; i < p.v.length; i++) runningMax[i] = max = Math.max(max, p.v[i]!);
  return keep(p, (i) => p.v[i] === runningMax[i]);
}

/** Index of the last reading at or before `t`, or -1. */
export function atOrBefore(p: Points, t: number): number {
  let lo = 0;
  let hi = p.t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.t[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of the first reading at or after `t`, or -1. */
export function atOrAfter(p: Points, t: number): number {
  const i = atOrBefore(p, t);
  if (i >= 0 && p.t[i] === t) return i;
  return i + 1 < p.t.length ? i + 1 : -1;
}

export interface Rise {
  from: number;
  to: number;
  gained: number;
}

/** What a counter gained over the `windowMs` up to `t` (less where history is shorter, but at least `minMs`). */
export function rise(p: Points, t: number, windowMs: number, minMs: number): Rise | null {
  const e = atOrBefore(p, t);
  if (e < 0) return null;
  const b = Math.max(0, atOrBefore(p, p.t[e]! - windowMs));
  if (p.t[e]! - p.t[b]! < minMs) return null;
  return { from: p.t[b]!, to: p.t[e]!, gained: p.v[e]! - p.v[b]! };
}
