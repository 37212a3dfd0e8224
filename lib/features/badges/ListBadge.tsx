import { Component } from 'preact';
import { send } from '@/lib/features/send';
import { trusted } from '@/lib/features/trusted';
import type { Badge } from './badge';

/**
 * A class rather than hooks: the content script leaves preact/hooks out to stay small. The star
 * starts as ☆ whatever the watch list holds (the page can read the badge: see Badge); it shows
 * the state only once the user's own click has set it here. `every`: the user's polling period,
 * in words ("every hour").
 */
export class ListBadge extends Component<{ id: string; badge: Badge; every: string }, { watched: boolean }> {
  override state = { watched: false };

  override render({ id, badge, every }: { id: string; badge: Badge; every: string }) {
    const { summary, rate } = badge;
    const { watched } = this.state;
    const onWatch = async (e: MouseEvent) => {
      // The badge sits inside the card's link: a click here must not open the model.
      e.preventDefault();
      e.stopPropagation();
      if (!trusted(e)) return;
      const answer = await send('model/watch', { id, watched: !watched });
      if (answer.ok && answer.value.ok && answer.value.state) this.setState({ watched: answer.value.state.watched });
    };
    return (
      <span class={`badge${badge.severity ? ` sev-${badge.severity}` : ''}`} title={summary}>
        <span class="sr-only">{summary}</span>
        {/* Shown, not read: the summary above says it in words (the card's link reads it once). */}
        {badge.arrow && <span aria-hidden="true" class={badge.arrow}>{badge.arrow === 'up' ? '▲' : '▼'}</span>}
        <span aria-hidden="true" class="badge-rate">{rate}</span>
        {badge.severity && <span aria-hidden="true" class="badge-warn">⚠</span>}
        <button
          type="button"
          class={watched ? 'badge-watch on' : 'badge-watch'}
          aria-pressed={watched}
          aria-label={`Watch ${id}`}
          title={watched ? `Watched: ${id} is recorded ${every}. Click to stop.` : `Watch ${id}: record it ${every}`}
          onClick={onWatch}
        >
          {watched ? '★' : '☆'}
        </button>
      </span>
    );
  }
}
