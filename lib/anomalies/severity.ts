import type { Severity, Warning } from '@/lib/types';

// The one severity order, and the one rule of which warnings count as serious (warn or above).

const RANK: Record<Severity, number> = { info: 0, warn: 1, alert: 2 };

export const isSerious = (w: Pick<Warning, 'severity'>) => w.severity !== 'info';

/** Most serious first. */
export const bySeverity = <W extends Pick<Warning, 'severity'>>(warnings: readonly W[]): W[] =>
  [...warnings].sort((a, b) => RANK[b.severity] - RANK[a.severity]);

/** The highest severity at warn or above, or null. */
export function topSeverity(warnings: readonly Pick<Warning, 'severity'>[]): 'warn' | 'alert' | null {
  const top = bySeverity(warnings.filter(isSerious))[0];
  return top ? (top.severity as 'warn' | 'alert') : null;
}
