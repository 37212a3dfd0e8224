import { type AnomalyOptions, detectAnomalies } from '../../lib/anomalies';
import { SEVERITIES as ALL_SEVERITIES, WARNING_KINDS, type Severity, type Warning, type WarningKind } from '../../lib/types';
import type { Scenario } from './corpus';
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
  inTarget: boolean;
  note?: string;
  /** models flagged (any warn or alert) of models in the row */
  flagged: Share;
  /** how many models of the row got each kind at each severity */
  kinds: KindCounts;
}

export interface Evaluation {
  /** in-target inorganic models given any warn or alert */
  recall: Share;
  /** the same over every inorganic model, rows not in the targets included */
  recallAll: Share;
  /** organic models given any warn or alert */
  organicFlagged: Share;
  /** zero-download warnings on repos whose downloads are not counted or younger than 48 h */
  zeroOnUntrackedOrNew: number;
  /** recall (in targets) and organic models flagged, for each way of sampling */
  bySampling: Record<Sampling, { recall: Share; organicFlagged: Share }>;
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
    const { label, inTarget, note } = rs[0]!.s;
    return { row, label, inTarget, ...(note ? { note } : {}), flagged: flagged(rs), kinds: counts(rs) };
  });
  return {
    recall: flagged(targeted),
    recallAll: flagged(inorganic),
    organicFlagged: flagged(organic),
    zeroOnUntrackedOrNew: results
      .filter((r) => r.s.untracked || r.s.young)
      .reduce((n, r) => n + r.ws.filter((w) => ZERO_KINDS.includes(w.kind)).length, 0),
    bySampling: Object.fromEntries(
      SAMPLINGS.map((s) => [s, { recall: flagged(sampled(targeted, s)), organicFlagged: flagged(sampled(organic, s)) }]),
    ) as Evaluation['bySampling'],
    kinds: counts(results),
    rows,
  };
}

export const TARGETS = { recall: 0.95, organicFlagged: 0.02, zeroOnUntrackedOrNew: 0 } as const;

export function meetsTargets(e: Evaluation): boolean {
  return (
    e.recall.share >= TARGETS.recall &&
    e.organicFlagged.share <= TARGETS.organicFlagged &&
    e.zeroOnUntrackedOrNew === TARGETS.zeroOnUntrackedOrNew
  );
}
