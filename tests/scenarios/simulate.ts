import { HOUR_MS, type ModelHistory, type Snapshot } from '@/lib/types';
import type { Random } from './random';

// An invented model on an invented Hub, hour by hour, and what Hub Lens would have recorded of it.
// The Hub side follows api.md: likes are live; the 30-day and all-time download counters are
// recomputed about once a day at no fixed hour, now and then a day is skipped (real histories: steps
// 24 h apart at the median, 37 h at the 90th percentile, 48 h at the 95th), and each recount covers
// downloads up to a few hours before it; a new repo's counter starts only after a lag; an uncounted
// repo always shows 0; GGUF repos count every .gguf file; the trending score is the likes gained over
// the last 7 days (all likes for a repo younger than that).

export type Sampling = 'hourly' | 'twice a day' | 'daily' | 'irregular';
export const SAMPLINGS: readonly Sampling[] = ['hourly', 'twice a day', 'daily', 'irregular'];

export interface Plan {
  id: string;
  /** simulated hours, from hour 0 */
  hours: number;
  /** hour at which Hub Lens starts recording */
  watchFrom: number;
  /** hour of creation; null for a repo created long before hour 0 */
  createdHour: number | null;
  /** what the history says about creation (may be the placeholder, or absent) */
  createdAt?: string;
  likes0: number;
  /** expected organic likes per hour at hour h (also drives organic downloads) */
  interest: (h: number) => number;
  downloadsPerLike: number;
  /** hours by which downloads trail interest */
  downloadDelayH: number;
  /** bought likes: no downloads come with them; optionally taken back later */
  bought: { from: number; hours: number; count: number; purge?: { at: number; share: number } }[];
  /** hours before a new repo's counter shows anything */
  counterLagH: number;
  /** whether the Hub counts the repo's downloads */
  tracked: boolean;
  /** what the history records as trackDownloads */
  trackDownloads: boolean | undefined;
  allTime: boolean;
  score: boolean;
  /** a GGUF repo: every download counts once per .gguf file */
  gguf: boolean;
  /** .gguf files per download (1 for other repos) */
  files: number;
  /** hours by which each recount trails the downloads it counts */
  recountLagH: number;
  sampling: Sampling;
}

const WARMUP_H = 30 * 24;

export interface Simulated {
  history: ModelHistory;
  at: number;
  /** times (ms) at which the Hub recounted the downloads */
  recounts: number[];
}

export function simulate(plan: Plan, r: Random, epoch: number): Simulated {
  const H = plan.hours;
  const born = plan.createdHour ?? -Infinity;
  const likes = new Float64Array(H + 1);
  // Downloads from WARMUP_H before hour 0, so an old repo's 30-day counter is full from the start.
  const dl = new Float64Array(H + 1 + WARMUP_H);
  const dlDay = new Map<number, number>();
  let cum = 0;
  for (let h = -WARMUP_H; h <= H; h++) {
    const day = Math.floor(h / 24);
    if (!dlDay.has(day)) dlDay.set(day, r.lognormal(0.25));
    const alive = h >= born;
    const interest = alive ? plan.interest(Math.max(h - plan.downloadDelayH, Math.max(born, -WARMUP_H))) : 0;
    cum += alive ? plan.files * r.poisson(interest * plan.downloadsPerLike * dlDay.get(day)!) : 0;
    dl[h + WARMUP_H] = cum;
  }
  let total = plan.likes0;
  for (let h = 0; h <= H; h++) {
    if (h >= born) total += r.poisson(plan.interest(h));
    for (const b of plan.bought) {
      if (h >= b.from && h < b.from + b.hours) {
        total += Math.floor(((h - b.from + 1) * b.count) / b.hours) - Math.floor(((h - b.from) * b.count) / b.hours);
      }
      if (b.purge && h === b.purge.at) total -= Math.round(b.purge.share * b.count);
    }
    likes[h] = Math.max(0, total);
  }
  const updates = counterUpdates(plan, r);
  const snapshots: Snapshot[] = [];
  for (const s of sampleHours(plan, r)) {
    const h = Math.floor(s);
    // One API read in fifty comes from a stale cache, a few hours old; the page view at the end is live.
    const stale = r.next() < 0.02 && s < plan.hours ? Math.max(0, h - r.int(1, 3)) : h;
    let u = -1;
    for (const x of updates) if (x <= s) u = x;
    // A recount covers the downloads up to a few hours before it.
    const c = Math.max(0, Math.floor(u - plan.recountLagH) + WARMUP_H);
    const rolling = u < 0 ? 0 : dl[c]! - dl[Math.max(0, c - 720)]!;
    const allTime = u < 0 ? 0 : dl[c]!;
    const week = h - born < 168 ? likes[h]! : likes[h]! - likes[Math.max(0, h - 168)]!;
    snapshots.push({
      t: epoch + Math.round(s * HOUR_MS),
      likes: likes[stale]!,
      downloads: plan.tracked ? rolling : 0,
      downloadsAllTime: plan.allTime ? (plan.tracked ? allTime : 0) : null,
      trendingScore: plan.score ? Math.max(0, Math.round(week * (1 + 0.03 * r.normal()))) : null,
    });
  }
  const history: ModelHistory = {
    id: plan.id,
    ...(plan.createdAt === undefined ? {} : { createdAt: plan.createdAt }),
    ...(plan.trackDownloads === undefined ? {} : { trackDownloads: plan.trackDownloads }),
    ...(plan.gguf ? { gguf: true } : {}),
    snapshots,
  };
  const at = snapshots.length ? snapshots[snapshots.length - 1]!.t : epoch + H * HOUR_MS;
  return { history, at, recounts: updates.map((u) => epoch + u * HOUR_MS) };
}

/** Hours at which the Hub recomputes the download counters: about daily at any hour, a day skipped now and then. */
export function counterUpdates(plan: Pick<Plan, 'createdHour' | 'counterLagH' | 'hours'>, r: Random): number[] {
  const out: number[] = [];
  let u = plan.createdHour === null ? r.between(-24, 0) : plan.createdHour + plan.counterLagH;
  for (; u <= plan.hours; u += (r.next() < 0.1 ? 48 : 24) + r.between(-6, 6)) out.push(Math.floor(u));
  return out;
}

function sampleHours(plan: Plan, r: Random): number[] {
  const out: number[] = [];
  const step: Record<Sampling, () => number> = {
    hourly: () => 1,
    'twice a day': () => 12 + r.between(-1, 1),
    daily: () => 24 + r.between(-1, 1),
    // Anything from half an hour to a day and a half, and now and then days away.
    irregular: () => (r.next() < 0.03 ? r.between(48, 96) : Math.min(36, Math.max(0.5, -10 * Math.log(1 - r.next())))),
  };
  for (let s = plan.watchFrom + r.between(0, 1); s < plan.hours; s += step[plan.sampling]()) out.push(s);
  // The user opens the model's page at the end: Hub Lens reads it then.
  out.push(plan.hours);
  return out;
}

/** Organic interest: a base rate with day-to-day swings (log-normal) and a day/night cycle. */
export function organic(r: Random, likesPerDay: number): (h: number) => number {
  const days = new Map<number, number>();
  const phase = r.between(0, 2 * Math.PI);
  return (h) => {
    const day = Math.floor(h / 24);
    if (!days.has(day)) days.set(day, r.lognormal(0.3));
    return (likesPerDay / 24) * days.get(day)! * (1 + 0.4 * Math.sin((2 * Math.PI * h) / 24 + phase));
  };
}
