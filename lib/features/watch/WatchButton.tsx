import { Component } from 'preact';
import type { SectionProps } from '../content';
import { send } from '../send';

/** Only the user's own click counts: the page's scripts can dispatch synthetic ones. */
export const trusted = (e: Event) => e.isTrusted;

/** ☆ Watch in the panel's header: record this model every period and list it in the popup. */
export class WatchButton extends Component<SectionProps, { error: string | null }> {
  override state = { error: null as string | null };

  override render({ id, state, setState }: SectionProps) {
    if (!state) return null;
    const { error } = this.state;
    const toggle = async (e: Event) => {
      if (!trusted(e)) return;
      const answer = await send('model/watch', { id, watched: !state.watched });
      if (answer?.ok && answer.state) setState(answer.state);
      this.setState({ error: answer && !answer.ok ? answer.error : null });
    };
    return (
      <>
        <button
          type="button"
          class={state.watched ? 'watch on' : 'watch'}
          aria-pressed={state.watched}
          title={state.watched ? 'Recorded every hour; listed in the Hub Lens popup' : 'Record this model every hour and list it in the Hub Lens popup'}
          onClick={toggle}
        >
          {state.watched ? '★ Watching' : '☆ Watch'}
        </button>
        {error && (
          <span class="watch-error" role="alert">
            {error}
          </span>
        )}
      </>
    );
  }
}
