import { DAY_MS } from '@/lib/types';
import type { Baseline } from './bursts';
import { type Detector, warning } from './context';
import type { Response } from './downloads';
import { count, num, span } from './evidence-numbers';
import { type LikeEpisode, likeEpisodes } from './like-episodes';
import type { Thresholds } from './thresholds';
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
    const pace = top.bot ? pacePhrase(top, ctx.s) : '';
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
    `a burst. Bot pace: within ${num(s.botWindowHours)} h (an hour's bot work, as hourly readings see it), ` +
    `at least ${count(s.botFloorLikes)} likes, ${num(s.botOwnFactor)} times the most the model ever gained in ` +
    `so short a window over those days and ${num(s.botZ)} robust deviations above its rate; or ` +
    `${count(s.botLikesPerHour)} likes whatever came before. ` +
    `Fewer than ${count(s.minSuspectLikes)} extra likes (what StarScout needs to flag a repo) stay context. ` +
    `Downloads decide how serious it is, once the Hub has recounted them after the burst (the counters are ` +
    `recounted about daily; a recount counts the likes that came at least ${s.downloadSettleHours} h before ` +
    `it; a counter that never moved is waited for ${s.downloadLagHours} h): if they rose by at least ` +
    `${num(s.followShare * 100)}% of what the model's usual downloads per like predict, it looks like a ` +
    `launch (info); if they stayed flat where such a rise would have stood ${num(s.followZ)} standard ` +
    `deviations out of their day-to-day noise, it looks bought (warn; alert at bot pace); if they clearly ` +
    `rose (by ${num(s.followZ)} standard deviations and ${num(s.followShare * 50)}% of that prediction), it stays context (a launch's downloads ` +
    `may still be coming). Bot pace is a ` +
    `warning before downloads can answer. Where the model has too little history of its own, models of its ` +
    `kind stand in for its baseline.`,
};

function pacePhrase(e: LikeEpisode, s: Thresholds): string {
  if (e.gained >= s.botLikesPerHour || !e.ownMax) return ', a pace only bots reach';
  return `, ${num(e.gained / e.ownMax)} times the most it had gained in ${num(s.botWindowHours)} h before (${count(e.ownMax)})`;
}

const counterName = (allTime: boolean) => (allTime ? 'all-time download counter' : '30-day download counter');
const moved = (n: number) => (n >= 0 ? `moved +${count(n)} beyond its usual trend` : `fell ${count(-n)} short of its usual trend`);
const recounted = (ms: number) => (ms > 0 ? `by ${span(ms)} after the burst` : 'during it');

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
        `downloads did not follow: the ${counterName(r.allTime)}, recounted ${recounted(r.recountedBy)}, ` +
        `${moved(r.gained)} over ${span(r.over)}, where ${from} 1 like per ` +
        `${count(r.perLike)} downloads would mean about ${count(r.counted * r.perLike)}`
      );
    }
    case 'partial':
      return (
        `downloads rose by ${count(r.gained)} beyond their usual trend, less than the ${count(r.need / s.followShare)} ` +
        `its usual downloads per like would mean: perhaps a launch whose downloads are still coming`
      );
    case 'unclear':
      return `its downloads swing too much from day to day to tell whether they followed`;
    case 'pending':
      return r.neverMoved
        ? `downloads cannot answer yet: the download counter has never moved, and may lag up to ${s.downloadLagHours} h`
        : `downloads cannot answer yet: the Hub has not recounted them since the burst (it does so about daily)`;
    case 'unmeasured':
      return `the Hub does not count this repo's downloads, so a launch cannot be told from a campaign`;
    case 'unknown':
      return `its downloads are not known, so a launch cannot be told from a campaign`;
  }
}
