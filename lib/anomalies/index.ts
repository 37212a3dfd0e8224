import { DAY_MS, type ModelHistory, type Warning, type WarningKind } from '@/lib/types';
import type { Cohort } from './cohort';
import { contextFor, type Detector } from './context';
import { downloadSpike } from './download-spike';
import { downloadsNotMeasured } from './downloads-not-measured';
import { likeBurst } from './like-burst';
import { likesRemoved } from './likes-removed';
import { likesWithoutDownloads } from './likes-without-downloads';
import { type AnomalySettings, thresholds } from './thresholds';
import { superseded } from './superseded';
import { trendingMismatch } from './trending-mismatch';
import { zeroDownloadsTrending } from './zero-downloads-trending';

export { type Cohort, cohortFrom } from './cohort';
export { type AnomalySettings, DEFAULT_THRESHOLDS, type Sensitivity } from './thresholds';

export interface AnomalyOptions {
  /** overrides of DEFAULT_THRESHOLDS, `sensitivity` included */
  settings?: Partial<AnomalySettings>;
  /** models of the same kind, from `cohortFrom` */
  cohort?: Cohort;
}

const DETECTORS: Record<WarningKind, Detector> = {
  'downloads-not-measured': downloadsNotMeasured,
  'like-burst': likeBurst,
  'likes-without-downloads': likesWithoutDownloads,
  'zero-downloads-trending': zeroDownloadsTrending,
  'likes-removed': likesRemoved,
  'download-spike': downloadSpike,
  'trending-mismatch': trendingMismatch,
  superseded,
};

const RANK = { alert: 0, warn: 1, info: 2 } as const;

/**
 * Anomaly signals of one model as of `at` (epoch ms), using only snapshots at or before it: at most
 * one warning per kind, most serious first. Pure; never throws on odd histories.
 */
export function detectAnomalies(history: ModelHistory, at: number, options: AnomalyOptions = {}): Warning[] {
  const ctx = contextFor(history, at, thresholds(options.settings), options.cohort);
  if (!ctx) return [];
  // Numbers last seen more than `lookbackDays` before `at` say nothing about now.
  const recent = ctx.series.last >= at - ctx.s.lookbackDays * DAY_MS;
  const out: Warning[] = [];
  for (const d of Object.values(DETECTORS)) {
    const w = d.meta || recent ? d.detect(ctx) : null;
    if (w) out.push(w);
  }
  return out.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

/** The rule behind a kind of warning, in plain language, with the numbers the settings give it. */
export function explain(kind: WarningKind, settings: Partial<AnomalySettings> = {}): string {
  return DETECTORS[kind].why(thresholds(settings));
}
