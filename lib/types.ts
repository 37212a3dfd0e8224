// Core data shapes shared by the background, the UI, the CLI and the analysis code.

/** What the Hub said about one model at one moment. `null` = not observed. */
export interface Snapshot {
  /** epoch milliseconds (UTC) */
  t: number;
  likes: number | null;
  /** rolling last-30-days counter */
  downloads: number | null;
  /** cumulative since creation */
  downloadsAllTime: number | null;
  trendingScore: number | null;
}

/** What Hub Lens knows about a model besides its numbers. */
export interface ModelMeta {
  /** `author/name` */
  id: string;
  /** the Hub's `_id` (24 hex), when known */
  hubId?: string;
  pipelineTag?: string;
  libraryName?: string;
  /** ISO 8601 */
  createdAt?: string;
  /** whether the Hub counts this repo's downloads (ModelHeader `trackDownloads`) */
  trackDownloads?: boolean;
  watched?: boolean;
  /** `cardData.new_version`: a successor repo named by this one */
  newVersion?: string;
  /** true for GGUF repos, whose download counter counts every .gguf file */
  gguf?: boolean;
}

/** A model with its snapshots sorted by `t` ascending, one per `t`. */
export interface ModelHistory extends ModelMeta {
  snapshots: Snapshot[];
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export const SEVERITIES = ['info', 'warn', 'alert'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The kinds of the report format (report-v1.md). */
export const WARNING_KINDS = [
  'like-burst',
  'likes-without-downloads',
  'zero-downloads-trending',
  'downloads-not-measured',
  'likes-removed',
  'download-spike',
  'trending-mismatch',
  'superseded',
] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

/** One anomaly signal, as in the report format (`hub-lens-report` v1). */
export interface Warning {
  kind: WarningKind;
  severity: Severity;
  /** ISO 8601: when the signal started */
  since: string;
  /** 0–1, falls with short or sparse history */
  confidence: number;
  /** one plain sentence with the numbers, the window and the baseline */
  evidence: string;
}
