import type { ComponentType } from 'preact';
import type { PageModel } from '../observation';
import type { Settings } from '../settings';
import type { ModelState } from './numbers/state';
import type { PageContext } from './page-context';
import type { PageKind } from './registry';

// What a feature's content part (`content.tsx` in its folder) can be: work it starts on the
// pages its declaration names, and/or a piece of the model-page panel.

export interface ContentEnv {
  ctx: PageContext;
  settings: Settings;
  /** the pieces of the panel from the features that are on, in order */
  sections(slot: Section['slot']): { feature: string; section: Section }[];
}

export interface ContentPart {
  /** Called once, on the first page of a kind it serves; `onUrl` then hears every same-document move. */
  start?(env: ContentEnv, url: URL, kind: PageKind): { onUrl?(url: URL): void } | void;
  /** pieces of the model-page panel */
  sections?: Section[];
}

export interface SectionProps<D = unknown> {
  id: string;
  page: PageModel;
  /** what the background knows (null until it answered) */
  state: ModelState | null;
  /** this feature's own part of the state */
  data: D | undefined;
  /** replace the state (after an action such as Watch) */
  setState(state: ModelState): void;
  now: number;
}

export interface Section {
  /** the panel's header row (actions) or its body */
  slot: 'head' | 'body';
  order: number;
  View: ComponentType<SectionProps<any>>;
}
