import type { ModelHistory } from '@/lib/types';
import { random, type Random } from './random';
import { organic, type Plan, SAMPLINGS, type Sampling, simulate } from './simulate';

// A labelled corpus of invented models: every id starts with "invented/". Organic rows are what the
// detectors must leave at info or below; inorganic rows are what they must flag (warn or alert).
// The figures come from signals.md and api.md (campaign sizes, drip-feeds, bot pace, natural
// downloads per like, counter lag), not from the detectors' settings.

export interface Scenario {
  /** the row it is reported under, e.g. "campaign 60-500 in 6 h @ 2/day" */
  row: string;
  /** the kind of model the row is (steady, surge, campaign...), for per-kind figures */
  kind: string;
  label: 'organic' | 'inorganic';
  /** false for models shown for information only, for the reason in `note` */
  inTarget: boolean;
  note?: string;
  untracked: boolean;
  gguf: boolean;
  /** younger than 48 h when evaluated */
  young: boolean;
  /** likes bought, for inorganic rows */
  boughtLikes?: number;
  /** hours from the end of the burst (bought likes) or the start of the surge to `at`; null without one */
  sinceBurstH: number | null;
  /** whether the Hub recounted the downloads after the burst ended and before `at` (a counted repo) */
  refreshed: boolean;
  /** whether the readings show it: a recount between two readings taken after the burst ended */
  recountSeen: boolean;
  sampling: Sampling;
  history: ModelHistory;
  at: number;
}

type Planned = Omit<Plan, 'id' | 'sampling' | 'gguf' | 'files' | 'recountLagH'> & {
  /** hour at which the burst ended (or the surge began) */
  burstEndH?: number;
  /** bought likes, for the small-campaign note */
  boughtLikes?: number;
  /** the model's own organic likes a day */
  ownPerDay?: number;
};

interface Row {
  row: string;
  kind: string;
  label: Scenario['label'];
  /** why the whole row is shown but not counted in the targets */
  note?: string;
  /** GGUF copies and untracked repos appear in every kind where the repo is old */
  mixed?: boolean;
  plan(r: Random, epoch: number): Planned;
}

const PLACEHOLDER = '2022-03-02T23:29:04.000Z';
const EPOCH = Date.UTC(2026, 0, 5);
const BASELINES = [0.2, 2, 20, 200];
const D = 24;
/** Campaigns and surges are seen 12–72 h after they end (the timing). */
const SEEN_AFTER: [number, number] = [12, 72];

const logUniform = (r: Random, lo: number, hi: number) => Math.exp(r.between(Math.log(lo), Math.log(hi)));

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

const natural = (r: Random) => ({ downloadsPerLike: r.between(50, 200), downloadDelayH: r.between(0, 12) });

function steady(b: number): Row {
  return {
    row: `steady @ ${b}/day`,
    kind: 'steady',
    label: 'organic',
    mixed: true,
    plan: (r, epoch) => ({
      ...oldRepo(r, epoch),
      hours: Math.round(r.between(7, 45) * D),
      watchFrom: 0,
      likes0: Math.round(b * r.between(100, 600)),
      interest: organic(r, b),
      ...natural(r),
      bought: [],
    }),
  };
}

/** Extra likes that fade from hour `start`: a mention (a paper, a post), or a launch. */
function fading(base: (h: number) => number, start: number, extra: number, tau: number) {
  return (h: number) => base(h) + (h >= start ? (extra / tau) * Math.exp(-(h - start) / tau) : 0);
}

/** A paper or a post about an old model: extra likes that fade, and downloads in proportion. */
function surge(b: number): Row {
  return {
    row: `organic surge on an old model @ ${b}/day`,
    kind: 'organic surge, old model',
    label: 'organic',
    mixed: true,
    plan: (r, epoch) => {
      const start = Math.round(r.between(7, 30) * D);
      return {
        ...oldRepo(r, epoch),
        hours: start + Math.round(r.between(...SEEN_AFTER)),
        burstEndH: start,
        watchFrom: 0,
        likes0: Math.round(b * r.between(100, 600)),
        interest: fading(organic(r, b), start, logUniform(r, 100, 2000), r.between(6, 48)),
        ...natural(r),
        bought: [],
      };
    },
  };
}

/** A new repo's launch: a ramp then a fade, seen from its first hours to ten days on. */
const viralLaunch: Row = {
  row: 'viral launch (new repo)',
  kind: 'organic surge, new repo',
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
      burstEndH: 0,
      likes0: 0,
      interest: (h) => noise(h) * (floor + peak * Math.min(1, h / ramp) * Math.exp(-h / tau)),
      // Launches of large models draw fewer downloads per like than the 50–200 of signals.md.
      downloadsPerLike: r.between(20, 200),
      downloadDelayH: r.between(0, 12),
      bought: [],
    };
  },
};

/** A model a few weeks old, then a paper about it. */
const newModelSurge: Row = {
  row: 'organic surge on a new model',
  kind: 'organic surge, new repo',
  label: 'organic',
  plan: (r, epoch) => {
    const b = r.between(2, 30);
    const start = Math.round(r.between(4, 20) * D);
    return {
      ...newRepo(r, epoch),
      hours: start + Math.round(r.between(...SEEN_AFTER)),
      burstEndH: start,
      likes0: 0,
      interest: fading(organic(r, b), start, logUniform(r, 100, 1500), r.between(6, 48)),
      ...natural(r),
      bought: [],
    };
  },
};

const lagging: Row = {
  row: 'new repo, counter lagging',
  kind: 'new repo',
  label: 'organic',
  plan: (r, epoch) => ({
    ...newRepo(r, epoch),
    hours: Math.round(r.between(3, 47)),
    likes0: 0,
    interest: organic(r, r.between(1, 30)),
    ...natural(r),
    bought: [],
  }),
};

function untracked(b: number, trending = false): Row {
  return {
    row: trending ? 'untracked, trending' : `untracked @ ${b}/day`,
    kind: 'untracked',
    label: 'organic',
    plan: (r, epoch) => {
      const young = r.next() < 0.3;
      const rate = trending ? r.between(20, 150) : b;
      return {
        ...(young ? newRepo(r, epoch) : oldRepo(r, epoch)),
        tracked: false,
        trackDownloads: r.pick([false, false, undefined]),
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

export const NOTES = {
  small:
    'fewer bought likes than the model gains itself in 7 days: they do not double its trending score (about 7-day likes, api.md) and sit within its own noise',
  unrefreshed:
    'no recount of the downloads seen after the burst (none yet, one between the last reading before and the first after it, or downloads not counted): downloads cannot answer; only bot pace can be called',
  near: 'within a fifth of the 50 bought likes a campaign needs (StarScout): either verdict is right; both sides are unit-tested',
};

/** `count()` likes bought over `hours` on top of an organic model whose downloads go on as before. */
function campaign(row: string, kind: string, count: (r: Random) => number, hours: number, b: number, after = SEEN_AFTER, note?: string): Row {
  return {
    row: `${row} @ ${b}/day`,
    kind,
    label: 'inorganic',
    mixed: true,
    ...(note ? { note } : {}),
    plan: (r, epoch) => {
      const from = Math.round(r.between(7, 35) * D + r.between(0, D));
      const n = Math.round(count(r));
      return {
        ...oldRepo(r, epoch),
        hours: from + hours + Math.round(r.between(after[0], after[1])),
        burstEndH: from + hours,
        boughtLikes: n,
        ownPerDay: b,
        watchFrom: 0,
        likes0: Math.round(b * r.between(100, 600)),
        interest: organic(r, b),
        ...natural(r),
        bought: [{ from, hours, count: n }],
      };
    },
  };
}

/** Bought likes on a repo days or weeks old: its own baseline is short, its counter recently started. */
function newRepoCampaign(hours: number): Row {
  return {
    row: `campaign 60-500 in ${hours} h on a new repo`,
    kind: 'campaign, new repo',
    label: 'inorganic',
    plan: (r, epoch) => {
      const from = Math.round(r.between(2, 20) * D + r.between(0, D));
      const n = Math.round(logUniform(r, 60, 500));
      const b = r.between(0.5, 10);
      return {
        ...newRepo(r, epoch),
        hours: from + hours + Math.round(r.between(...SEEN_AFTER)),
        burstEndH: from + hours,
        boughtLikes: n,
        ownPerDay: b,
        likes0: 0,
        interest: organic(r, b),
        ...natural(r),
        bought: [{ from, hours, count: n }],
      };
    },
  };
}

const purged: Row = {
  row: 'campaign purged days later',
  kind: 'purged',
  label: 'inorganic',
  mixed: true,
  plan: (r, epoch) => {
    const b = r.pick([0.2, 2, 20]);
    const from = Math.round(r.between(7, 30) * D);
    const hours = r.pick([6, 24, 72]);
    const at = from + hours + Math.round(r.between(2, 6) * D);
    const count = Math.round(r.between(150, 300));
    return {
      ...oldRepo(r, epoch),
      hours: at + Math.round(r.between(1, 4) * D),
      burstEndH: from + hours,
      boughtLikes: count,
      ownPerDay: b,
      watchFrom: 0,
      likes0: Math.round(b * r.between(100, 600)),
      interest: organic(r, b),
      ...natural(r),
      bought: [{ from, hours, count, purge: { at, share: r.between(0.4, 1) } }],
    };
  },
};

/** An old, counted repo nobody downloads, pushed to trending pace for days. */
const trendingAtZero: Row = {
  row: 'trending at 0 downloads, old repo',
  kind: 'trending at 0 downloads',
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
  newModelSurge,
  lagging,
  ...[0.2, 2, 20].map((b) => untracked(b)),
  untracked(0, true),
  ...BASELINES.map((b) => campaign('campaign 60-500 in 6 h', 'campaign 6 h', (r) => logUniform(r, 60, 500), 6, b)),
  ...BASELINES.map((b) => campaign('campaign 60-500 in 24 h', 'campaign 24 h', (r) => logUniform(r, 60, 500), 24, b)),
  ...BASELINES.map((b) => campaign('drip 150-600 over 72 h', 'drip 72 h', (r) => logUniform(r, 150, 600), 72, b)),
  ...BASELINES.map((b) => campaign('bot 200-2,000 in 1 h', 'bot', (r) => logUniform(r, 200, 2000), 1, b)),
  newRepoCampaign(6),
  newRepoCampaign(24),
  purged,
  trendingAtZero,
  ...[0.2, 2].map((b) => campaign('near threshold: 40-60 in 6 h', 'near threshold', (r) => r.between(40, 60), 6, b, SEEN_AFTER, NOTES.near)),
  campaign('campaign 60-500 in 6 h, seen within 12 h', 'campaign 6 h', (r) => logUniform(r, 60, 500), 6, 2, [0, 12]),
];

/** `variants` invented models per row, the same for the same seed. */
export function generateCorpus(variants: number, seed = 1): Scenario[] {
  const out: Scenario[] = [];
  ROWS.forEach((row, k) => {
    for (let i = 0; i < variants; i++) {
      const r = random(seed * 1_000_003 + k * 10_007 + i);
      const sampling = SAMPLINGS[i % SAMPLINGS.length]!;
      const epoch = EPOCH + r.int(0, 60) * 86_400_000;
      const { burstEndH, boughtLikes, ownPerDay, ...planned } = row.plan(r, epoch);
      // GGUF copies (every .gguf file counted) and repos the Hub does not count, in every old kind.
      const gguf = row.mixed === true && r.next() < 0.2;
      const uncounted = row.mixed === true && r.next() < 0.1;
      const plan: Plan = {
        ...planned,
        ...(uncounted ? { tracked: false, trackDownloads: r.pick([false, undefined]) } : {}),
        gguf,
        files: gguf ? r.int(5, 30) : 1,
        recountLagH: r.between(0, 6),
        id: `invented/${slug(row.row)}-v${i}`,
        sampling,
      };
      const { history, at, recounts } = simulate(plan, r, epoch);
      const created = plan.createdHour === null ? -Infinity : epoch + plan.createdHour * 3_600_000;
      const endT = burstEndH === undefined ? null : epoch + burstEndH * 3_600_000;
      const refreshed = plan.tracked && endT !== null && recounts.some((u) => u > endT && u <= at && u >= created + plan.counterLagH * 3_600_000);
      const after = endT === null ? [] : history.snapshots.filter((x) => x.t >= endT).map((x) => x.t);
      const recountSeen =
        refreshed && after.length >= 2 && recounts.some((u) => u > after[0]! && u <= after[after.length - 1]!);
      const small = boughtLikes !== undefined && ownPerDay !== undefined && boughtLikes < 7 * ownPerDay;
      // Downloads answer only once a recount after the burst can be seen.
      const note =
        row.note ??
        (row.label === 'inorganic' && small
          ? NOTES.small
          : row.label === 'inorganic' && endT !== null && !recountSeen
            ? NOTES.unrefreshed
            : undefined);
      out.push({
        row: row.row,
        kind: row.kind,
        label: row.label,
        inTarget: !note,
        ...(note ? { note } : {}),
        ...(boughtLikes === undefined ? {} : { boughtLikes }),
        untracked: !plan.tracked,
        gguf,
        young: at - created < 48 * 3_600_000,
        sinceBurstH: endT === null ? null : (at - endT) / 3_600_000,
        refreshed,
        recountSeen,
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
