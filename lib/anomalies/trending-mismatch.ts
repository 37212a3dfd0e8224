import { DAY_MS } from '@/lib/types';
import { type Detector, warning } from './context';
import { count } from './evidence-numbers';
import { atOrAfter, atOrBefore } from './series';
import { clamp01 } from './stats';

const WEEK_MS = 7 * DAY_MS;

export const trendingMismatch: Detector = {
  detect(ctx) {
    const s = ctx.s;
    const { trendingScore: scores, likes } = ctx.series;
    const si = atOrBefore(scores, ctx.at);
    const e = atOrBefore(likes, ctx.at);
    if (si < 0 || e < 0 || Math.abs(likes.t[e]! - scores.t[si]!) > DAY_MS) return null;
    const score = scores.v[si]!;
    const t = likes.t[e]!;
    // Repos younger than 7 days have score = likes (api.md); only a stated createdAt says so.
    const young = t - ctx.createdAt < WEEK_MS;
    // The likes of the last 7 days lie between what was gained since the readings either side of
    // 7 days ago: no assumption about when within the gap they came.
    const b = atOrBefore(likes, t - WEEK_MS);
    const a = atOrAfter(likes, t - WEEK_MS);
    if (!young && (b < 0 || a < 0)) return null;
    const [lo, hi] = young ? [likes.v[e]!, likes.v[e]!] : [likes.v[e]! - likes.v[a]!, likes.v[e]! - likes.v[b]!];
    const above = score - hi;
    const below = lo - score;
    const gap = Math.max(above, below);
    const ratio = above > 0 ? score / Math.max(hi, 1) : lo / Math.max(score, 1);
    if (gap < 7 * s.trendingLikesPerDay || ratio < s.trendingMismatchFactor) return null;
    const gained = young
      ? `${count(lo)} likes since the repo was created`
      : `${lo === hi ? count(lo) : `${count(lo)}–${count(hi)}`} likes in 7 days`;
    const evidence =
      `Trending score ${count(score)} against ${gained}; the score has tracked 7-day likes closely ` +
      `(185 for +181 in 2024), so ` +
      (above > 0
        ? 'something besides likes lifts it (visits count too since 2026)'
        : 'the Hub seems to leave many of these likes out');
    const from = young ? ctx.createdAt : likes.t[b]!;
    return warning('trending-mismatch', 'info', from, clamp01(WEEK_MS / (t - from)), evidence);
  },
  why: (s) =>
    `The Hub's trending score has matched the likes gained over the last 7 days (staff said so; real lists ` +
    `agree within 5%), or all likes for repos younger than 7 days. Where the score is ` +
    `${s.trendingMismatchFactor} times the likes gained, or the likes ${s.trendingMismatchFactor} times the ` +
    `score, and they differ by at least a week of small-category trending (${count(7 * s.trendingLikesPerDay)} ` +
    `likes), something else moves the score (visits, since 2026) or the Hub leaves likes out. The likes are ` +
    `bracketed by the readings either side of 7 days ago. Context only.`,
};
