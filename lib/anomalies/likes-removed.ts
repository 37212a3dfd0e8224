import { DAY_MS, HOUR_MS, type Severity } from '@/lib/types';
import { baselineBefore } from './bursts';
import { type Detector, warning } from './context';
import { count, num, span } from './evidence-numbers';
import { likeEpisodes } from './like-episodes';
import { atOrBefore, type Points } from './series';
import { spanConfidence } from './stats';

export const likesRemoved: Detector = {
  detect(ctx) {
    const fall = largestFall(ctx.series.likes, ctx.at - ctx.s.lookbackDays * DAY_MS, ctx.s.fallWindowDays * DAY_MS);
    if (!fall || fall.drop < ctx.s.removedMinLikes) return null;
    const surge = likeEpisodes(ctx)
      .filter((e) => e.to <= fall.at)
      .sort((a, b) => b.to - a.to)[0];
    // Likes bought and then filtered out: a fall after a burst that downloads did not follow.
    const severity: Severity =
      surge && surge.severity !== 'info' ? 'alert' : surge || fall.drop >= ctx.s.minSuspectLikes ? 'warn' : 'info';
    const s = ctx.s;
    const base = baselineBefore(ctx.series.likes, fall.peakAt, s.baselineDays * DAY_MS, s.minBaselineHours * HOUR_MS);
    const after = surge
      ? `, ${span(fall.at - surge.to)} after ${count(surge.gained)} likes had arrived in ${span(surge.to - surge.from)}`
      : '';
    const evidence =
      `Likes fell by ${count(fall.drop)}, from ${count(fall.peak)} to ${count(fall.low)}, within ` +
      `${span(fall.at - fall.peakAt)} and stayed down${after}` +
      (base ? `; before that it gained ${num(base.mean)}/day over ${span(base.to - base.from)}` : '') +
      `; organic unlikes rarely take back more than 2 a day`;
    const confidence = spanConfidence(fall.at - ctx.series.first, s.fullConfidenceDays * DAY_MS);
    return warning('likes-removed', severity, fall.at, confidence, evidence);
  },
  why: (s) =>
    `A fall of the like count by ${count(s.removedMinLikes)} or more from its peak of the previous ` +
    `${s.fallWindowDays} days, ` +
    `confirmed by the next reading and with no reading of the 6 h after it back at the peak (a low reading is ` +
    `a stale read, a few hours old, or a failed one), means likes were taken ` +
    `back or purged; organic unlikes in real histories never exceed 2 a day. Promotion services' likes are ` +
    `"filtered within days", so a fall after a burst whose downloads did not follow is an alert, a fall after ` +
    `any burst or of ${count(s.minSuspectLikes)} likes or more a warning, and a smaller one context.`,
};

interface Fall {
  drop: number;
  peak: number;
  peakAt: number;
  low: number;
  /** time of the first low reading */
  at: number;
}

/** A stale read is a few hours old: the fresh readings of the next hours are back at the peak. */
const STALE_MS = 6 * 3_600_000;

/** The low at reading `i` (the higher of it and the next), unless a reading of the following hours is back at `peak`. */
function confirmedLow(p: Points, i: number, peak: number): number | null {
  for (let j = i + 1; j < p.t.length && (j === i + 1 || p.t[j]! <= p.t[i]! + STALE_MS); j++) if (p.v[j]! >= peak) return null;
  return Math.max(p.v[i]!, p.v[i + 1]!);
}

/**
 * The largest fall, within `windowMs`, from a peak to a low that the following reading confirms (the
 * higher of the two counts). Monotonic deque of the week's maxima: linear in the readings.
 */
function largestFall(p: Points, from: number, windowMs: number): Fall | null {
  let best: Fall | null = null;
  const peaks: number[] = [];
  let head = 0;
  for (let i = Math.max(0, atOrBefore(p, from - windowMs)); i + 1 < p.t.length; i++) {
    if (i > 0) {
      while (peaks.length > head && p.v[peaks[peaks.length - 1]!]! <= p.v[i - 1]!) peaks.pop();
      peaks.push(i - 1);
    }
    while (peaks.length > head && p.t[peaks[head]!]! < p.t[i]! - windowMs) head++;
    if (peaks.length === head || p.t[i]! < from) continue;
    const top = peaks[head]!;
    const low = confirmedLow(p, i, p.v[top]!);
    if (low === null) continue;
    const drop = p.v[top]! - low;
    if (drop > 0 && (!best || drop > best.drop)) best = { drop, peak: p.v[top]!, peakAt: p.t[top]!, low, at: p.t[i]! };
  }
  return best;
}
