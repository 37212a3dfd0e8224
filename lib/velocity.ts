import { DAY_MS, type Snapshot } from './types';

// Velocity as defined in shared/formats/report-v1.md. Every function takes snapshots sorted by
// `t` ascending (one per `t`, as ModelHistory keeps them) and finds its points by binary search,
// since series run to tens of thousands of snapshots.

export type RateWindow = '24h' | '7d' | '30d';

export const WINDOWS: Record<RateWindow, number> = { '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS };

type Counter = 'likes' | 'downloads' | 'downloadsAllTime' | 'trendingScore';
export type Rates = Record<RateWindow, number | null>;
export interface Velocity {
  likesPerDay: Rates;
  /** from `downloadsAllTime` only: the 30-day counter falls as old downloads leave it */
  downloadsPerDay: Rates;
}

/** How many snapshots have t ≤ limit (t < limit when not inclusive), by binary search. */
export function countUpTo(snaps: readonly Snapshot[], limit: number, inclusive = true): number {
  let lo = 0;
  let hi = snaps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const t = snaps[mid]!.t;
    if (t < limit || (inclusive && t === limit)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last snapshot with t ≤ at, or -1. */
const lastAtOrBefore = (snaps: readonly Snapshot[], at: number) => countUpTo(snaps, at) - 1;

/** End `e` (last snapshot at or before `at`) and base `b` (latest with t ≤ t_e − W) of a window, or null. */
function windowEnds(snaps: readonly Snapshot[], windowMs: number, at?: number): [Snapshot, Snapshot] | null {
  const e = snaps[at === undefined ? snaps.length - 1 : lastAtOrBefore(snaps, at)];
  if (!e || !(windowMs > 0)) return null; // a window that is not positive has no base
  const b = snaps[lastAtOrBefore(snaps, e.t - windowMs)];
  // A base more than 2W back is too sparse to speak for the window.
  if (!b || e.t - b.t > 2 * windowMs) return null;
  return [e, b];
}

/** Units per day over the window ending at the last snapshot at or before `at` (default: the last); not rounded. */
export function rate(snaps: readonly Snapshot[], field: 'likes' | 'downloadsAllTime', windowMs: number, at?: number): number | null {
  const ends = windowEnds(snaps, windowMs, at);
  if (!ends) return null;
  const [e, b] = ends;
  const [ve, vb] = [e[field], b[field]];
  return ve === null || vb === null ? null : (ve - vb) / ((e.t - b.t) / DAY_MS);
}

const rates = (snaps: readonly Snapshot[], field: 'likes' | 'downloadsAllTime', at?: number): Rates => ({
  '24h': rate(snaps, field, WINDOWS['24h'], at),
  '7d': rate(snaps, field, WINDOWS['7d'], at),
  '30d': rate(snaps, field, WINDOWS['30d'], at),
});

/** Likes and all-time downloads per day for the three windows, as of `at` (default: the last snapshot). */
export function velocity(snaps: readonly Snapshot[], at?: number): Velocity {
  return { likesPerDay: rates(snaps, 'likes', at), downloadsPerDay: rates(snaps, 'downloadsAllTime', at) };
}

/**
 * Likes gained over a window, `v_e − v_b`, with the same base rule as `rate`, 2W limit included:
 * a base further back would count weeks of likes as "the last 7 days" and make the comparison with
 * the Hub's trendingScore (likes over 7 days) meaningless. The count is as observed, over a span
 * between W and 2W; `rate × W` is the estimate for exactly W.
 */
export function likesGained(snaps: readonly Snapshot[], windowMs: number, at?: number): number | null {
  const ends = windowEnds(snaps, windowMs, at);
  if (!ends) return null;
  const [e, b] = ends;
  return e.likes === null || b.likes === null ? null : e.likes - b.likes;
}

export interface SinceLastVisit {
  likes: number | null;
  downloadsAllTime: number | null;
  /** the rolling 30-day counter: may fall */
  downloads: number | null;
  /** t of the snapshot at or before the last visit */
  from: number;
  /** t of the latest snapshot */
  to: number;
}

/**
 * Change from the last snapshot at or before the last visit to the latest one; null when there is
 * no snapshot that old. Nothing new since the visit gives zeros with from = to.
 */
export function sinceLastVisit(snaps: readonly Snapshot[], lastVisitT: number): SinceLastVisit | null {
  const from = snaps[lastAtOrBefore(snaps, lastVisitT)];
  const to = snaps[snaps.length - 1];
  if (!from || !to) return null;
  const diff = (field: Counter) => (to[field] === null || from[field] === null ? null : to[field] - from[field]);
  return { likes: diff('likes'), downloadsAllTime: diff('downloadsAllTime'), downloads: diff('downloads'), from: from.t, to: to.t };
}

/** The observed points of one counter from `fromT` on, nulls dropped (for sparklines). */
export function seriesFor(snaps: readonly Snapshot[], field: Counter, fromT = -Infinity): { t: number; v: number }[] {
  const out: { t: number; v: number }[] = [];
  for (let i = countUpTo(snaps, fromT, false); i < snaps.length; i++) {
    const s = snaps[i]!;
    const v = s[field];
    if (v !== null) out.push({ t: s.t, v });
  }
  return out;
}
