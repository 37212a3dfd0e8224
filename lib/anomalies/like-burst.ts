import { DAY_MS } from '../types';
import type { Baseline } from './bursts';
import { type Detector, warning } from './context';
import type { Response } from './downloads';
import { count, num, span } from './format';
import { type LikeEpisode, likeEpisodes } from './like-episodes';
import type { Thresholds } from './settings';
import { spanConfidence } from './stats';

const RANK = { info: 0, warn: 1, alert: 2 } as const;

export const likeBurst: Detector = {
  detect(ctx) {
    const top = likeEpisodes(ctx).reduce<LikeEpisode | null>(
      (m, e) => (!m || RANK[e.severity] > RANK[m.severity] ? e : m),
      null,
    );
    if (!top) return null;
    const b = top.baseline;
    const sampling = Math.min(1, top.nominal / Math.max(top.to - top.from, 1));
    // Bot pace is evidence by itself; otherwise confidence grows with the history behind the baseline.
    const seen = b && !b.cohort ? b.to - b.from : ctx.series.last - ctx.series.first;
    const history = top.bot ? 1 : spanConfidence(seen, ctx.s.fullConfidenceDays * DAY_MS);
    const pace = top.bot ? ', a pace only bots reach' : '';
    const evidence =
      `${count(top.gained)} likes in ${span(top.to - top.from)}${pace}; ` +
      `${baselinePhrase(b, ctx.cohort?.label)}; ${responsePhrase(top, ctx.s)}`;
    return warning('like-burst', top.severity, top.from, history * sampling, evidence);
  },
  why: (s) =>
    `Likes gained over ${s.burstWindowsHours.join(', ')} h windows are compared with the model's own rate ` +
    `over the previous ${s.baselineDays} days: the median and median absolute deviation of its rates, so ` +
    `an earlier burst does not hide the next one. A window more than ${num(s.burstZ)} robust standard ` +
    `deviations and ${num(s.minBurstLikes)} likes a day (small categories trend at that pace) above it is ` +
    `a burst; ${count(s.botLikesPerHour)} likes within ${num(s.botWindowHours)} h (an hour's bot work, as ` +
    `hourly readings see it) is bots whatever came before. ` +
    `Fewer than ${count(s.minSuspectLikes)} extra likes (what StarScout needs to flag a repo) stay context. ` +
    `Downloads decide how serious it is: if they rise, over the burst and the ${s.downloadLagHours} h ` +
    `after it, by at least ${num(s.followShare * 100)}% ` +
    `of what the model's usual downloads per like predict, it looks like a launch (info); if they stay ` +
    `flat where such a rise would have stood ${num(s.followZ)} standard deviations out of their day-to-day ` +
    `noise, it looks bought (warn; alert at bot pace). Where the ` +
    `model has too little history of its own, models of its kind stand in.`,
};

function baselinePhrase(b: Baseline | null, label: string | undefined): string {
  if (!b) return 'there is no earlier history to compare with';
  if (b.cohort) return `models of its kind${label ? ` (${label})` : ''} gain a median of ${num(b.rate)}/day`;
  return `before that it averaged ${num(b.mean)}/day over ${span(b.to - b.from)}`;
}

function responsePhrase(e: LikeEpisode, s: Thresholds): string {
  const r: Response = e.response;
  switch (r.kind) {
    case 'followed':
      return `downloads rose with them (${count(r.gained)} more than their usual trend over ${span(r.over)})`;
    case 'flat': {
      const from = { own: 'its own', cohort: "its cohort's", natural: 'the natural' }[r.perLikeFrom];
      return (
        `downloads did not follow (${count(Math.max(0, r.gained))} more than their usual trend over ` +
        `${span(r.over)}, where ${from} 1 like per ${count(r.perLike)} downloads would mean about ` +
        `${count(e.excess * r.perLike)})`
      );
    }
    case 'unclear':
      return `its downloads swing too much from day to day to tell whether they followed`;
    case 'pending':
      return `too early to tell whether downloads follow (the counter lags up to ${s.downloadLagHours} h)`;
    case 'unmeasured':
      return `the Hub does not count this repo's downloads, so a launch cannot be told from a campaign`;
    case 'unknown':
      return `its downloads are not known, so a launch cannot be told from a campaign`;
  }
}
