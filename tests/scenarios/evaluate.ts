import { type AnomalyOptions, detectAnomalies } from '@/lib/anomalies';
import { SEVERITIES as ALL_SEVERITIES, WARNING_KINDS, type Severity, type Warning, type WarningKind } from '@/lib/types';
import { NOTES, type Scenario } from './corpus';

const UNREFRESHED = NOTES.unrefreshed;
import { type Sampling, SAMPLINGS } from './simulate';

// Scores the detectors on a labelled corpus: recall on inorganic rows (any warn or alert), the share
// of organic models flagged, and zero-download warnings where downloads cannot speak.

export const KINDS: readonly WarningKind[] = WARNING_KINDS;
export const SEVERITIES: readonly Severity[] = ALL_SEVERITIES;
const ZERO_KINDS: readonly WarningKind[] = ['zero-downloads-trending', 'likes-without-downloads'];

export type KindCounts = Record<WarningKind, Record<Severity, number>>;

export interface Share {
  hit: number;
  of: number;
  share: number;
}

export interface RowResult {
  row: string;
  label: Scenario['label'];
  /** models flagged (any warn or alert) of models in the row */
  flagged: Share;
  /** the same, over the row's models in the targets */
  inTarget: Share;
  /** how many of the row's models are left out of the targets, per reason */
  notes: Record<string, number>;
  /** how many models of the row got each kind at each severity */
  kinds: KindCounts;
}

export interface Evaluation {
  /** in-target inorganic models given any warn or alert (a recount after the burst seen in the readings) */
  recall: Share;
  /** inorganic models, not too small for a campaign, where the Hub recounted after the burst, seen or not */
  recallRecounted: Share;
  /** the same over every inorganic model, rows not in the targets included */
  recallAll: Share;
  /** organic models given any warn or alert */
  organicFlagged: Share;
  /** zero-download warnings on repos whose downloads are not counted or younger than 48 h */
  zeroOnUntrackedOrNew: number;
  /** recall (in targets) and organic models flagged, for each way of sampling */
  bySampling: Record<Sampling, { recall: Share; organicFlagged: Share }>;
  /** models flagged, per kind of model (steady, surge, campaign...) */
  byKind: { kind: string; label: Scenario['label']; flagged: Share; inTarget: Share }[];
  /**
   * Per "hours since the burst ended" (since the surge began, for organic ones): inorganic models
   * flagged where the Hub had recounted the downloads since, and where it had not; organic ones flagged.
   */
  byHoursSince: { bucket: string; refreshed: Share; unrefreshed: Share; organic: Share }[];
  kinds: KindCounts;
  rows: RowResult[];
}

export const serious = (ws: readonly Warning[]) => ws.some((w) => w.severity !== 'info');

export function emptyCounts(): KindCounts {
  return Object.fromEntries(KINDS.map((k) => [k, { info: 0, warn: 0, alert: 0 }])) as KindCounts;
}

interface Result {
  s: Scenario;
  ws: Warning[];
}

const flagged = (rs: readonly Result[]): Share => {
  const hit = rs.filter((r) => serious(r.ws)).length;
  return { hit, of: rs.length, share: rs.length ? hit / rs.length : 0 };
};

function counts(rs: readonly Result[]): KindCounts {
  const c = emptyCounts();
  for (const r of rs) for (const w of r.ws) c[w.kind][w.severity]++;
  return c;
}

export function evaluate(corpus: readonly Scenario[], options?: AnomalyOptions): Evaluation {
  const results = corpus.map((s) => ({ s, ws: detectAnomalies(s.history, s.at, options) }));
  const organic = results.filter((r) => r.s.label === 'organic');
  const inorganic = results.filter((r) => r.s.label === 'inorganic');
  const targeted = inorganic.filter((r) => r.s.inTarget);
  const sampled = (rs: Result[], s: Sampling) => rs.filter((r) => r.s.sampling === s);
  const rows = [...new Set(corpus.map((s) => s.row))].map((row) => {
    const rs = results.filter((r) => r.s.row === row);
    const notes: Record<string, number> = {};
    for (const r of rs) if (r.s.note) notes[r.s.note] = (notes[r.s.note] ?? 0) + 1;
    const inTarget = flagged(rs.filter((r) => r.s.inTarget));
    return { row, label: rs[0]!.s.label, flagged: flagged(rs), inTarget, notes, kinds: counts(rs) };
  });
  return {
    recall: flagged(targeted),
    recallRecounted: flagged(inorganic.filter((r) => r.s.refreshed && (r.s.inTarget || r.s.note === UNREFRESHED))),
    recallAll: flagged(inorganic),
    organicFlagged: flagged(organic),
    zeroOnUntrackedOrNew: results
      .filter((r) => r.s.untracked || r.s.young)
      .reduce((n, r) => n + r.ws.filter((w) => ZERO_KINDS.includes(w.kind)).length, 0),
    bySampling: Object.fromEntries(
      SAMPLINGS.map((s) => [s, { recall: flagged(sampled(targeted, s)), organicFlagged: flagged(sampled(organic, s)) }]),
    ) as Evaluation['bySampling'],
    byKind: [...new Set(corpus.map((s) => `${s.label}\u0000${s.kind}`))].map((key) => {
      const rs = results.filter((r) => `${r.s.label}\u0000${r.s.kind}` === key);
      return { kind: rs[0]!.s.kind, label: rs[0]!.s.label, flagged: flagged(rs), inTarget: flagged(rs.filter((r) => r.s.inTarget)) };
    }),
    byHoursSince: HOURS_SINCE.map(([bucket, lo, hi]) => {
      const rs = results.filter((r) => r.s.sinceBurstH !== null && r.s.sinceBurstH >= lo && r.s.sinceBurstH < hi);
      // Campaigns too small to be more than context (or within a fifth of that size) are left out.
      const bought = rs.filter((r) => r.s.label === 'inorganic' && (r.s.inTarget || r.s.note === UNREFRESHED));
      return {
        bucket,
        refreshed: flagged(bought.filter((r) => r.s.refreshed)),
        unrefreshed: flagged(bought.filter((r) => !r.s.refreshed)),
        organic: flagged(rs.filter((r) => r.s.label === 'organic')),
      };
    }),
    kinds: counts(results),
    rows,
  };
}

const HOURS_SINCE: readonly [string, number, number][] = [
  ['0-12 h', -Infinity, 12],
  ['12-24 h', 12, 24],
  ['24-48 h', 24, 48],
  ['48-72 h', 48, 72],
  ['72 h+', 72, Infinity],
];

export const TARGETS = { recall: 0.95, organicFlagged: 0.02, zeroOnUntrackedOrNew: 0 } as const;

export function meetsTargets(e: Evaluation): boolean {
  return (
    e.recall.share >= TARGETS.recall &&
    e.organicFlagged.share <= TARGETS.organicFlagged &&
    e.zeroOnUntrackedOrNew === TARGETS.zeroOnUntrackedOrNew
  );
}
