import type { ModelHistory } from '../../lib/types';
import { random, type Random } from './random';
import { organic, type Plan, SAMPLINGS, type Sampling, simulate } from './simulate';

// A labelled corpus of invented models: every id starts with "invented/". Organic rows are what the
// detectors must leave at info or below; inorganic rows are what they must flag (warn or alert).
// The figures come from signals.md and api.md (campaign sizes, drip-feeds, bot pace, natural
// downloads per like, counter lag), not from the detectors' settings.

export interface Scenario {
  /** the row it is reported under, e.g. "campaign 150 in 6 h @ 2/day" */
  row: string;
  label: 'organic' | 'inorganic';
  /** false for rows shown for information only, for the reason in `note` */
  inTarget: boolean;
  note?: string;
  untracked: boolean;
  /** younger than 48 h when evaluated */
  young: boolean;
  sampling: Sampling;
  history: ModelHistory;
  at: number;
}

interface Row {
  row: string;
  label: Scenario['label'];
  /** why the row is shown but not counted in the targets */
  note?: string;
  plan(r: Random, epoch: number): Omit<Plan, 'id' | 'sampling'>;
}

const PLACEHOLDER = '2022-03-02T23:29:04.000Z';
const EPOCH = Date.UTC(2026, 0, 5);
const BASELINES = [0.2, 2, 20, 200];
const D = 24;

/** An old repo whose downloads the Hub counts: createdAt as the Hub gives it, or not recorded. */
function oldRepo(r: Random, epoch: number) {
  const createdAt = r.pick([PLACEHOLDER, new Date(epoch - r.int(100, 900) * 86_400_000).toISOString(), undefined]);
  return {
    createdHour: null,
    createdAt,
    counterLagH: 0,
    tracked: true,
    trackDownloads: r.pick([true, true, undefined]),
    allTime: r.next() < 0.5,
    score: r.next() < 0.5,
  };
}

/** A repo created at hour 0, recorded from its first hours, its counter lagging 2–44 h. */
function newRepo(r: Random, epoch: number) {
  return {
    createdHour: 0,
    createdAt: r.next() < 0.6 ? new Date(epoch).toISOString() : undefined,
    counterLagH: r.between(2, 44),
    tracked: true,
    trackDownloads: r.pick([true, undefined]),
    allTime: r.next() < 0.5,
    score: r.next() < 0.5,
    watchFrom: r.between(0, 3),
  };
}

function steady(b: number): Row {
  return {
    row: `steady @ ${b}/day`,
    label: 'organic',
    plan: (r, epoch) => ({
      ...oldRepo(r, epoch),
      hours: Math.round(r.between(7, 45) * D),
      watchFrom: 0,
      likes0: Math.round(b * r.between(100, 600)),
      interest: organic(r, b),
      downloadsPerLike: r.between(50, 200),
      downloadDelayH: r.between(0, 12),
      bought: [],
    }),
  };
}

/** A mention (a paper, a post) brings extra likes that fade, and downloads in proportion. */
function surge(b: number): Row {
  return {
    row: `organic surge @ ${b}/day`,
    label: 'organic',
    plan: (r, epoch) => {
      const start = Math.round(r.between(7, 30) * D);
      const extra = r.between(100, 2000);
      const tau = r.between(6, 48);
      const base = organic(r, b);
      return {
        ...oldRepo(r, epoch),
        hours: start + Math.round(r.between(3, 6) * D),
        watchFrom: 0,
        likes0: Math.round(b * r.between(100, 600)),
        interest: (h) => base(h) + (h >= start ? (extra / tau) * Math.exp(-(h - start) / tau) : 0),
        downloadsPerLike: r.between(50, 200),
        downloadDelayH: r.between(0, 12),
        bought: [],
      };
    },
  };
}

const viralLaunch: Row = {
  row: 'viral launch (new repo)',
  label: 'organic',
  plan: (r, epoch) => {
    const peak = r.between(10, 80);
    const ramp = r.between(1, 12);
    const tau = r.between(12, 96);
    const floor = r.between(0.5, 3);
    const noise = organic(r, 24);
    return {
      ...newRepo(r, epoch),
      hours: Math.round(r.next() < 0.2 ? r.between(6, 47) : r.between(2, 10) * D),
      likes0: 0,
      interest: (h) => noise(h) * (floor + peak * Math.min(1, h / ramp) * Math.exp(-h / tau)),
      // Launches of large models draw fewer downloads per like than the 50–200 of signals.md.
      downloadsPerLike: r.between(20, 200),
      downloadDelayH: r.between(0, 12),
      bought: [],
    };
  },
};

const lagging: Row = {
  row: 'new repo, counter lagging',
  label: 'organic',
  plan: (r, epoch) => ({
    ...newRepo(r, epoch),
    hours: Math.round(r.between(3, 47)),
    likes0: 0,
    interest: organic(r, r.between(1, 30)),
    downloadsPerLike: r.between(50, 200),
    downloadDelayH: r.between(0, 12),
    bought: [],
  }),
};

function untracked(b: number, trending = false): Row {
  return {
    row: trending ? 'untracked, trending' : `untracked @ ${b}/day`,
    label: 'organic',
    plan: (r, epoch) => {
      const young = r.next() < 0.3;
      const rate = trending ? r.between(20, 150) : b;
      return {
        ...(young ? newRepo(r, epoch) : oldRepo(r, epoch)),
        tracked: false,
        trackDownloads: false,
        hours: Math.round(r.between(2, 30) * D),
        watchFrom: 0,
        likes0: young ? 0 : Math.round(rate * r.between(20, 200)),
        interest: organic(r, rate),
        downloadsPerLike: r.between(50, 200),
        downloadDelayH: 0,
        bought: [],
      };
    },
  };
}

const NOTES = {
  small:
    'fewer bought likes than the model gains itself in 7 days: they do not double its trending score (about 7-day likes, api.md) and sit within its own noise',
  early: 'seen before the download counter could answer (it lags up to 48 h): only bot pace can be called then',
};

/** Bought likes on top of an organic model whose downloads go on as before, seen `after` days later. */
function campaign(row: string, count: number, hours: number, b: number, after: [number, number] = [4, 8]): Row {
  return {
    row: `${row} @ ${b}/day`,
    label: 'inorganic',
    ...(after[0] < 2 ? { note: NOTES.early } : count < 7 * b ? { note: NOTES.small } : {}),
    plan: (r, epoch) => {
      const from = Math.round(r.between(7, 35) * D + r.between(0, D));
      return {
        ...oldRepo(r, epoch),
        hours: from + hours + Math.round(r.between(after[0], after[1]) * D),
        watchFrom: 0,
        likes0: Math.round(b * r.between(100, 600)),
        interest: organic(r, b),
        downloadsPerLike: r.between(50, 200),
        downloadDelayH: r.between(0, 12),
        bought: [{ from, hours, count }],
      };
    },
  };
}

const purged: Row = {
  row: 'campaign purged days later',
  label: 'inorganic',
  plan: (r, epoch) => {
    const b = r.pick([0.2, 2, 20]);
    const from = Math.round(r.between(7, 30) * D);
    const hours = r.pick([6, 24, 72]);
    const at = from + hours + Math.round(r.between(2, 6) * D);
    return {
      ...oldRepo(r, epoch),
      hours: at + Math.round(r.between(1, 4) * D),
      watchFrom: 0,
      likes0: Math.round(b * r.between(100, 600)),
      interest: organic(r, b),
      downloadsPerLike: r.between(50, 200),
      downloadDelayH: r.between(0, 12),
      bought: [{ from, hours, count: Math.round(r.between(150, 300)), purge: { at, share: r.between(0.4, 1) } }],
    };
  },
};

/** An old, counted repo nobody downloads, pushed to trending pace for days. */
const trendingAtZero: Row = {
  row: 'trending at 0 downloads, old repo',
  label: 'inorganic',
  plan: (r, epoch) => {
    const from = Math.round(r.between(7, 30) * D);
    const days = r.between(3, 10);
    return {
      ...oldRepo(r, epoch),
      createdAt: r.pick([PLACEHOLDER, new Date(epoch - r.int(100, 900) * 86_400_000).toISOString()]),
      trackDownloads: true,
      hours: from + Math.round(days * D),
      watchFrom: 0,
      likes0: r.int(0, 200),
      interest: organic(r, r.between(0.2, 2)),
      downloadsPerLike: 0,
      downloadDelayH: 0,
      bought: [{ from, hours: Math.round(days * D), count: Math.round(r.between(15, 80) * days) }],
    };
  },
};

const ROWS: readonly Row[] = [
  ...BASELINES.map(steady),
  ...BASELINES.map(surge),
  viralLaunch,
  lagging,
  ...[0.2, 2, 20].map((b) => untracked(b)),
  untracked(0, true),
  ...BASELINES.map((b) => campaign('campaign 150 in 6 h', 150, 6, b)),
  ...BASELINES.map((b) => campaign('campaign 100 in 24 h', 100, 24, b)),
  ...BASELINES.map((b) => campaign('drip 300 over 72 h', 300, 72, b)),
  ...BASELINES.map((b) => campaign('bot 1,000 in 1 h', 1000, 1, b)),
  purged,
  trendingAtZero,
  campaign('campaign 150 in 6 h, seen within a day', 150, 6, 2, [0.1, 1]),
];

/** `variants` invented models per row, the same for the same seed. */
export function generateCorpus(variants: number, seed = 1): Scenario[] {
  const out: Scenario[] = [];
  ROWS.forEach((row, k) => {
    for (let i = 0; i < variants; i++) {
      const r = random(seed * 1_000_003 + k * 10_007 + i);
      const sampling = SAMPLINGS[i % SAMPLINGS.length]!;
      const epoch = EPOCH + r.int(0, 60) * 86_400_000;
      const plan: Plan = { ...row.plan(r, epoch), id: `invented/${slug(row.row)}-v${i}`, sampling };
      const { history, at } = simulate(plan, r, epoch);
      const created = plan.createdHour === null ? -Infinity : epoch + plan.createdHour * 3_600_000;
      out.push({
        row: row.row,
        label: row.label,
        inTarget: !row.note,
        ...(row.note ? { note: row.note } : {}),
        untracked: !plan.tracked,
        young: at - created < 48 * 3_600_000,
        sampling,
        history,
        at,
      });
    }
  });
  return out;
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/@/g, 'at')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-|-$/g, '');
}
