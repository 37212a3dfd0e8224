import { DAY_MS, HOUR_MS } from '@/lib/types';
import { ageAt, type Context, type Detector, warning } from './context';
import { count, likesPerDownload, num, span } from './evidence-numbers';
import { atOrBefore, type Rise, rise } from './series';

const WEEK_MS = 7 * DAY_MS;
import { spanConfidence } from './stats';

export const likesWithoutDownloads: Detector = {
  detect(ctx) {
    const s = ctx.s;
    const { likes, downloads, downloadsAllTime: all } = ctx.series;
    if (ctx.downloadsMeasured === 'no' || ageAt(ctx, ctx.series.last) < s.downloadLagHours * HOUR_MS) return null;
    // Less than a day of history (a first view): the Hub's own 7-day window, the trending score.
    const liked: (Rise & { score?: string }) | null =
      rise(likes, ctx.at, s.lookbackDays * DAY_MS, DAY_MS) ?? fromTrendingScore(ctx);
    if (!liked || liked.gained < s.minSuspectLikes) return null;
    // Downloads over the same time: exact from the cumulative counter, else the 30-day counter
    // (which covers at least as long, so the ratio errs low).
    const a0 = atOrBefore(all, liked.from);
    const a1 = atOrBefore(all, ctx.at);
    const r1 = atOrBefore(downloads, ctx.at);
    const exact = a0 >= 0 && a1 > a0;
    const dl = exact ? all.v[a1]! - all.v[a0]! : r1 >= 0 ? downloads.v[r1]! : 0;
    if (!(dl > 0)) return null; // 0 downloads is zero-downloads-trending's case
    // Against the natural figure GGUF counts are deflated; a cohort of its kind carries the same inflation.
    const cohortRatio = ctx.cohort?.likesPerDownload ?? null;
    const deflate = ctx.history.gguf && cohortRatio === null ? s.ggufInflation : 1;
    const ratio = liked.gained / (dl / deflate);
    const ref = cohortRatio ?? 1 / s.naturalDownloadsPerLike;
    const times = ratio / ref;
    if (!(times >= s.ratioWarnFactor)) return null;
    const label = ctx.cohort?.label ? ` (${ctx.cohort.label})` : '';
    const against =
      cohortRatio === null
        ? `the natural ${likesPerDownload(ref)}`
        : `the median of models of its kind${label}, ${likesPerDownload(ref)}`;
    const likedText = liked.score
      ? `About ${count(liked.gained)} likes in ${span(liked.to - liked.from)} (${liked.score})`
      : `${count(liked.gained)} likes in ${span(liked.to - liked.from)}`;
    const evidence =
      `${likedText} against ${count(dl)} downloads ` +
      `${exact ? 'in that time' : 'in the last 30 days'} (${likesPerDownload(ratio)}` +
      `${deflate > 1 ? `, counting GGUF downloads as one in ${num(deflate)}` : ''}), ` +
      `${count(times)} times ${against}`;
    // The trending score is about likes: an estimate, so half the confidence of a measured rise.
    const confidence = spanConfidence(liked.to - liked.from, s.lookbackDays * DAY_MS) * (liked.score ? 0.5 : 1);
    const severity = times >= s.ratioAlertFactor ? 'alert' : 'warn';
    return warning('likes-without-downloads', severity, liked.from, confidence, evidence);
  },
  why: (s) =>
    `Likes gained over the last ${s.lookbackDays} days (at least ${count(s.minSuspectLikes)}) are set against ` +
    `the downloads of the same time. Natural is about 1 like per ${s.naturalDownloadsPerLike}–` +
    `${s.maxDownloadsPerLike} downloads, or the median of models of its kind where known; ` +
    `${count(s.ratioWarnFactor)} times that is a warning ("500 likes with 200 downloads looks suspicious"), ` +
    `${count(s.ratioAlertFactor)} times an alert. GGUF downloads count every file, so against the natural ` +
    `figure they count as one in ${num(s.ggufInflation)}. Not for repos whose downloads the Hub does not ` +
    `count, nor younger than the counter's ${s.downloadLagHours} h lag. On a first view, with less than a ` +
    `day of history, the trending score (about the likes of the last 7 days, all likes under 7 days) stands ` +
    `in for the likes, at half the confidence.`,
};

/** Likes of the trailing 7 days as the trending score gives them (api.md): all of them for a repo younger than that. */
function fromTrendingScore(ctx: Context): (Rise & { score: string }) | null {
  const scores = ctx.series.trendingScore;
  const i = atOrBefore(scores, ctx.at);
  if (i < 0 || !Number.isFinite(ctx.createdAt)) return null;
  const t = scores.t[i]!;
  const age = ageAt(ctx, t);
  if (age < WEEK_MS) {
    const l = atOrBefore(ctx.series.likes, ctx.at);
    if (l < 0) return null;
    return { from: t - age, to: t, gained: ctx.series.likes.v[l]!, score: 'all its likes, as its trending score says' };
  }
  return { from: t - WEEK_MS, to: t, gained: scores.v[i]!, score: 'from its trending score' };
}
