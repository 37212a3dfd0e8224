import { DAY_MS, HOUR_MS } from '@/lib/types';
import { baselineBefore, noiseOver, type Window } from './bursts';
import type { Context } from './context';
import { atOrBefore, type Points } from './series';

// Did downloads follow a like burst? A launch brings downloads in proportion to its likes; a bought
// campaign does not. `downloads` is a rolling 30-day counter, so its differences are not daily
// downloads; `downloadsAllTime` differences are, and are preferred where they were recorded. Either
// way the question is the same: how far did the counter move beyond its own baseline trend?

export type Response =
  | {
      /** 'partial': clearly rose, by less than needed (a launch whose downloads are still coming, perhaps) */
      kind: 'followed' | 'flat' | 'partial' | 'unclear';
      /** downloads beyond the counter's own trend, from the burst's start to the latest recount seen */
      gained: number;
      /** what "followed" needed */
      need: number;
      over: number;
      /** downloads per like expected, and where that figure came from */
      perLike: number;
      perLikeFrom: 'own' | 'cohort' | 'natural';
      allTime: boolean;
      /** the likes (beyond the baseline) early enough for that recount to have counted their downloads */
      counted: number;
      /** the latest recount happened by this long after the burst ended (ms) */
      recountedBy: number;
    }
  /** the counter has not been recounted late enough after the burst to show it (or, never moved, the lag has not passed) */
  | { kind: 'pending'; neverMoved: boolean }
  /** the Hub does not count this repo's downloads */
  | { kind: 'unmeasured' }
  /** no download readings, or 0 throughout on a repo not known to be counted */
  | { kind: 'unknown' };

/**
 * When the Hub last recounted a download counter, as the readings prove it: the last change of
 * value happened after the reading before it. Null when the counter never moved.
 */
function lastRecount(p: Points): { after: number; by: number } | null {
  for (let j = p.t.length - 1; j > 0; j--) if (p.v[j] !== p.v[j - 1]) return { after: p.t[j - 1]!, by: p.t[j]! };
  return null;
}

export function downloadResponse(ctx: Context, w: Window): Response {
  if (ctx.downloadsMeasured === 'no') return { kind: 'unmeasured' };
  if (ctx.downloadsMeasured === 'unknown') return { kind: 'unknown' };
  const s = ctx.s;
  const all = ctx.series.allTimeSteps;
  const allTime = atOrBefore(all, w.from) >= 0 && all.t.length >= 2;
  const p = allTime ? all : ctx.series.downloadSteps;
  const i0 = atOrBefore(p, w.from);
  if (i0 < 0) return { kind: 'unknown' };
  // Wait for evidence, not a clock: the counters are recounted about daily at no fixed hour. The
  // latest recount the readings prove counted the downloads of the likes that came at least
  // `downloadSettleHours` before it. Where the counter never moved, only the fixed lag says it
  // must have been recounted.
  const recount = latestRecount(ctx);
  const lastT = p.t[p.t.length - 1]!;
  const coveredUntil = recount ? recount.after : lastT - s.downloadLagHours * HOUR_MS;
  const countedTo = Math.min(w.to, coveredUntil - s.downloadSettleHours * HOUR_MS);
  const counted = countedTo > w.from ? likesBeyondBaseline(ctx, w, countedTo) : 0;
  const i1 = p.t.length - 1;
  const pending = { kind: 'pending', neverMoved: !recount } as const;
  if (i1 <= i0) return pending;
  const over = (recount ? Math.min(recount.by, lastT) : lastT) - p.t[i0]!;
  const base = baselineBefore(p, p.t[i0]!, s.baselineDays * DAY_MS, s.minBaselineHours * HOUR_MS);
  const level = dailyLevel(ctx, p, i0, allTime, base?.rate);
  // A steady model's 30-day counter hardly moves; a cumulative one rises at its daily rate.
  const trend = base ? base.rate : allTime ? level : 0;
  const gained = p.v[i1]! - p.v[i0]! - (trend * over) / DAY_MS;
  // Without three days of its own, assume the counter can swing by a whole day's volume a day.
  const noise = base ? noiseOver(base, over) : (level * Math.sqrt(over * DAY_MS)) / DAY_MS;
  const sigma = Math.max(noise, Math.sqrt(Math.max((level * over) / DAY_MS, 1)));
  const [perLike, perLikeFrom] = expectedPerLike(ctx, w, level);
  const followNeed = w.excess * perLike * s.followShare;
  const recountedBy = (recount?.by ?? lastT) - w.to;
  const seen = { gained, over, perLike, perLikeFrom, allTime, counted, recountedBy };
  if (gained >= followNeed) return { kind: 'followed', need: followNeed, ...seen };
  // Until the recounts cover a campaign's worth of the burst (or most of it), wait.
  if (counted < Math.min(s.followShare * w.excess, s.minSuspectLikes)) return pending;
  const need = counted * perLike * s.followShare;
  if (gained >= need) return { kind: 'followed', need, ...seen };
  // Downloads that clearly rose, by a good part of what was needed, may be a launch whose downloads
  // trail its likes by more than the recounts show yet: not flat.
  if (gained >= Math.max(s.followZ * sigma, need / 2)) return { kind: 'partial', need, ...seen };
  // "Flat" only where a response of the expected size would have stood out of the counter's noise.
  return { kind: need >= s.followZ * sigma ? 'flat' : 'unclear', need, ...seen };
}

/** The later of the two counters' last proven recounts (they are recounted together). */
function latestRecount(ctx: Context): { after: number; by: number } | null {
  const a = lastRecount(ctx.series.downloads);
  const b = lastRecount(ctx.series.downloadsAllTime);
  if (!a || !b) return a ?? b;
  return a.after >= b.after ? a : b;
}

/**
 * Likes gained beyond the window's baseline from its start to `until` (at most the window's excess).
 * Between two readings the likes are taken to have come evenly: all that is known of when they came.
 */
function likesBeyondBaseline(ctx: Context, w: Window, until: number): number {
  const p = ctx.series.likes;
  const b = atOrBefore(p, w.from);
  if (b < 0 || until <= p.t[b]!) return 0;
  const e = atOrBefore(p, until);
  const next = e + 1 < p.t.length ? e + 1 : e;
  const share = next > e ? (until - p.t[e]!) / (p.t[next]! - p.t[e]!) : 0;
  const liked = p.v[e]! + share * (p.v[next]! - p.v[e]!) - p.v[b]!;
  const expected = w.baseline ? (w.baseline.rate * (until - p.t[b]!)) / DAY_MS : 0;
  return Math.min(w.excess, Math.max(0, liked - expected));
}

/** Downloads a day around reading `i`: the cumulative counter's median daily rate, else the 30-day counter / 30. */
function dailyLevel(ctx: Context, p: Points, i: number, allTime: boolean, medianRate: number | undefined): number {
  if (allTime) {
    if (medianRate !== undefined) return Math.max(0, medianRate);
    const span = p.t[i]! - p.t[0]!;
    return span > 0 ? ((p.v[i]! - p.v[0]!) / span) * DAY_MS : 0;
  }
  // A repo younger than 30 days has its whole life in the counter: a stated createdAt says so, or,
  // without one, a counter first read at 0 (a new repo's lag) dates it from the first reading.
  const born = Number.isFinite(ctx.createdAt) ? ctx.createdAt : p.v[0] === 0 ? p.t[0]! : NaN;
  const age = (p.t[i]! - born) / DAY_MS;
  const days = age >= 1 && age < 30 ? age : age < 1 ? 1 : 30;
  return p.v[i]! / days;
}

/**
 * Downloads one like should bring: the model's own ratio over its baseline where it has one
 * (clamped to 1..the natural maximum), else its cohort's, else the natural low end. GGUF counts are
 * inflated: where the figure is not the model's own, the allowance is made.
 */
function expectedPerLike(ctx: Context, w: Window, level: number): [number, 'own' | 'cohort' | 'natural'] {
  const s = ctx.s;
  const gguf = ctx.history.gguf ? s.ggufInflation : 1;
  const base = w.baseline;
  if (base && !base.cohort && base.mean > 0) {
    return [Math.min(s.maxDownloadsPerLike * gguf, Math.max(1, level / base.mean)), 'own'];
  }
  if (base && !base.cohort && level > 0) return [s.maxDownloadsPerLike * gguf, 'own'];
  const cohortRatio = ctx.cohort?.likesPerDownload;
  if (cohortRatio) return [Math.min(s.maxDownloadsPerLike * gguf, Math.max(1, 1 / cohortRatio)), 'cohort'];
  return [s.naturalDownloadsPerLike * gguf, 'natural'];
}
