import { DAY_MS, HOUR_MS, type Severity } from '../types';
import { type Baseline, baselineBefore, episodes, measure, scan, type Window } from './bursts';
import { cached, type Context } from './context';
import { downloadResponse, type Response } from './downloads';

// Like bursts of the last `lookbackDays`, each judged by what downloads did after it. Shared by
// like-burst (which reports the most serious) and likes-removed (a fall after a surge is a purge).

export interface LikeEpisode extends Window {
  /** at least `botLikesPerHour` likes within two hours */
  bot: boolean;
  response: Response;
  severity: Severity;
}

/** At most this many separate bursts are judged. */
const MAX_EPISODES = 3;
const BOT_SPAN_MS = 2 * HOUR_MS;

export function likeEpisodes(ctx: Context): LikeEpisode[] {
  return cached(ctx, 'likeEpisodes', () => {
    const s = ctx.s;
    const endsFrom = ctx.at - s.lookbackDays * DAY_MS;
    const windows = scan(ctx.series.likes, {
      windowsMs: s.burstWindowsHours.map((h) => h * HOUR_MS),
      endsFrom,
      baselineMs: s.baselineDays * DAY_MS,
      minBaselineMs: s.minBaselineHours * HOUR_MS,
      z: s.burstZ,
      minExcess: s.minBurstLikes,
      fallback: cohortBaseline(ctx),
    });
    const candidates = [
      ...botWindows(ctx, endsFrom).map((w) => ({ ...w, bot: true })),
      ...windows.map((w) => ({ ...w, bot: false })),
    ];
    const stronger = (a: (typeof candidates)[number], b: (typeof candidates)[number]) =>
      Number(b.bot) - Number(a.bot) || b.z - a.z;
    return episodes(candidates, stronger, MAX_EPISODES).map((w) => {
      const response = downloadResponse(ctx, w);
      const severity: Severity =
        response.kind === 'followed' ? 'info' : w.bot ? 'alert' : response.kind === 'flat' ? 'warn' : 'info';
      return { ...w, response, severity };
    });
  });
}

/** The largest rise within two hours, if it holds `botLikesPerHour` likes: no baseline needed to call that bots. */
function botWindows(ctx: Context, endsFrom: number): Window[] {
  const p = ctx.series.likes;
  let best: [number, number] | null = null;
  for (let b = 0, e = 1; e < p.t.length; e++) {
    while (p.t[e]! - p.t[b]! > BOT_SPAN_MS) b++;
    const gained = p.v[e]! - p.v[b]!;
    if (p.t[e]! < endsFrom || gained < ctx.s.botLikesPerHour) continue;
    if (!best || gained > p.v[best[1]]! - p.v[best[0]]!) best = [b, e];
  }
  if (!best) return [];
  const base = baselineBefore(p, p.t[best[0]]!, ctx.s.baselineDays * DAY_MS, ctx.s.minBaselineHours * HOUR_MS);
  return [measure(p, best[0], best[1], HOUR_MS, base)];
}

/** Where the model's own history is too short: its cohort's likes a day (from trending scores). */
function cohortBaseline(ctx: Context): Baseline | null {
  const rates = ctx.cohort?.likesPerDay;
  if (!rates || rates.size < ctx.s.minCohortSize) return null;
  return { rate: rates.median, mean: rates.median, sigma: rates.sigma, chunkMs: DAY_MS, from: NaN, to: NaN, cohort: true };
}
