import type { ModelHistory, Severity, Warning, WarningKind } from '@/lib/types';
import type { Cohort } from './cohort';
import type { LikeEpisode } from './like-episodes';
import { prepare, type Series, validTime } from './series';
import type { Thresholds } from './thresholds';
import { clamp01 } from './stats';

/** Everything a detector reads: the cleaned history, the thresholds, the cohort, and derived facts. */
export interface Context {
  history: ModelHistory;
  /** evaluation time (epoch ms) */
  at: number;
  s: Thresholds;
  /** only when large enough to stand for its kind */
  cohort: Cohort | null;
  series: Series;
  /** createdAt as given (NaN if absent or invalid): older repos all carry a 2022-03-02 placeholder */
  createdAt: number;
  /** earliest time the repo is known to have existed (createdAt or first snapshot), or NaN */
  created: number;
  /** 'yes' when the Hub is known to count downloads (said so, or a counter moved) */
  downloadsMeasured: 'yes' | 'no' | 'unknown';
  /** the like bursts, once found (like-burst and likes-removed both read them) */
  likeEpisodes?: LikeEpisode[];
}

export function contextFor(history: ModelHistory, at: number, s: Thresholds, cohort?: Cohort): Context | null {
  if (!validTime(at)) return null;
  const series = prepare(Array.isArray(history.snapshots) ? history.snapshots : [], at);
  // createdAt "2022-03-02T23:29:04.000Z" stands for every older repo: as a lower bound of the
  // age (all it is used for) it is still right. A first snapshot earlier than createdAt wins.
  const createdAt = typeof history.createdAt === 'string' ? Date.parse(history.createdAt) : NaN;
  const first = Number.isNaN(series.first) ? Infinity : series.first;
  const created = validTime(createdAt) ? Math.min(createdAt, first) : first;
  const moved = series.downloads.v.some((v) => v > 0) || series.downloadsAllTime.v.some((v) => v > 0);
  return {
    history,
    at,
    s,
    cohort: cohort && cohort.size >= s.minCohortSize ? cohort : null,
    series,
    createdAt: validTime(createdAt) ? createdAt : NaN,
    created: Number.isFinite(created) ? created : NaN,
    downloadsMeasured:
      history.trackDownloads === false ? 'no' : history.trackDownloads === true || moved ? 'yes' : 'unknown',
  };
}

/** Age of the repo at `t` (ms); 0 when nothing says when it was created. */
export function ageAt(ctx: Context, t: number): number {
  return Number.isFinite(ctx.created) ? Math.max(0, t - ctx.created) : 0;
}

export function warning(
  kind: WarningKind,
  severity: Severity,
  since: number,
  confidence: number,
  evidence: string,
): Warning {
  return { kind, severity, since: new Date(since).toISOString(), confidence: clamp01(confidence), evidence };
}

/** A detector: at most one warning of its kind, and the plain-language rule behind it. */
export interface Detector {
  /** true when it reads only what the repo says of itself, not its numbers: it speaks even on old history */
  meta?: boolean;
  detect(ctx: Context): Warning | null;
  why(s: Thresholds): string;
}
