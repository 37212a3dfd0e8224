import type { Point } from '@/components/Sparkline';
import { ratesFor } from '@/lib/estimates';
import { DAY_MS, type ModelHistory } from '@/lib/types';
import { seriesFor } from '@/lib/velocity';
import type { ExplainedWarning } from '@/lib/features/detector';
import { isSerious, topSeverity } from '@/lib/anomalies/severity';

// One small row per watched model, kept in the database and updated when its snapshots are
// recorded, so the popup reads rows instead of series (1,000 watched models open at once).

const SPARK_POINTS = 60;
const MINUTE_MS = 60_000;

/**
 * A row's sparkline as two columns of small numbers, each point's change from the one before:
 * minutes since the previous point (from `from`), and likes gained (the first, the count). Every
 * popup open reads all rows from the database and sends them over: 60 small objects a row made
 * that 2 MB for 1,000 rows, plain columns 0.9 MB, changes about a third of that.
 */
export interface Spark {
  from: number;
  minutes: number[];
  likes: number[];
}

const changes = (xs: readonly number[]) => xs.map((x, i) => (i === 0 ? x : x - xs[i - 1]!));
const sums = (xs: readonly number[]) => {
  let total = 0;
  return xs.map((x) => (total += x));
};

export function packSpark(points: readonly Point[]): Spark {
  const from = points[0]?.t ?? 0;
  return {
    from,
    minutes: changes(points.map((p) => Math.round((p.t - from) / MINUTE_MS))),
    likes: changes(points.map((p) => p.v)),
  };
}

const isNumbers = (xs: unknown): xs is number[] => Array.isArray(xs) && xs.every(Number.isFinite);

/** The points of a stored spark; a row is read from the database, so anything else (a row of an older version) has none. */
export function sparkPoints(spark: unknown): Point[] {
  const s = spark as Partial<Spark> | null | undefined;
  if (!s || !Number.isFinite(s.from) || !isNumbers(s.minutes) || !isNumbers(s.likes) || s.minutes.length !== s.likes.length) return [];
  const likes = sums(s.likes);
  return sums(s.minutes).map((m, i) => ({ t: s.from! + m * MINUTE_MS, v: likes[i]! }));
}

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
  spark: Spark;
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
    spark: packSpark(downsample(last ? seriesFor(s, 'likes', last.t - 30 * DAY_MS) : [], SPARK_POINTS)),
    severity: topSeverity(serious),
    warnings: serious.map(({ kind, severity, since, evidence }) => ({ kind, severity: severity as 'warn' | 'alert', since, evidence })),
    lastPolled: h.lastApiFetch,
    snapshots: s.length,
    at: now,
  };
}

/** Keys `id|kind|since` of a row's warnings: what "seen" and "new" are counted in. */
export const warningKeys = (row: WatchRow) => row.warnings.map((w) => `${row.id}|${w.kind}|${w.since}`);
