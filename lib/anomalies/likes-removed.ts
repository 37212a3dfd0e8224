import { DAY_MS, HOUR_MS, type Severity } from '../types';
import { baselineBefore } from './bursts';
import { type Detector, warning } from './context';
import { count, num, span } from './format';
import { likeEpisodes } from './like-episodes';
import { spanConfidence } from './stats';

/** Purges come "within days" of a campaign (signals.md): falls are measured from the peak of the week before. */
const FALL_WINDOW_MS = 7 * DAY_MS;

export const likesRemoved: Detector = {
  kind: 'likes-removed',
  detect(ctx) {
    const fall = largestFall(ctx.series.likes, ctx.at - ctx.s.lookbackDays * DAY_MS);
    if (!fall || fall.drop < ctx.s.removedMinLikes) return null;
    const surge = likeEpisodes(ctx)
      .filter((e) => e.to <= fall.at)
      .sort((a, b) => b.to - a.to)[0];
    const severity: Severity =
      surge && surge.severity !== 'info' ? 'alert' : surge || fall.drop >= ctx.s.removedWarnLikes ? 'warn' : 'info';
    const base = baselineBefore(ctx.series.likes, fall.peakAt, ctx.s.baselineDays * DAY_MS, ctx.s.minBaselineHours * HOUR_MS);
    const evidence =
      `Likes fell by ${count(fall.drop)}, from ${count(fall.peak)} to ${count(fall.low)}, within ` +
      `${span(fall.at - fall.peakAt)} and stayed down` +
      (surge ? `, ${span(fall.at - surge.to)} after ${count(surge.gained)} likes had arrived in ${span(surge.to - surge.from)}` : '') +
      (base ? `; before that it gained ${num(base.mean)}/day over ${span(base.to - base.from)}` : '') +
      `; organic unlikes rarely take back more than 2 a day`;
    const seen = fall.at - ctx.series.first;
    return warning('likes-removed', severity, fall.at, spanConfidence(seen, ctx.s.fullConfidenceDays * DAY_MS), evidence);
  },
  why: (s) =>
    `A fall of the like count by ${count(s.removedMinLikes)} or more from its peak of the previous week, ` +
    `confirmed by the next reading (a single low reading is a stale or failed read), means likes were taken ` +
    `back or purged; organic unlikes in real histories never exceed 2 a day. Promotion services' likes are ` +
    `"filtered within days", so a fall after a burst whose downloads did not follow is an alert, a fall after ` +
    `any burst or of ${count(s.removedWarnLikes)} likes or more a warning, and a smaller one context.`,
};

interface Fall {
  drop: number;
  peak: number;
  peakAt: number;
  low: number;
  /** time of the first low reading */
  at: number;
}

/**
 * The largest fall, within a week, from a peak to a low that the following reading confirms (the
 * higher of the two counts). Monotonic deque of the week's maxima: linear in the readings.
 */
function largestFall(p: { t: number[]; v: number[] }, from: number): Fall | null {
  let best: Fall | null = null;
  const peaks: number[] = [];
  let head = 0;
  for (let i = 0; i + 1 < p.t.length; i++) {
    if (i > 0) {
      while (peaks.length > head && p.v[peaks[peaks.length - 1]!]! <= p.v[i - 1]!) peaks.pop();
      peaks.push(i - 1);
    }
    while (peaks.length > head && p.t[peaks[head]!]! < p.t[i]! - FALL_WINDOW_MS) head++;
    if (peaks.length === head || p.t[i]! < from) continue;
    const top = peaks[head]!;
    const low = Math.max(p.v[i]!, p.v[i + 1]!);
    const drop = p.v[top]! - low;
    if (drop > 0 && (!best || drop > best.drop)) best = { drop, peak: p.v[top]!, peakAt: p.t[top]!, low, at: p.t[i]! };
  }
  return best;
}
