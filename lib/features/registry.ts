// Every feature of Hub Lens, once. A feature is the folder of the same name beside this file:
// its content part (`content.tsx`: what it does on huggingface.co pages), its background part
// (`background.ts`: its messages with their schemas and allowed senders, alarms, ports), its
// extension-page parts (`options.tsx`, `popup.tsx`) and its views. The content script, the
// background and the extension's pages find those parts by folder name and run each only where
// its line here says, each inside its own error boundary. Its name is the folder's, its switch's
// key in the settings, the label its errors are reported under and its hosts' `data-hub-lens`.
//
// To add a feature: add its folder and one line here (see ARCHITECTURE.md).

/** Pages of huggingface.co that a content part can serve. */
export type PageKind = 'model' | 'list';

export interface FeatureDeclaration {
  /** huggingface.co pages its content part runs on */
  pages: readonly PageKind[];
  /** its switch on the options page, if it can be turned off: on or off at first, and its words */
  setting?: { default: boolean; label: string; help: string };
}

export const FEATURES = {
  numbers: { pages: ['model'], setting: { default: true, label: 'Numbers', help: 'The counters in the panel under a model’s header, and what changed since your last visit.' } },
  velocity: { pages: ['model'], setting: { default: true, label: 'Sparklines and rates', help: 'Charts and likes/downloads per day in the panel.' } },
  warnings: { pages: ['model'], setting: { default: true, label: 'Warnings', help: 'Anomaly signals with their evidence: in the panel, on badges, in the popup, the toolbar count and notifications.' } },
  family: { pages: ['model'], setting: { default: true, label: 'Family card', help: 'A model’s re-upload family and this repo’s share of it.' } },
  badges: { pages: ['list'], setting: { default: true, label: 'List badges', help: 'Likes/day badges on model lists, organisation pages and collections.' } },
  watch: { pages: ['model'] },
  history: { pages: [] },
} as const satisfies Record<string, FeatureDeclaration>;

export type FeatureName = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];

/** The features that can be turned off: each is a boolean setting of the same name. */
export type Switchable = { [K in FeatureName]: (typeof FEATURES)[K] extends { setting: object } ? K : never }[FeatureName];
export const SWITCHABLE = FEATURE_NAMES.filter((name): name is Switchable => 'setting' in FEATURES[name]);

/** Is the feature on under these settings (features without a switch always are)? */
export const isOn = (name: FeatureName, settings: Readonly<Record<Switchable, boolean>>): boolean =>
  !('setting' in FEATURES[name]) || settings[name as Switchable];
