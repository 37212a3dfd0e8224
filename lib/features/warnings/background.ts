import { detectAnomalies, explain } from '../../anomalies';
import type { Settings } from '../../settings';
import type { ModelHistory, Warning, WarningKind } from '../../types';
import type { BackgroundContext, BackgroundPart } from '../protocol';
import { isOn } from '../registry';

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
 * when the user turned warnings off. Every place that shows warnings (panel, badges, popup,
 * toolbar count, notifications) gets them here.
 */
export function detectorFor(settings: Settings, now: number): Detect {
  if (!isOn('warnings', settings)) return () => [];
  const { sensitivity } = settings;
  return (history) =>
    detectAnomalies(history, now, { settings: { sensitivity } }).map((w) => ({ ...w, title: TITLES[w.kind], why: explain(w.kind, { sensitivity }) }));
}

export const detector = async (ctx: BackgroundContext) => detectorFor(await ctx.settings(), ctx.now());

export const describe: BackgroundPart['describe'] = async (history, ctx) => (await detector(ctx))(history);
