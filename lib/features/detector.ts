import { detectAnomalies, explain } from '@/lib/anomalies';
import { thresholds, type AnomalySettings, type Thresholds } from '@/lib/anomalies/thresholds';
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

/**
 * Why each kind matters, in the words of someone who browses the Hub: what was compared with
 * what, and what it means for picking a model. The statistics behind it (explain) come one step
 * further, for those who want them.
 */
const PLAIN: Record<WarningKind, (s: Thresholds) => string> = {
  'like-burst': (s) =>
    `Hub Lens compared the likes this model gained in a few hours with its own usual pace over the ${s.baselineDays} days before. ` +
    `Far more likes came at once than it normally gets. Interest from real users usually brings downloads with it; likes ` +
    `bought or traded in bulk do not. So the downloads that follow the burst decide how serious this is.`,
  'likes-without-downloads': (s) =>
    `Hub Lens set the likes this model gained over the last ${s.lookbackDays} days against its downloads over the same days. ` +
    `Models people really use get about 1 like for every ${s.naturalDownloadsPerLike} to ${s.maxDownloadsPerLike} downloads; this one ` +
    `got far more likes than its downloads explain. Likes with no use behind them are often bought or campaigned for, so its ` +
    `likes may overstate how much it is used.`,
  'zero-downloads-trending': (s) =>
    `This model gains likes fast enough to trend (${s.trendingLikesPerDay} a day or more), yet the Hub counts no downloads of it, ` +
    `though it does count this repo's downloads. People download the models they like; attention with no use behind it ` +
    `suggests the likes were not earned by use.`,
  'downloads-not-measured': () =>
    `The Hub counts downloads only for repos with certain files (a config.json, or .gguf files). This repo has none, so its ` +
    `downloads read 0 however much it is used: a 0 here says nothing, and Hub Lens does not judge its likes against it.`,
  'likes-removed': (s) =>
    `The like count fell by ${s.removedMinLikes} or more from its peak of the last ${s.fallWindowDays} days, and stayed down. ` +
    `People rarely take likes back (a couple a day at most); the Hub removes likes it finds fake, so a fall like this often ` +
    `follows a burst of bought likes.`,
  'download-spike': (s) =>
    `Hub Lens compared this model's downloads over the last hours with its own usual downloads over ${s.baselineDays} days: ` +
    `they jumped far above usual, and no likes came with them. Scripts, CI pipelines and mirrors download models in bulk, so a ` +
    `spike like this says little about how many people use it.`,
  'trending-mismatch': (s) =>
    `The Hub's trending score usually equals the likes a model gained over the last 7 days. Here one is ` +
    `${s.trendingMismatchFactor} times the other or more, so something else moves its trending rank (such as visits), or the ` +
    `Hub leaves some likes out: read the rank with care.`,
  superseded: () =>
    `The model's card names a newer version. Older repos keep their downloads out of habit while the newer one may be the ` +
    `better choice, so popularity here does not mean it is the one to use.`,
};

/** Why a kind of warning matters, in plain words, at the user's sensitivity. */
export const plainWhy = (kind: WarningKind, settings: Partial<AnomalySettings> = {}) => PLAIN[kind](thresholds(settings));

/** A warning as the panel shows it: its name, why it matters in plain words, and the statistics behind it. */
export type ExplainedWarning = Warning & { title: string; why: string; detail: string };
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
    detectAnomalies(history, now, { settings: { sensitivity } }).map((w) => ({
      ...w,
      title: TITLES[w.kind],
      why: plainWhy(w.kind, { sensitivity }),
      detail: explain(w.kind, { sensitivity }),
    }));
}

export const detector = async (ctx: BackgroundContext) => detectorFor(await ctx.settings(), ctx.now());
