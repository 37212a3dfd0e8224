import type { ComponentType } from 'preact';
import type { PageModel } from '@/lib/observation';
import type { Settings } from '@/lib/settings';
import type { ModelState } from './model-state';
import type { PageContext } from './page-context';
import type { PageKind } from './registry';

// What a feature's content part (`content.tsx` in its folder) can be: work it starts on the
// pages its declaration names, and/or a piece of the model-page panel (lib/features/PanelFrame.tsx).

/** What a feature's content part is given: everything in it runs inside the feature's boundary. */
export interface ContentEnv {
  /** the page's life (wrap what its `setTimeout` calls back in `guard`) */
  ctx: PageContext;
  settings: Settings;
  /**
   * `fn`, to be called later (an animation frame, an observer, an event, a promise's
   * continuation) inside the feature's boundary: what it throws or rejects is reported under the
   * feature's name, never reaches the page.
   */
  guard<A extends unknown[]>(fn: (...args: A) => unknown): (...args: A) => void;
}

export interface ContentPart {
  /** Called once, on the first page of a kind it serves; `onUrl` then hears every same-document move. */
  start?(env: ContentEnv, url: URL, kind: PageKind): { onUrl?(url: URL): void } | void | Promise<void>;
  /** pieces of the model-page panel */
  sections?: Section[];
}

export interface SectionProps<D = unknown> {
  id: string;
  page: PageModel;
  /** what the background knows (null until it answered) */
  state: ModelState | null;
  /** this feature's own part of the state (what its background part's `describe` returned) */
  data: D | undefined;
  /** replace the state (after an action such as Watch) */
  setState(state: ModelState): void;
  /** the user's period for polling watched models, and the theme */
  settings: Settings;
  /** as ContentEnv's: later work inside the feature's boundary (a failure there takes the piece down) */
  guard: ContentEnv['guard'];
  now: number;
}

export interface Section {
  /** the panel's header row (actions) or its body */
  slot: 'head' | 'body';
  order: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each section knows its own data's type
  View: ComponentType<SectionProps<any>>;
}
