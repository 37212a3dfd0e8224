import { DAY_MS, HOUR_MS, type Severity } from '@/lib/types';
import { type Baseline, baselineBefore, episodes, measure, scan, type Window } from './bursts';
import type { Context } from './context';
import { downloadResponse, type Response } from './downloads';
import { atOrBefore, type Points } from './series';
import type { Thresholds } from './thresholds';
import { medianError } from './stats';

// Like bursts of the last `lookbackDays`, each judged by what downloads did after it. Shared by
// like-burst (which reports the most serious) and likes-removed (a fall after a surge is a purge).

export interface LikeEpisode extends Window {
  /** likes within `botWindowHours` at a pace far beyond the model's own (see `botWindow`) */
  bot: boolean;
  /** for a bot-pace window: the largest gain the model made in a window as short before it, or null without history */
  ownMax?: number | null;
  response: Response;
  severity: Severity;
}

/** At most this many separate bursts are judged. */
const MAX_EPISODES = 3;

export function likeEpisodes(ctx: Context): LikeEpisode[] {
  ctx.likeEpisodes ??= find(ctx);
  return ctx.likeEpisodes;
}

function find(ctx: Context): LikeEpisode[] {
  const s = ctx.s;
  const endsFrom = ctx.at - s.lookbackDays * DAY_MS;
  const fallback = cohortBaseline(ctx);
  const windows = scan(ctx.series.likes, {
    windowsMs: s.burstWindowsHours.map((h) => h * HOUR_MS),
    endsFrom,
    baselineMs: s.baselineDays * DAY_MS,
    minBaselineMs: s.minBaselineHours * HOUR_MS,
    z: s.burstZ,
    minExcessPerDay: s.minBurstLikes,
    fallback,
  });
  const bot = botWindow(ctx, endsFrom, fallback);
  const candidates = [
    ...(bot ? [{ ...bot, bot: true }] : []),
    ...windows.map((w) => ({ ...w, bot: false, ownMax: undefined })),
  ];
  const stronger = (a: (typeof candidates)[number], b: (typeof candidates)[number]) =>
    Number(b.bot) - Number(a.bot) || b.z - a.z;
  return episodes(candidates, stronger, MAX_EPISODES, (w) => w.bot).map((w) => {
    const response = downloadResponse(ctx, w);
    return { ...w, response, severity: severityOf(w, response, s) };
  });
}

function severityOf(w: Window & { bot: boolean }, response: Response, s: Thresholds): Severity {
  // A launch, or too few likes for a campaign StarScout would flag, is context at most.
  if (response.kind === 'followed' || w.excess < s.minSuspectLikes) return 'info';
  // Bot pace is a warning before downloads can answer, an alert once they stayed flat or at the
  // pace only bots reach.
  if (w.bot) return response.kind === 'flat' || w.gained >= s.botLikesPerHour ? 'alert' : 'warn';
  return response.kind === 'flat' ? 'warn' : 'info';
}

/**
 * The largest rise within `botWindowHours` that is bot pace for this model: at least
 * `botFloorLikes`, `botOwnFactor` times the most it ever gained in so short a window over its
 * baseline, and `botZ` robust deviations above its own rate. Without history of its own, only the
 * pace no launch reaches (`botLikesPerHour`) speaks.
 */
function botWindow(ctx: Context, endsFrom: number, cohort: Baseline | null): (Window & { ownMax: number | null }) | null {
  const s = ctx.s;
  const p = ctx.series.likes;
  const spanMs = s.botWindowHours * HOUR_MS;
  let best: [number, number] | null = null;
  const start = Math.max(0, atOrBefore(p, endsFrom - spanMs));
  for (let b = start, e = start + 1; e < p.t.length; e++) {
    while (p.t[e]! - p.t[b]! > spanMs) b++;
    const gained = p.v[e]! - p.v[b]!;
    if (p.t[e]! < endsFrom || gained < s.botFloorLikes) continue;
    if (!best || gained > p.v[best[1]]! - p.v[best[0]]!) best = [b, e];
  }
  if (!best) return null;
  const [b, e] = best;
  const own = baselineBefore(p, p.t[b]!, s.baselineDays * DAY_MS, s.minBaselineHours * HOUR_MS);
  const win = measure(p, b, e, HOUR_MS, own ?? cohort);
  const ownMax = own ? largestRise(p, own.from, p.t[b]!, spanMs) : null;
  if (win.gained >= s.botLikesPerHour) return { ...win, ownMax };
  // A new repo has no past to be far beyond: its first hours are what launches look like.
  if (!own || ownMax === null || win.gained < s.botOwnFactor * ownMax) return null;
  return win.z >= s.botZ ? { ...win, ownMax } : null;
}

/** The most a counter gained within `spanMs` between `from` and `to`. */
function largestRise(p: Points, from: number, to: number, spanMs: number): number {
  let max = 0;
  const first = Math.max(0, atOrBefore(p, from));
  for (let b = first, e = first + 1; e < p.t.length && p.t[e]! <= to; e++) {
    while (p.t[e]! - p.t[b]! > spanMs) b++;
    max = Math.max(max, p.v[e]! - p.v[b]!);
  }
  return max;
}

/** Where the model's own history is too short: its cohort's likes a day (from trending scores). */
function cohortBaseline(ctx: Context): Baseline | null {
  const rates = ctx.cohort?.likesPerDay;
  if (!rates || rates.size < ctx.s.minCohortSize) return null;
  const { median, sigma, size } = rates;
  const se = medianError(sigma, size);
  return { rate: median, mean: median, sigma, se, chunkMs: DAY_MS, from: NaN, to: NaN, cohort: true };
}
