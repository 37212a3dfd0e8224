// Every default of the anomaly detectors, each with where it comes from. Sources: `signals.md` and
// `api.md` (../shared/hub), and the real histories in ../shared/data/history.

export type Sensitivity = 'low' | 'normal' | 'high';

export interface AnomalySettings {
  /** How much evidence a warning needs; scales the thresholds marked "scaled" below. */
  sensitivity: Sensitivity;
  /** Robust z-score (median / MAD of the model's own rates) a window must exceed. Scaled. */
  burstZ: number;
  /** Windows over which likes are summed when looking for a burst. */
  burstWindowsHours: readonly number[];
  /** Extra likes (above the baseline) a burst must add per day of its window, and at least once. Scaled. */
  minBurstLikes: number;
  /** Likes an hour that only bots deliver, whatever the baseline (an alert)... */
  botLikesPerHour: number;
  /** ...seen within this many hours (hourly readings place an hour's likes within two). */
  botWindowHours: number;
  /** Fewest likes within `botWindowHours` that can be bot pace for a model that never came near it. Scaled. */
  botFloorLikes: number;
  /** Bot pace is this many times the most the model gained in so short a window before. Scaled. */
  botOwnFactor: number;
  /** ...and this many robust standard deviations above its own rate. Scaled. */
  botZ: number;
  /** How far back a baseline reaches. */
  baselineDays: number;
  /** Shortest own baseline a burst is measured against. */
  minBaselineHours: number;
  /** Events (bursts, falls, spikes) older than this are no longer reported. */
  lookbackDays: number;
  /** History length at which confidence stops growing. */
  fullConfidenceDays: number;
  /** How long a new repo's download counter may show 0, and how long downloads may take to show a burst. */
  downloadLagHours: number;
  /** Hours by which a recount may trail the downloads of the likes it should show: downloads follow likes, recounts cover up to a few hours before them. */
  downloadSettleHours: number;
  /** Low end of the natural downloads per like. */
  naturalDownloadsPerLike: number;
  /** High end of the natural downloads per like. */
  maxDownloadsPerLike: number;
  /** Share of the expected download response that counts as "downloads followed". */
  followShare: number;
  /** Standard deviations of download noise that share must exceed before "did not follow" is said. Scaled. */
  followZ: number;
  /** Likes per download, as a multiple of the natural (or cohort) ratio, that is a warning. Scaled. */
  ratioWarnFactor: number;
  /** ... that is an alert. Scaled. */
  ratioAlertFactor: number;
  /** Fewest suspect likes (a burst's excess, a ratio's likes, a fall) that can be more than context. Scaled. */
  minSuspectLikes: number;
  /** Likes a day at which a model trends in a small category. */
  trendingLikesPerDay: number;
  /** Days at 0 downloads while trending, past the counter lag, that make a zero an alert. */
  zeroAlertDays: number;
  /** Fall of the like count that is more than noise. Scaled. */
  removedMinLikes: number;
  /** A fall is measured from the highest count of this many days before it. */
  fallWindowDays: number;
  /** Downloads counted per real download on a GGUF repo, allowed for against like-based figures. */
  ggufInflation: number;
  /** Window over which downloads are summed when looking for a spike. */
  spikeWindowHours: number;
  /** A download jump this many times the model's usual volume is a warning, not context. Scaled. */
  spikeWarnFactor: number;
  /** Trending score and 7-day likes disagree when one is this many times the other. Scaled. */
  trendingMismatchFactor: number;
  /** Fewest cohort members whose medians replace the defaults. */
  minCohortSize: number;
}

export const DEFAULT_THRESHOLDS: AnomalySettings = {
  sensitivity: 'normal',
  // Star Forensic flags hourly like/star spikes at z > 3 (signals.md); StarGuard uses MAD for the scale.
  burstZ: 3,
  // A campaign of 150 likes over 6 h; "100 likes in 24 hours"; drip-feeds over 24–72 h (signals.md).
  burstWindowsHours: [6, 24, 72],
  // The smallest categories trend at 10–20 likes a day (signals.md): fewer extra likes a day move no
  // rank. A 72 h window must so add 30, a 6 h one 10.
  minBurstLikes: 10,
  // "1,000 likes in 1 hour is bot work" (signals.md); the largest real launch gained 386 in 6 h
  // (zai-org/GLM-5.2, data/history).
  botLikesPerHour: 1000,
  // Watched models are read hourly: an hour's likes fall between readings at most two hours apart.
  botWindowHours: 2,
  // "Hundreds in an hour on a model that averages a few a day" (issue 14); three StarScout campaigns
  // (50 suspect likes each) in two hours. Below the real launch pace only where the model's own past
  // says so: the two factors below.
  botFloorLikes: 150,
  // An order of magnitude would miss 200 bought likes on a model gaining 200 a day (about 20 in its
  // busiest 2 h); five times its own record is still far beyond anything it did.
  botOwnFactor: 5,
  // Far beyond the z > 3 of Star Forensic's hourly spikes: a bot hour is tens of deviations out.
  botZ: 10,
  // Velocity's longest window is 30 days (report-v1); the evidence reads "over the previous 30 days".
  baselineDays: 30,
  // One whole day, so a baseline sees a day/night cycle.
  minBaselineHours: 24,
  // The longest velocity window and the Hub's 30-day download window.
  lookbackDays: 30,
  // camelcamelcamel needs >= 5 weeks of history before it speaks (signals.md).
  fullConfidenceDays: 35,
  // New repos show 0 downloads for their first hours; "a zero on a repo younger than about two days
  // is not evidence" (api.md). Real 30-day counters also move in steps up to ~36 h apart (data/history).
  downloadLagHours: 48,
  // Each recount covers downloads up to a few hours before it, and downloads trail the likes that
  // announce them by hours (api.md: a new repo at 305 likes / 0 downloads showed 666 six hours later).
  downloadSettleHours: 6,
  // "A natural ratio is 1 like per 50–200 downloads depending on category" (signals.md).
  naturalDownloadsPerLike: 50,
  maxDownloadsPerLike: 200,
  // Halfway between no download response (a campaign) and the expected one (a launch).
  followShare: 0.5,
  // One test per burst, not a scan over many windows (which is what burstZ guards): the usual
  // single-test level, about 95%.
  followZ: 2,
  // "500 likes with 200 downloads looks suspicious" (signals.md): 2.5 likes per download, 125 times
  // the natural 1 like per 50; ten times that again is an alert.
  ratioWarnFactor: 100,
  ratioAlertFactor: 1000,
  // StarScout flags a repo at >= 50 suspect stars (signals.md).
  minSuspectLikes: 50,
  // Small categories trend at 10–20 likes a day; the score is about the likes gained over 7 days
  // (signals.md, api.md).
  trendingLikesPerDay: 10,
  // The trending score covers 7 days (api.md): a whole trending window at 0 downloads.
  zeroAlertDays: 7,
  // Organic unlikes in the real histories never exceed 2 a day (data/history): 10 is five times that.
  removedMinLikes: 10,
  // Bought likes are "filtered within days" (signals.md); the trending window is 7 days.
  fallWindowDays: 7,
  // Every .gguf file counts (api.md). The real GGUF re-upload in fixtures/hub-api
  // (bartowski/QwQ-32B-Preview-GGUF) holds 28 .gguf files and had 1 like per 1,163 downloads,
  // 6–23 times the natural ratio: an order of magnitude.
  ggufInflation: 10,
  // The counters move in steps about a day apart, up to ~36 h (data/history): a day's window holds
  // 0, 1 or 2 of them, a three-day window one more or less, not twice as many.
  spikeWindowHours: 72,
  // An order of magnitude above the model's own volume.
  spikeWarnFactor: 10,
  // Score and 7-day likes matched within 5% in real lists (185 vs 181, 126 vs 120; api.md); a 2026
  // doc adds visits, so only twice (or half) is called a disagreement.
  trendingMismatchFactor: 2,
  // Ten is the smallest list call in the fixtures (limit=10); fewer is not a distribution.
  minCohortSize: 10,
};

/** How much more (low) or less (high) evidence a warning needs than at 'normal'. */
const SENSITIVITY_SCALE: Record<Sensitivity, number> = { low: 4 / 3, normal: 1, high: 2 / 3 };

const SCALED = [
  'burstZ',
  'botFloorLikes',
  'botOwnFactor',
  'botZ',
  'followZ',
  'minBurstLikes',
  'ratioWarnFactor',
  'ratioAlertFactor',
  'minSuspectLikes',
  'removedMinLikes',
  'spikeWarnFactor',
  'trendingMismatchFactor',
] as const satisfies readonly (keyof AnomalySettings)[];

/** The thresholds the detectors use: defaults, overrides, then the sensitivity scaling. */
export type Thresholds = Readonly<Omit<AnomalySettings, 'sensitivity'>>;

export function thresholds(overrides: Partial<AnomalySettings> = {}): Thresholds {
  const { sensitivity, ...merged } = { ...DEFAULT_THRESHOLDS, ...overrides };
  const scale = SENSITIVITY_SCALE[sensitivity] ?? 1;
  const out: Omit<AnomalySettings, 'sensitivity'> = { ...merged };
  for (const key of SCALED) out[key] = merged[key] * scale;
  return out;
}
