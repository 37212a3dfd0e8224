import type { ModelHistory, Snapshot, Warning } from './types';
import { countUpTo, velocity, type Velocity } from './velocity';

// The `hub-lens-report` version 1 object (shared/formats/report-v1.md): what `npm run analyze`
// prints, computed by the same code the extension runs.

export interface ReportSnapshot {
  /** ISO 8601, `toISOString()` */
  t: string;
  likes: number | null;
  downloads: number | null;
  downloadsAllTime: number | null;
  trendingScore: number | null;
}

export interface ReportModel {
  id: string;
  /** snapshots at or before `at` */
  snapshots: number;
  latest: ReportSnapshot | null;
  velocity: Velocity;
  warnings: Warning[];
}

export interface Report {
  format: 'hub-lens-report';
  version: 1;
  /** null only for a history without a single snapshot, analysed without an explicit time */
  at: string | null;
  models: ReportModel[];
}

export type Detect = (history: ModelHistory, at: number) => Warning[];

const iso = (t: number) => new Date(t).toISOString();

/** The time of the latest snapshot of any model, or undefined for a history without snapshots. */
function latestT(models: readonly ModelHistory[]): number | undefined {
  let latest: number | undefined;
  for (const m of models) {
    const t = m.snapshots[m.snapshots.length - 1]?.t;
    if (t !== undefined && (latest === undefined || t > latest)) latest = t;
  }
  return latest;
}

function reportSnapshot({ t, likes, downloads, downloadsAllTime, trendingScore }: Snapshot): ReportSnapshot {
  return { t: iso(t), likes, downloads, downloadsAllTime, trendingScore };
}

/**
 * A model with no snapshot at or before `at` (it was first seen later) stays in the report, in
 * its place, as `snapshots: 0, latest: null`, all-null velocity and no warnings: the report lists
 * every model of the file, and there is nothing to detect anomalies in.
 */
function reportModel(model: ModelHistory, at: number, detect: Detect): ReportModel {
  const count = countUpTo(model.snapshots, at);
  const snapshots = model.snapshots.slice(0, count);
  const last = snapshots[count - 1];
  return {
    id: model.id,
    snapshots: count,
    latest: last ? reportSnapshot(last) : null,
    velocity: velocity(snapshots),
    warnings: last ? detect({ ...model, snapshots }, at) : [],
  };
}

/**
 * The report as of `at` (epoch ms, a valid time; default: the latest snapshot in the file), models
 * in file order. `detect` sees each history cut at `at`.
 */
export function buildReport(models: ModelHistory[], at: number | undefined, detect: Detect): Report {
  const when = at ?? latestT(models);
  return {
    format: 'hub-lens-report',
    version: 1,
    at: when === undefined ? null : iso(when),
    models: models.map((m) => reportModel(m, when ?? -Infinity, detect)),
  };
}
