import { ratesFor, type Rate } from '../../estimates';
import { trend } from '../../trend';
import type { ModelHistory, Warning } from '../../types';
import { isSerious, topSeverity } from '../warnings/severity';

/** What a list badge shows for one model. */
export interface Badge {
  /** likes a day over the shortest window that has one (measured, else estimated from the Hub's windows) */
  likesPerDay: Rate & { window: '24h' | '7d' | '30d' | 'lifetime' };
  arrow: 'up' | 'down' | null;
  severity: 'warn' | 'alert' | null;
  /** one line per warning at warn or above */
  warnings: string[];
  snapshots: number;
  watched: boolean;
}

const ORDER = ['24h', '7d', '30d', 'lifetime'] as const;

/** A list card's summary: the same rates as the panel and the popup. */
export function badgeFor(history: ModelHistory, warnings: readonly Warning[], now: number): Badge {
  const likes = ratesFor(history, now).likesPerDay;
  const window = ORDER.find((w) => likes[w].value !== null) ?? '7d';
  const next = ORDER[ORDER.indexOf(window) + 1];
  const longer = next && !likes[window].estimated && !likes[next].estimated ? likes[next].value : null;
  return {
    likesPerDay: { ...likes[window], window },
    arrow: trend(likes[window].value, longer),
    severity: topSeverity(warnings),
    warnings: warnings.filter(isSerious).map((w) => w.evidence),
    snapshots: history.snapshots.length,
    watched: history.watched === true,
  };
}
