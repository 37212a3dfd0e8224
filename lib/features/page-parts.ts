import type { ComponentType } from 'preact';

// What a feature can add to the extension's own pages, each file found by name in its folder
// (`options.tsx`: its section of the options page; `popup.tsx`: the toolbar popup, one feature
// owns it; `page.tsx`: a page of its own), each rendered inside the feature's error boundary.

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

/** A feature's own extension page (`page.tsx` exports `page`), at `feature.html?name=<feature>`. */
export interface FeaturePagePart {
  title: string;
  View: ComponentType;
}

// Loaded lazily: the page loads the code of the one feature it shows.
const pages = import.meta.glob<{ page: FeaturePagePart }>('./*/page.tsx');

/** The page of feature `name`, if it has one. */
export async function featurePage(name: string): Promise<FeaturePagePart | undefined> {
  const load = /^[a-z][a-z0-9-]*$/.test(name) ? pages[`./${name}/page.tsx`] : undefined;
  return load ? (await load()).page : undefined;
}
