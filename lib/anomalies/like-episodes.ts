import { DAY_MS, HOUR_MS, type Severity } from '../types';
import { type Baseline, baselineBefore, episodes, measure, scan, type Window } from './bursts';
import type { Context } from './context';
import { downloadResponse, type Response } from './downloads';
import { atOrBefore } from './series';
import { medianError } from './stats';

// Like bursts of the last `lookbackDays`, each judged by what downloads did after it. Shared by
// like-burst (which reports the most serious) and likes-removed (a fall after a surge is a purge).

export interface LikeEpisode extends Window {
  /** at least `botLikesPerHour` likes within `botWindowHours` */
  bot: boolean;
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
  const windows = scan(ctx.series.likes, {
    windowsMs: s.burstWindowsHours.map((h) => h * HOUR_MS),
    endsFrom,
    baselineMs: s.baselineDays * DAY_MS,
    minBaselineMs: s.minBaselineHours * HOUR_MS,
    z: s.burstZ,
    minExcessPerDay: s.minBurstLikes,
    fallback: cohortBaseline(ctx),
  });
  const bot = botWindow(ctx, endsFrom);
  const candidates = [...(bot ? [{ ...bot, bot: true }] : []), ...windows.map((w) => ({ ...w, bot: false }))];
  const stronger = (a: (typeof candidates)[number], b: (typeof candidates)[number]) =>
    Number(b.bot) - Number(a.bot) || b.z - a.z;
  return episodes(candidates, stronger, MAX_EPISODES, (w) => w.bot).map((w) => {
    const response = downloadResponse(ctx, w);
    return { ...w, response, severity: severityOf(w, response, s.minSuspectLikes) };
  });
}

function severityOf(w: Window & { bot: boolean }, response: Response, minSuspectLikes: number): Severity {
  // A launch, or too few likes for a campaign StarScout would flag, is context at most.
  if (response.kind === 'followed' || w.excess < minSuspectLikes) return 'info';
  if (w.bot) return 'alert';
  return response.kind === 'flat' ? 'warn' : 'info';
}

/** The largest rise within `botWindowHours`, if it holds `botLikesPerHour` likes: bots, whatever the baseline. */
function botWindow(ctx: Context, endsFrom: number): Window | null {
  const p = ctx.series.likes;
  const spanMs = ctx.s.botWindowHours * HOUR_MS;
  let best: [number, number] | null = null;
  const start = Math.max(0, atOrBefore(p, endsFrom - spanMs));
  for (let b = start, e = start + 1; e < p.t.length; e++) {
    while (p.t[e]! - p.t[b]! > spanMs) b++;
    const gained = p.v[e]! - p.v[b]!;
    if (p.t[e]! < endsFrom || gained < ctx.s.botLikesPerHour) continue;
    if (!best || gained > p.v[best[1]]! - p.v[best[0]]!) best = [b, e];
  }
  if (!best) return null;
  const base = baselineBefore(p, p.t[best[0]]!, ctx.s.baselineDays * DAY_MS, ctx.s.minBaselineHours * HOUR_MS);
  return measure(p, best[0], best[1], HOUR_MS, base);
}

/** Where the model's own history is too short: its cohort's likes a day (from trending scores). */
function cohortBaseline(ctx: Context): Baseline | null {
  const rates = ctx.cohort?.likesPerDay;
  if (!rates || rates.size < ctx.s.minCohortSize) return null;
  const { median, sigma, size } = rates;
  const se = medianError(sigma, size);
  return { rate: median, mean: median, sigma, se, chunkMs: DAY_MS, from: NaN, to: NaN, cohort: true };
}
