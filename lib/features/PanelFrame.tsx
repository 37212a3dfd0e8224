import { ErrorBoundary } from '@/components/ErrorBoundary';
import { formatAgo, formatExact } from '@/components/format';
import type { PageModel } from '@/lib/observation';
import type { Settings } from '@/lib/settings';
import type { ContentEnv, Section, SectionProps } from './content-part';
import type { ModelState } from './model-state';

/** The pieces of a slot, in order, each with its feature and that feature's boundary for later work. */
export type Pieces = (slot: Section['slot']) => { feature: string; section: Section; guard: ContentEnv['guard'] }[];

interface Props {
  id: string;
  page: PageModel;
  state: ModelState | null;
  setState(state: ModelState): void;
  settings: Settings;
  pieces: Pieces;
}

/** The panel's frame: the pieces of every feature that is on, each inside its own boundary and its own `data-hub-lens` element. */
export function PanelFrame({ id, page, state, setState, settings, pieces: inSlot }: Props) {
  const now = Date.now();
  const pieces = (slot: Section['slot']) =>
    inSlot(slot).map(({ feature, section: { View, order }, guard }) => {
      const props: SectionProps = { id, page, state, data: state?.parts[feature], setState, settings, guard, now };
      return (
        <ErrorBoundary feature={feature} key={`${feature}:${order}`}>
          <div class="part" data-hub-lens={feature}>
            <View {...props} />
          </div>
        </ErrorBoundary>
      );
    });
  return (
    <section class="panel" aria-label="Hub Lens">
      <header class="panel-head">
        <span class="brand">
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="5" fill="none" stroke="currentColor" stroke-width="2" />
            <path d="M11 11l3.5 3.5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
          Hub Lens
        </span>
        {pieces('head')}
        <span class="head-meta">
          {state ? (
            <>
              first seen {formatAgo(state.firstSeen, now)} · <span data-field="snapshots">{formatExact(state.snapshots)}</span>{' '}
              {state.snapshots === 1 ? 'snapshot' : 'snapshots'}
            </>
          ) : (
            'loading history…'
          )}
        </span>
      </header>
      {pieces('body')}
    </section>
  );
}
