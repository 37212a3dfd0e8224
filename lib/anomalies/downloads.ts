import { DAY_MS, HOUR_MS } from '../types';
import { baselineBefore, noiseOver, type Window } from './bursts';
import type { Context } from './context';
import { atOrAfter, atOrBefore, type Points } from './series';

// Did downloads follow a like burst? A launch brings downloads in proportion to its likes; a bought
// campaign does not. `downloads` is a rolling 30-day counter, so its differences are not daily
// downloads; `downloadsAllTime` differences are, and are preferred where they were recorded. Either
// way the question is the same: how far did the counter move beyond its own baseline trend?

export type Response =
  | {
      kind: 'followed' | 'flat' | 'unclear';
      /** downloads beyond the counter's own trend, from the burst's start to `over` later */
      gained: number;
      /** what "followed" needed */
      need: number;
      over: number;
      /** downloads per like expected, and where that figure came from */
      perLike: number;
      perLikeFrom: 'own' | 'cohort' | 'natural';
      allTime: boolean;
    }
  /** the counter has not had time to show it (it lags up to `downloadLagHours`) */
  | { kind: 'pending' }
  /** the Hub does not count this repo's downloads */
  | { kind: 'unmeasured' }
  /** no download readings, or 0 throughout on a repo not known to be counted */
  | { kind: 'unknown' };

export function downloadResponse(ctx: Context, w: Window): Response {
  if (ctx.downloadsMeasured === 'no') return { kind: 'unmeasured' };
  if (ctx.downloadsMeasured === 'unknown') return { kind: 'unknown' };
  const all = ctx.series.allTimeSteps;
  const allTime = atOrBefore(all, w.from) >= 0 && all.t.length >= 2;
  const p = allTime ? all : ctx.series.downloadSteps;
  const i0 = atOrBefore(p, w.from);
  if (i0 < 0) return { kind: 'unknown' };
  const due = w.to + ctx.s.downloadLagHours * HOUR_MS;
  const i1 = atOrAfter(p, due) >= 0 ? atOrAfter(p, due) : p.t.length - 1;
  if (i1 <= i0) return { kind: 'pending' };
  const over = p.t[i1]! - p.t[i0]!;
  const base = baselineBefore(p, p.t[i0]!, ctx.s.baselineDays * DAY_MS, ctx.s.minBaselineHours * HOUR_MS);
  const level = dailyLevel(ctx, p, i0, allTime, base?.rate);
  // A steady model's 30-day counter hardly moves; a cumulative one rises at its daily rate.
  const trend = base ? base.rate : allTime ? level : 0;
  const gained = p.v[i1]! - p.v[i0]! - (trend * over) / DAY_MS;
  // Without three days of its own, assume the counter can swing by a whole day's volume a day.
  const noise = base ? noiseOver(base, over) : (level * Math.sqrt(over * DAY_MS)) / DAY_MS;
  const sigma = Math.max(noise, Math.sqrt(Math.max((level * over) / DAY_MS, 1)));
  const [perLike, perLikeFrom] = expectedPerLike(ctx, w, level);
  const need = w.excess * perLike * ctx.s.followShare;
  const seen = { gained, need, over, perLike, perLikeFrom, allTime };
  if (gained >= need) return { kind: 'followed', ...seen };
  if (p.t[i1]! < due) return { kind: 'pending' };
  // "Flat" only where a response of the expected size would have stood out of the counter's noise.
  return { kind: need >= ctx.s.followZ * sigma ? 'flat' : 'unclear', ...seen };
}

/** Downloads a day around reading `i`: the cumulative counter's median daily rate, else the 30-day counter / 30. */
function dailyLevel(ctx: Context, p: Points, i: number, allTime: boolean, medianRate: number | undefined): number {
  if (allTime) {
    if (medianRate !== undefined) return Math.max(0, medianRate);
    const span = p.t[i]! - p.t[0]!;
    return span > 0 ? ((p.v[i]! - p.v[0]!) / span) * DAY_MS : 0;
  }
  // A repo younger than 30 days has its whole life in the counter (only a stated createdAt says so).
  const age = (p.t[i]! - ctx.createdAt) / DAY_MS;
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
