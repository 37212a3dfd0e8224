import { detectAnomalies, explain } from '@/lib/anomalies';
import type { Settings } from '@/lib/settings';
import type { ModelHistory, Warning, WarningKind } from '@/lib/types';
import type { BackgroundContext } from './protocol';
import { isOn } from './registry';

// The anomaly detectors as the user set them, shared by every feature that shows warnings (the
// panel's warnings, badges, popup rows, toolbar count, notifications): one rule for all of them.

/** Each kind's name, as a person reads it. */
const TITLES: Record<WarningKind, string> = {
  'like-burst': 'Like burst',
  'likes-without-downloads': 'Likes without downloads',
  'zero-downloads-trending': 'Trending with no measured use',
  'downloads-not-measured': 'Downloads not measured',
  'likes-removed': 'Likes removed',
  'download-spike': 'Download spike',
  'trending-mismatch': 'Trending score disagrees',
  superseded: 'Superseded',
};

/** A warning as the panel shows it: with its name and the rule behind it. */
export type ExplainedWarning = Warning & { title: string; why: string };
export type Detect = (history: ModelHistory) => ExplainedWarning[];

/**
 * The detectors at the user's sensitivity, each warning with the rule behind it; nothing at all
 * when the user turned the warnings feature off.
 */
export function detectorFor(settings: Settings, now: number): Detect {
  if (!isOn('warnings', settings)) return () => [];
  const { sensitivity } = settings;
  return (history) =>
    detectAnomalies(history, now, { settings: { sensitivity } }).map((w) => ({ ...w, title: TITLES[w.kind], why: explain(w.kind, { sensitivity }) }));
}

export const detector = async (ctx: BackgroundContext) => detectorFor(await ctx.settings(), ctx.now());
