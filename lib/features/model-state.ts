import type { HubErrorKind } from '@/lib/hub/client';

// What the background answers about a model on its page (model/view, model/refresh, model/watch).

/** The one API call per model is made at most this often. */
export const API_REFRESH_MS = 10 * 60_000;
/** A page view after this long starts a new visit ("since your last visit"). */
export const VISIT_GAP_MS = 30 * 60_000;

export interface ApiStatus {
  status: 'ok' | 'skipped' | HubErrorKind;
  retryAt?: number;
  /** what the panel says about it, if anything */
  note?: string;
}

type Latest = { v: number; t: number } | null;

export interface ModelState {
  id: string;
  firstSeen: number;
  watched: boolean;
  /** how many snapshots Hub Lens holds */
  snapshots: number;
  /** each counter's latest known value and when it was seen */
  latest: { likes: Latest; downloads: Latest; downloadsAllTime: Latest; trendingScore: Latest };
  trackDownloads?: boolean;
  sinceLastVisit: { from: number; likes: number | null; downloadsAllTime: number | null } | null;
  /** how this answer's API call went, if one was asked for */
  api?: ApiStatus;
  /** the last write to the history failed: why */
  writeFailure?: string;
  /** each enabled feature's own part (its background part's `describe`), by feature name */
  parts: Record<string, unknown>;
}
