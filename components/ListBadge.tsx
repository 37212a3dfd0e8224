import type { Badge } from '@/lib/messages';
import { formatRate } from './format';

const BASIS = { '24h': 'over the last 24 h', '7d': 'over the last 7 days', trending: 'estimated from the Hub trending score (likes gained over 7 days)' };

/** One line, in words, of what the badge says: shown on hover and read by screen readers. */
export function badgeSummary(b: Badge): string {
  const parts: string[] = [];
  if (b.likesPerDay !== null && b.basis) {
    const speed = b.arrow === 'up' ? ', speeding up' : b.arrow === 'down' ? ', slowing down' : '';
    parts.push(`${formatRate(b.likesPerDay)} likes/day ${BASIS[b.basis]}${speed}`);
  } else parts.push('not enough history for a rate yet');
  if (b.warnings.length) parts.push(`${b.severity === 'alert' ? 'Alert' : 'Warning'}: ${b.warnings.join(' ')}`);
  parts.push(`Hub Lens history: ${b.snapshots} snapshot${b.snapshots === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

export function ListBadge({ badge, onWatch }: { badge: Badge; onWatch?: (watched: boolean) => void }) {
  const summary = badgeSummary(badge);
  const rate = badge.likesPerDay === null ? '—' : `${badge.basis === 'trending' ? '≈' : ''}${formatRate(badge.likesPerDay, false)}/d`;
  return (
    <span class={`badge${badge.severity ? ` sev-${badge.severity}` : ''}`} title={summary}>
      <span class="sr-only">{summary}</span>
      {badge.arrow && <span class={badge.arrow}>{badge.arrow === 'up' ? '▲' : '▼'}</span>}
      <span class="badge-rate">{rate}</span>
      {badge.severity && <span class="badge-warn">⚠</span>}
      {onWatch && (
        <button
          type="button"
          class={badge.watched ? 'badge-watch on' : 'badge-watch'}
          aria-pressed={badge.watched}
          title={badge.watched ? 'Watched: recorded every hour. Click to stop.' : 'Watch: record this model every hour'}
          onClick={(e) => {
            // The badge sits inside the card's link: a click here must not open the model.
            e.preventDefault();
            e.stopPropagation();
            onWatch(!badge.watched);
          }}
        >
          {badge.watched ? '★' : '☆'}
        </button>
      )}
    </span>
  );
}
