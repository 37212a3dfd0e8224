import { ErrorBoundary } from '@/components/ErrorBoundary';
import { formatAgo, formatExact } from '@/components/format';
import type { PageModel } from '../../observation';
import type { ContentEnv, SectionProps } from '../content';
import type { ModelState } from './state';

interface Props {
  id: string;
  page: PageModel;
  state: ModelState | null;
  setState(state: ModelState): void;
  sections: ContentEnv['sections'];
}

/** The panel's frame: the pieces of every feature that is on, each inside its own boundary. */
export function Panel({ id, page, state, setState, sections }: Props) {
  const now = Date.now();
  const pieces = (slot: 'head' | 'body') =>
    sections(slot).map(({ feature, section: { View } }) => {
      const props: SectionProps = { id, page, state, data: state?.parts[feature], setState, now };
      return (
        <ErrorBoundary feature={feature} key={feature}>
          <View {...props} />
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
