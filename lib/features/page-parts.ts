import type { ComponentType } from 'preact';

// What a feature can add to the extension's own pages, each file found by name in its folder:
// `options.tsx` exports `options` (its section of the options page), `popup.tsx` exports `popup`
// (the toolbar popup: one feature owns it). Each renders inside its feature's error boundary.

export interface OptionsPart {
  /** its place on the options page, after the feature switches' section (order 0) */
  order: number;
  View: ComponentType;
}

export interface PopupPart {
  View: ComponentType;
  /** resolves when the popup may render (its first rows are in, or it waited long enough) */
  ready?(): Promise<void>;
}
