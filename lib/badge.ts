import type { Badge } from './messages';
import { trend } from './trend';
import type { ModelHistory, Warning } from './types';
import { rate, WINDOWS } from './velocity';

const ORDER = { info: 0, warn: 1, alert: 2 } as const;

/** A list card's summary: likes a day from history, else estimated from the trending score. */
export function badgeFor(history: ModelHistory, warnings: Warning[]): Badge {
  const s = history.snapshots;
  const r24 = rate(s, 'likes', WINDOWS['24h']);
  const r7 = rate(s, 'likes', WINDOWS['7d']);
  const r30 = rate(s, 'likes', WINDOWS['30d']);
  let likesPerDay: number | null = null;
  let basis: Badge['basis'] = null;
  let arrow: Badge['arrow'] = null;
  if (r24 !== null) [likesPerDay, basis, arrow] = [r24, '24h', trend(r24, r7)];
  else if (r7 !== null) [likesPerDay, basis, arrow] = [r7, '7d', trend(r7, r30)];
  else {
    // The trending score tracks likes gained over 7 days (api.md): a rough rate without history.
    const score = [...s].reverse().find((x) => x.trendingScore !== null)?.trendingScore;
    if (score !== undefined && score !== null) [likesPerDay, basis] = [score / 7, 'trending'];
  }
  const serious = warnings.filter((w) => w.severity !== 'info');
  const top = serious.reduce<Warning | null>((m, w) => (!m || ORDER[w.severity] > ORDER[m.severity] ? w : m), null);
  return {
    likesPerDay,
    basis,
    arrow,
    severity: top ? (top.severity as 'warn' | 'alert') : null,
    warnings: serious.map((w) => w.evidence),
    snapshots: s.length,
    watched: history.watched === true,
  };
}
