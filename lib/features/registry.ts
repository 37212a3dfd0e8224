import type { FeatureSwitch, SwitchKey } from '../settings';

// Every feature of Hub Lens, once. A feature is the folder of the same name beside this file:
// its content part (`content.tsx`: what it does on huggingface.co pages), its background part
// (`background.ts`: its messages with their schemas and allowed senders, alarms, ports), and
// its views. The content script and the background find those parts by folder name and run
// each only where its declaration here says, each inside its own error boundary.
//
// To add a feature: add its folder and one line here (see ARCHITECTURE.md).

/** Pages of huggingface.co that a content part can serve. */
export type PageKind = 'model' | 'list';

export interface FeatureDeclaration {
  /** the switch that turns it off (options page), if it can be turned off */
  setting?: { key: FeatureSwitch };
  /** huggingface.co pages its content part runs on */
  pages: readonly PageKind[];
}

export const FEATURES = {
  numbers: {
    setting: { key: 'panel' },
    pages: ['model'],
  },
  velocity: {
    setting: { key: 'sparklines' },
    pages: ['model'],
  },
  warnings: {
    setting: { key: 'warnings' },
    pages: ['model'],
  },
  family: {
    setting: { key: 'familyCard' },
    pages: ['model'],
  },
  badges: {
    setting: { key: 'listBadges' },
    pages: ['list'],
  },
  watch: { pages: ['model'] },
  history: { pages: [] },
} as const satisfies Record<string, FeatureDeclaration>;

export type FeatureName = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];

/** Is the feature on under these settings (features without a switch always are)? */
export function isOn(name: FeatureName, settings: Readonly<Record<SwitchKey, boolean>>): boolean {
  const decl: FeatureDeclaration = FEATURES[name];
  return decl.setting ? settings[decl.setting.key] : true;
}
