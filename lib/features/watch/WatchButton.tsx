import { Component } from 'preact';
import type { SectionProps } from '@/lib/features/content-part';
import { everyPeriod } from '@/lib/features/period';
import { send } from '@/lib/features/send';
import { trusted } from '@/lib/features/trusted';

/** ☆ Watch in the panel's header: record this model every period and list it in the popup. */
export class WatchButton extends Component<SectionProps, { error: string | null }> {
  override state = { error: null as string | null };

  override render({ id, state, setState, settings }: SectionProps) {
    if (!state) return null;
    const { error } = this.state;
    const every = everyPeriod(settings.pollMinutes);
    const toggle = async (e: Event) => {
      if (!trusted(e)) return;
      const answer = await send('model/watch', { id, watched: !state.watched });
      const done = answer.ok ? answer.value : answer;
      if (done.ok && done.state) setState(done.state);
      this.setState({ error: done.ok ? null : done.error });
    };
    return (
      <>
        <button
          type="button"
          class={state.watched ? 'watch on' : 'watch'}
          aria-pressed={state.watched}
          title={state.watched ? `Recorded ${every}; listed in the Hub Lens popup` : `Record this model ${every} and list it in the Hub Lens popup`}
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
