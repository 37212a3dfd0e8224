import type { Snapshot } from '../types';

// A history as the detectors read it: sorted, one snapshot per time, only what was known at `at`,
// and each counter's readings cleaned of what is missing data rather than evidence.

/** The readings of one counter: times ascending, values finite and non-negative. */
export interface Points {
  t: number[];
  v: number[];
}

export interface Series {
  likes: Points;
  /** the rolling 30-day counter */
  downloads: Points;
  downloadsAllTime: Points;
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

function reading(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.min(v, Number.MAX_SAFE_INTEGER) : null;
}

export function prepare(snapshots: readonly Snapshot[], at: number): Series {
  const kept = snapshots.filter((s) => s && validTime(s.t) && s.t <= at);
  let sorted = true;
  for (let i = 1; i < kept.length && sorted; i++) sorted = kept[i - 1]!.t <= kept[i]!.t;
  if (!sorted) kept.sort((a, b) => a.t - b.t); // stable: of equal times the later stays later
  // One snapshot per time: the later one wins (history-v1).
  const snaps = kept.filter((s, i) => i + 1 === kept.length || kept[i + 1]!.t !== s.t);
  const field = (key: 'likes' | 'downloads' | 'downloadsAllTime' | 'trendingScore'): Points => {
    const p: Points = { t: [], v: [] };
    for (const s of snaps) {
      const v = reading(s[key]);
      if (v !== null) (p.t.push(s.t), p.v.push(v));
    }
    return p;
  };
  const allTime = field('downloadsAllTime');
  return {
    likes: dropUnconfirmedZeros(field('likes')),
    downloads: dropUnconfirmedZeros(field('downloads')),
    downloadsAllTime: dropFalls(dropUnconfirmedZeros(allTime)),
    trendingScore: field('trendingScore'),
    first: snaps.length ? snaps[0]!.t : NaN,
    last: snaps.length ? snaps[snaps.length - 1]!.t : NaN,
  };
}

/**
 * A counter that was non-zero and reads 0 is a failed read unless it stays 0: zeros between
 * non-zero readings are missing data, and a trailing zero counts only once a second reading
 * confirms it. Leading zeros (a new repo, an uncounted repo) are kept: they are what the Hub said.
 */
function dropUnconfirmedZeros(p: Points): Points {
  const out: Points = { t: [], v: [] };
  let seenNonZero = false;
  for (let i = 0; i < p.v.length; ) {
    if (p.v[i] !== 0 || !seenNonZero) {
      seenNonZero ||= p.v[i] !== 0;
      out.t.push(p.t[i]!), out.v.push(p.v[i]!);
      i++;
      continue;
    }
    let j = i;
    while (j < p.v.length && p.v[j] === 0) j++;
    const trailingConfirmed = j === p.v.length && j - i >= 2;
    if (trailingConfirmed) for (let k = i; k < j; k++) out.t.push(p.t[k]!), out.v.push(0);
    i = j;
  }
  return out;
}

/** A cumulative counter cannot fall: a lower reading is a stale or failed read. */
function dropFalls(p: Points): Points {
  const out: Points = { t: [], v: [] };
  for (let i = 0; i < p.v.length; i++) {
    if (out.v.length && p.v[i]! < out.v[out.v.length - 1]!) continue;
    out.t.push(p.t[i]!), out.v.push(p.v[i]!);
  }
  return out;
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

/** What a counter gained over the `windowMs` up to `t` (less where history is shorter, but at least `minMs`). */
export function rise(p: Points, t: number, windowMs: number, minMs: number): { from: number; to: number; gained: number } | null {
  const e = atOrBefore(p, t);
  if (e < 0) return null;
  const b = Math.max(0, atOrBefore(p, p.t[e]! - windowMs));
  if (p.t[e]! - p.t[b]! < minMs) return null;
  return { from: p.t[b]!, to: p.t[e]!, gained: p.v[e]! - p.v[b]! };
}
