import { countOf, formatRate } from '@/components/format';
import { ratesFor, type Rate } from '@/lib/estimates';
import { trend } from '@/lib/trend';
import type { ModelHistory, Warning } from '@/lib/types';
import { isSerious, topSeverity } from '@/lib/anomalies/severity';

/**
 * What a list badge shows for one model. Not whether the user watches it: a page's script can
 * read the badge (its shadow root is open) and plant cards of any model, so the watch list
 * stays out of list pages (the popup and the model's own panel show it).
 */
export interface Badge {
  /** likes a day over the shortest window that has one (measured, else estimated from the Hub's windows) */
  likesPerDay: Rate & { window: '24h' | '7d' | '30d' | 'lifetime' };
  arrow: 'up' | 'down' | null;
  severity: 'warn' | 'alert' | null;
  /** one line per warning at warn or above */
  warnings: string[];
  snapshots: number;
  /** the rate as the badge shows it, e.g. "≈354/d" */
  rate: string;
  /** what the badge says, in words: shown on hover and read by screen readers */
  summary: string;
}

const ORDER = ['24h', '7d', '30d', 'lifetime'] as const;

/** A list card's summary: the same rates as the panel and the popup. */
export function badgeFor(history: ModelHistory, warnings: readonly Warning[], now: number): Badge {
  const likes = ratesFor(history, now).likesPerDay;
  const window = ORDER.find((w) => likes[w].value !== null) ?? '7d';
  const next = ORDER[ORDER.indexOf(window) + 1];
  const longer = next && !likes[window].estimated && !likes[next].estimated ? likes[next].value : null;
  const r = { ...likes[window], window };
  const facts = {
    likesPerDay: r,
    arrow: trend(r.value, longer),
    severity: topSeverity(warnings),
    warnings: warnings.filter(isSerious).map((w) => w.evidence),
    snapshots: history.snapshots.length,
  };
  return { ...facts, rate: r.value === null ? '—' : `${r.estimated ? '≈' : ''}${formatRate(r.value, false)}/d`, summary: badgeSummary(facts) };
}

const WINDOW_WORDS = { '24h': 'over the last 24 h', '7d': 'over the last 7 days', '30d': 'over the last 30 days', lifetime: 'since the repo was created' };

/** One line, in words, of what the badge says: shown on hover and read by screen readers. */
function badgeSummary(b: Omit<Badge, 'rate' | 'summary'>): string {
  const parts: string[] = [];
  const r = b.likesPerDay;
  if (r.value !== null) {
    const speed = b.arrow === 'up' ? ', speeding up' : b.arrow === 'down' ? ', slowing down' : '';
    // Read as it is meant: "about 54 likes a day over the last 7 days, estimated from the 7-day trending score".
    parts.push(`${r.estimated ? 'about ' : ''}${formatRate(r.value, false)} likes a day ${WINDOW_WORDS[r.window]}${r.estimated ? `, estimated ${r.basis}` : ''}${speed}`);
  } else parts.push('not enough history for a rate yet');
  if (b.warnings.length) parts.push(`${b.severity === 'alert' ? 'Alert' : 'Warning'}: ${b.warnings.join(' ')}`);
  parts.push(`Hub Lens history: ${countOf(b.snapshots, 'snapshot')}`);
  return parts.join(' · ');
}

