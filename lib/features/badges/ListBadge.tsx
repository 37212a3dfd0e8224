import { Component } from 'preact';
import { formatRate } from '@/components/format';
import { send } from '../send';
import { trusted } from '../watch/WatchButton';
import type { Badge } from './badge';

const WINDOW_WORDS = { '24h': 'over the last 24 h', '7d': 'over the last 7 days', '30d': 'over the last 30 days', lifetime: 'since the repo was created' };

/** One line, in words, of what the badge says: shown on hover and read by screen readers. */
export function badgeSummary(b: Badge): string {
  const parts: string[] = [];
  const r = b.likesPerDay;
  if (r.value !== null) {
    const speed = b.arrow === 'up' ? ', speeding up' : b.arrow === 'down' ? ', slowing down' : '';
    parts.push(`${r.estimated ? '≈ ' : ''}${formatRate(r.value, false)} likes/day ${WINDOW_WORDS[r.window]}${r.estimated ? ` (estimated ${r.basis})` : ''}${speed}`);
  } else parts.push('not enough history for a rate yet');
  if (b.warnings.length) parts.push(`${b.severity === 'alert' ? 'Alert' : 'Warning'}: ${b.warnings.join(' ')}`);
  parts.push(`Hub Lens history: ${b.snapshots} snapshot${b.snapshots === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/** A class rather than hooks: the content script leaves preact/hooks out to stay small. */
export class ListBadge extends Component<{ id: string; badge: Badge }, { watched: boolean }> {
  override state = { watched: this.props.badge.watched };

  override render({ id, badge: shown }: { id: string; badge: Badge }) {
    const badge = { ...shown, watched: this.state.watched };
    return <BadgeView id={id} badge={badge} onWatched={(watched) => this.setState({ watched })} />;
  }
}

function BadgeView({ id, badge, onWatched }: { id: string; badge: Badge; onWatched(watched: boolean): void }) {
  const summary = badgeSummary(badge);
  const r = badge.likesPerDay;
  const rate = r.value === null ? '—' : `${r.estimated ? '≈' : ''}${formatRate(r.value, false)}/d`;
  const onWatch = async (e: MouseEvent) => {
    // The badge sits inside the card's link: a click here must not open the model.
    e.preventDefault();
    e.stopPropagation();
    if (!trusted(e)) return;
    const answer = await send('model/watch', { id, watched: !badge.watched });
    if (answer?.ok && answer.state) onWatched(answer.state.watched);
  };
  return (
    <span class={`badge${badge.severity ? ` sev-${badge.severity}` : ''}`} title={summary}>
      <span class="sr-only">{summary}</span>
      {badge.arrow && <span class={badge.arrow}>{badge.arrow === 'up' ? '▲' : '▼'}</span>}
      <span class="badge-rate">{rate}</span>
      {badge.severity && <span class="badge-warn">⚠</span>}
      <button
        type="button"
        class={badge.watched ? 'badge-watch on' : 'badge-watch'}
        aria-pressed={badge.watched}
        title={badge.watched ? `Watched: ${id} is recorded every hour. Click to stop.` : `Watch ${id}: record it every hour`}
        onClick={onWatch}
      >
        {badge.watched ? '★' : '☆'}
      </button>
    </span>
  );
}
