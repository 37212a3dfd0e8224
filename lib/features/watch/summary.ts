import { ratesFor } from '../../estimates';
import { DAY_MS, type ModelHistory } from '../../types';
import { seriesFor } from '../../velocity';
import type { ExplainedWarning } from '../warnings/background';
import { isSerious, topSeverity } from '../warnings/severity';

// One small row per watched model, kept in the database and updated when its snapshots are
// recorded, so the popup reads rows instead of series (1,000 watched models open at once).

const SPARK_POINTS = 60;

export interface WatchRow {
  id: string;
  likes: number | null;
  downloads: number | null;
  /** likes a day: measured, else estimated from the Hub's windows (lib/estimates.ts) */
  likesPerDay24h: number | null;
  likesPerDay7d: number | null;
  likesPerDay30d: number | null;
  /** the 7-day figure is an estimate from the trending score */
  estimated7d: boolean;
  /** likes over the last 30 days, at most 60 points */
  spark: { t: number; v: number }[];
  severity: 'warn' | 'alert' | null;
  /** warnings at warn or above */
  warnings: { kind: string; severity: 'warn' | 'alert'; since: string; evidence: string }[];
  lastPolled?: number;
  snapshots: number;
  /** when this row was computed */
  at: number;
}

function downsample<T>(xs: T[], n: number): T[] {
  if (xs.length <= n) return xs;
  return Array.from({ length: n }, (_, i) => xs[Math.round((i * (xs.length - 1)) / (n - 1))]!);
}

export function summaryOf(h: ModelHistory & { lastApiFetch?: number }, warnings: readonly ExplainedWarning[], now: number): WatchRow {
  const s = h.snapshots;
  const last = s[s.length - 1];
  const likes = ratesFor(h, now).likesPerDay;
  const serious = warnings.filter(isSerious);
  return {
    id: h.id,
    likes: last?.likes ?? null,
    downloads: last?.downloads ?? null,
    likesPerDay24h: likes['24h'].value,
    likesPerDay7d: likes['7d'].value,
    likesPerDay30d: likes['30d'].value,
    estimated7d: likes['7d'].estimated,
    spark: downsample(last ? seriesFor(s, 'likes', last.t - 30 * DAY_MS) : [], SPARK_POINTS),
    severity: topSeverity(serious),
    warnings: serious.map(({ kind, severity, since, evidence }) => ({ kind, severity: severity as 'warn' | 'alert', since, evidence })),
    lastPolled: h.lastApiFetch,
    snapshots: s.length,
    at: now,
  };
}

/** Keys `id|kind|since` of a row's warnings: what "seen" and "new" are counted in. */
export const warningKeys = (row: WatchRow) => row.warnings.map((w) => `${row.id}|${w.kind}|${w.since}`);
