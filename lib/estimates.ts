import { span } from './anomalies/evidence-numbers';
import { DAY_MS, type ModelHistory, type Snapshot } from './types';
import { velocity } from './velocity';

// One rule for every place that shows a rate: Hub Lens's own measured velocity (report-v1) where
// its history covers the window, else an estimate from the windows the Hub itself keeps: the
// trending score (about the likes of the trailing 7 days), the rolling 30-day download counter and
// the lifetime totals since `createdAt` (api.md). A new user so sees rates on the first view.

export type RateWindow = '24h' | '7d' | '30d' | 'lifetime';
export const RATE_WINDOWS: readonly RateWindow[] = ['24h', '7d', '30d', 'lifetime'];

export interface Rate {
  /** per day; null = nothing measured and nothing to estimate from */
  value: number | null;
  /** false: measured from Hub Lens's own history (report-v1's velocity); true: estimated from the Hub's own windows */
  estimated: boolean;
  /** plain words for a tooltip/caption, e.g. "from the 7-day trending score", "measured over 7 d of history" */
  basis: string;
}
export interface Rates {
  likesPerDay: Record<RateWindow, Rate>;
  downloadsPerDay: Record<RateWindow, Rate>;
}

/** Every repo older than 2022-03-02 carries this createdAt (api.md): a bound, not a date. */
export const PLACEHOLDER_CREATED_AT = Date.parse('2022-03-02T23:29:04.000Z');
const WEEK_MS = 7 * DAY_MS;
const MONTH_MS = 30 * DAY_MS;
/** A new repo's download counter reads 0 for its first hours: "a zero on a repo younger than about two days is not evidence" (api.md). */
const COUNTER_LAG_MS = 2 * DAY_MS;
/** Rates over less than a day would extrapolate a few hours' likes to a whole day. */
const MIN_SPAN_MS = DAY_MS;

type Counter = 'likes' | 'downloads' | 'downloadsAllTime' | 'trendingScore';

const counted = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const finiteOrNull = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);

export function ratesFor(history: ModelHistory, now: number): Rates {
  const snaps = usableSnapshots(history, now);
  const measured = velocity(snaps);
  const created = creationOf(history, snaps);
  const placeholder = typeof history?.createdAt === 'string' && Date.parse(history.createdAt) <= PLACEHOLDER_CREATED_AT;
  const notCounted = history.trackDownloads === false;
  // Zeros say something only where the Hub is known to count this repo (said so, or a counter moved).
  const countsDownloads =
    history.trackDownloads === true || snaps.some((s) => (s.downloads ?? 0) > 0 || (s.downloadsAllTime ?? 0) > 0);

  const latest = (field: Counter) => {
    for (let i = snaps.length - 1; i >= 0; i--) {
      const v = snaps[i]![field];
      if (counted(v)) return { v, t: snaps[i]!.t };
    }
    return null;
  };
  /** Age at `t` in ms when createdAt is a real date; null when unknown; Infinity for the 2022 placeholder (old, age unknown). */
  const ageAt = (t: number) => (created !== null ? Math.max(0, t - created) : placeholder ? Infinity : null);

  const likesEstimates: Record<'7d' | '30d' | 'lifetime', Rate> = {
    '7d': likesFromTrending(latest('trendingScore'), ageAt),
    // No Hub window covers 30 days of likes, except for a repo whose whole life fits in it.
    '30d': youngTotal(latest('likes'), ageAt, MONTH_MS, 'likes'),
    lifetime: sinceCreation(latest('likes'), ageAt, created),
  };
  const downloadEstimates: Record<'7d' | '30d' | 'lifetime', Rate> = notCounted
    ? { '7d': NOT_COUNTED, '30d': NOT_COUNTED, lifetime: NOT_COUNTED }
    : {
        '7d': none('the Hub keeps no 7-day download window; needs 7 days of history'),
        '30d': downloadsFromCounter(latest('downloads'), ageAt, countsDownloads),
        lifetime: lifetimeDownloads(latest('downloadsAllTime'), latest('downloads'), ageAt, created, countsDownloads),
      };

  const pick = (value: number | null, windowLabel: string, fallback: Rate): Rate => {
    const v = finiteOrNull(value);
    return v === null ? fallback : { value: v, estimated: false, basis: `measured over ${windowLabel} of history` };
  };
  const noDayWindow = none('the Hub keeps no 24-hour window; needs a day of history');
  return {
    likesPerDay: {
      '24h': pick(measured.likesPerDay['24h'], '24 h', noDayWindow),
      '7d': pick(measured.likesPerDay['7d'], '7 days', likesEstimates['7d']),
      '30d': pick(measured.likesPerDay['30d'], '30 days', likesEstimates['30d']),
      lifetime: likesEstimates.lifetime,
    },
    downloadsPerDay: {
      // Measured download rates come from downloadsAllTime, which an uncounted repo never moves.
      '24h': notCounted ? NOT_COUNTED : pick(measured.downloadsPerDay['24h'], '24 h', noDayWindow),
      '7d': notCounted ? NOT_COUNTED : pick(measured.downloadsPerDay['7d'], '7 days', downloadEstimates['7d']),
      '30d': notCounted ? NOT_COUNTED : pick(measured.downloadsPerDay['30d'], '30 days', downloadEstimates['30d']),
      lifetime: downloadEstimates.lifetime,
    },
  };
}

const none = (basis: string): Rate => ({ value: null, estimated: false, basis });
const NOT_COUNTED = none("the Hub does not count this repo's downloads");

/** Snapshots at or before `now`, with valid times, sorted, one per time (the later wins, as history-v1 says). */
function usableSnapshots(history: ModelHistory, now: number): Snapshot[] {
  const raw = Array.isArray(history?.snapshots) ? history.snapshots : [];
  const ok = raw.filter((s) => s && Number.isFinite(s.t) && s.t <= now);
  const sorted = ok.every((s, i) => i === 0 || ok[i - 1]!.t <= s.t) ? ok : [...ok].sort((a, b) => a.t - b.t);
  const clean = (v: unknown) => (counted(v) ? v : null);
  return sorted
    .filter((s, i) => i + 1 === sorted.length || sorted[i + 1]!.t !== s.t)
    .map((s) => ({
      t: s.t,
      likes: clean(s.likes),
      downloads: clean(s.downloads),
      downloadsAllTime: clean(s.downloadsAllTime),
      trendingScore: clean(s.trendingScore),
    }));
}

/**
 * When the repo was created, as far as anything proves it: a real createdAt (the earliest snapshot
 * wins if earlier). The 2022 placeholder only says "before 2022-03-02": no age, so no lifetime rate
 * (an average since 2022 would be an upper bound dressed as a fact).
 */
function creationOf(history: ModelHistory, snaps: readonly Snapshot[]): number | null {
  const c = typeof history?.createdAt === 'string' ? Date.parse(history.createdAt) : NaN;
  if (!Number.isFinite(c) || c <= PLACEHOLDER_CREATED_AT) return null;
  return snaps.length ? Math.min(c, snaps[0]!.t) : c;
}

type Reading = { v: number; t: number } | null;
type AgeAt = (t: number) => number | null;

const ago = (ms: number) => `${span(ms)} ago`;

/** The trending score is about the likes of the trailing 7 days; a repo younger than that has score = likes (api.md). */
function likesFromTrending(score: Reading, ageAt: AgeAt): Rate {
  if (!score) return none('no trending score yet; needs 7 days of history');
  const age = ageAt(score.t);
  if (age !== null && age < WEEK_MS) {
    return {
      value: score.v / (Math.max(age, MIN_SPAN_MS) / DAY_MS),
      estimated: true,
      basis: `from the trending score (all its likes: created ${ago(age)})`,
    };
  }
  return { value: score.v / 7, estimated: true, basis: 'from the 7-day trending score' };
}

/** A repo younger than `windowMs` has its whole life in its total: total / age is the window's rate. */
function youngTotal(total: Reading, ageAt: AgeAt, windowMs: number, what: string): Rate {
  const age = total ? ageAt(total.t) : null;
  if (!total || age === null || age >= windowMs) return none(`needs ${windowMs / DAY_MS} days of history`);
  return {
    value: total.v / (Math.max(age, MIN_SPAN_MS) / DAY_MS),
    estimated: true,
    basis: `from its ${what} since created ${ago(age)}`,
  };
}

function sinceCreation(total: Reading, ageAt: AgeAt, created: number | null): Rate {
  if (created === null) return none('the Hub does not say when it was created (before March 2022, or not given)');
  if (!total) return none('no count known');
  const age = ageAt(total.t)!;
  return { value: total.v / (Math.max(age, MIN_SPAN_MS) / DAY_MS), estimated: true, basis: `since created ${ago(age)}` };
}

/** The `downloads` counter is a rolling 30 days (a younger repo's whole life); its zeros need a counted repo past the counter's lag. */
function downloadsFromCounter(d: Reading, ageAt: AgeAt, countsDownloads: boolean): Rate {
  if (!d) return none('no download count known');
  const age = ageAt(d.t);
  if (d.v === 0 && (!countsDownloads || age === null || age < COUNTER_LAG_MS)) {
    return none('0 on the counter is not evidence here (new repo, or not known to be counted)');
  }
  if (age !== null && age < MONTH_MS) {
    return {
      value: d.v / (Math.max(age, MIN_SPAN_MS) / DAY_MS),
      estimated: true,
      basis: `from the download counter (all its downloads: created ${ago(age)})`,
    };
  }
  return { value: d.v / 30, estimated: true, basis: 'from the 30-day download counter' };
}

function lifetimeDownloads(all: Reading, rolling: Reading, ageAt: AgeAt, created: number | null, countsDownloads: boolean): Rate {
  if (created === null) return none('the Hub does not say when it was created (before March 2022, or not given)');
  // Without the all-time counter, the 30-day one holds a whole life shorter than 30 days.
  const young = rolling && ageAt(rolling.t)! < MONTH_MS ? rolling : null;
  const total = all ?? young;
  if (!total) return none('no all-time download count known');
  const age = ageAt(total.t)!;
  if (total.v === 0 && (!countsDownloads || age < COUNTER_LAG_MS)) {
    return none('0 on the counter is not evidence here (new repo, or not known to be counted)');
  }
  return { value: total.v / (Math.max(age, MIN_SPAN_MS) / DAY_MS), estimated: true, basis: `since created ${ago(age)}` };
}
