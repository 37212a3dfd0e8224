import { DAY_MS, type Snapshot } from '@/lib/types';

// Retention: every snapshot of the last 30 days; older ones, one per model per day (the
// day's last), packed by month. The model's first snapshot is always kept.
export const RETAIN_ALL_MS = 30 * DAY_MS;

export const dayStart = (t: number) => Math.floor(t / DAY_MS) * DAY_MS;

export function monthStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** Start of the day before which snapshots are kept one a day. */
export const retentionCutoff = (now: number) => dayStart(now - RETAIN_ALL_MS);

/** The chunk a snapshot is written to: its day while recent, its month once old. */
export const bucketOf = (t: number, now: number) =>
  t < retentionCutoff(now) ? monthStart(t) : dayStart(t);

/** Merge `incoming` into sorted `base`; a later value at the same `t` wins. */
export function mergeSnapshots(
  base: readonly Snapshot[],
  incoming: readonly Snapshot[],
): { merged: Snapshot[]; added: number; changed: number; present: number } {
  const byT = new Map<number, Snapshot>();
  for (const s of base) byT.set(s.t, s);
  let added = 0;
  let changed = 0;
  let present = 0;
  for (const s of incoming) {
    const old = byT.get(s.t);
    if (!old) added++;
    else if (sameValues(old, s)) present++;
    else changed++;
    byT.set(s.t, s);
  }
  const merged = [...byT.values()].sort((a, b) => a.t - b.t);
  return { merged, added, changed, present };
}

export const sameValues = (a: Snapshot, b: Snapshot) =>
  a.likes === b.likes &&
  a.downloads === b.downloads &&
  a.downloadsAllTime === b.downloadsAllTime &&
  a.trendingScore === b.trendingScore;

/** One snapshot per UTC day (the day's last), plus the series' first. Input sorted. */
export function reduceToDaily(snaps: readonly Snapshot[], keepFirst: boolean): Snapshot[] {
  const out: Snapshot[] = [];
  snaps.forEach((s, i) => {
    const next = snaps[i + 1];
    const lastOfDay = !next || dayStart(next.t) !== dayStart(s.t);
    if (lastOfDay || (i === 0 && keepFirst)) out.push(s);
  });
  return out;
}
