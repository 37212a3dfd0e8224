import { DAY_MS, HOUR_MS, type Severity } from '@/lib/types';
import { ageAt, type Detector, warning } from './context';
import { count, num, span } from './evidence-numbers';
import { atOrBefore, rise } from './series';
import { spanConfidence } from './stats';

export const zeroDownloadsTrending: Detector = {
  detect(ctx) {
    // Measurability first: a 0 on a repo not known to be counted (adapters, repos without a
    // countable file) says nothing about use.
    if (ctx.downloadsMeasured !== 'yes') return null;
    const p = ctx.series.downloads.t.length ? ctx.series.downloads : ctx.series.downloadsAllTime;
    const n = p.t.length;
    if (!n || p.v[n - 1] !== 0) return null;
    let run = n - 1;
    while (run > 0 && p.v[run - 1] === 0) run--;
    // Zeros before the counter's lag has passed are not evidence (api.md).
    const lagMs = ctx.s.downloadLagHours * HOUR_MS;
    let past = run;
    while (past < n && ageAt(ctx, p.t[past]!) < lagMs) past++;
    if (past === n) return null;
    const likes = rise(ctx.series.likes, ctx.at, 7 * DAY_MS, DAY_MS);
    const perDay = likes ? (likes.gained / (likes.to - likes.from)) * DAY_MS : 0;
    const si = atOrBefore(ctx.series.trendingScore, ctx.at);
    const score = si >= 0 ? ctx.series.trendingScore.v[si]! : null;
    const trendingScore = score !== null && score >= 7 * ctx.s.trendingLikesPerDay;
    if (!trendingScore && perDay < ctx.s.trendingLikesPerDay) return null;
    const zeroFor = p.t[n - 1]! - p.t[past]!;
    const severity: Severity = zeroFor >= ctx.s.zeroAlertDays * DAY_MS ? 'alert' : 'warn';
    const liked = likes
      ? `${count(likes.gained)} likes in ${span(likes.to - likes.from)} (${num(perDay)}/day)`
      : 'no recent likes';
    const evidence =
      `${liked}${score !== null ? ` and a trending score of ${count(score)}` : ''}, yet downloads read 0 ` +
      (zeroFor > 0 ? `for ${span(zeroFor)} ` : '') +
      `on a repo older than the counter's ${ctx.s.downloadLagHours} h lag; a small category trends at ` +
      `${num(ctx.s.trendingLikesPerDay)} likes/day, and the Hub counts this repo's downloads`;
    const confidence = spanConfidence(p.t[n - 1]! - p.t[run]!, ctx.s.zeroAlertDays * DAY_MS);
    return warning('zero-downloads-trending', severity, p.t[past]!, confidence, evidence);
  },
  why: (s) =>
    `A repo gaining ${num(s.trendingLikesPerDay)} likes a day or more (enough to trend in a small category; ` +
    `the trending score is about the likes of the last 7 days) whose download counter reads 0, once the repo ` +
    `is older than the counter's ${s.downloadLagHours} h lag. Only repos the Hub is known to count (the page ` +
    `says so, or a counter once moved): adapters and repos without a countable file always read 0, so there ` +
    `a 0 says nothing. At 0 for a whole ${s.zeroAlertDays}-day trending window it is an alert.`,
};
