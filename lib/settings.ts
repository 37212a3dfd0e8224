// User settings, in extension storage under `settings` (readable by the content script without
// the database). Read by a small hand-written normaliser, not a schema library: the content
// script reads them on every Hub page and must stay small.

export const POLL_MINUTES = { min: 15, max: 24 * 60 } as const;
export const SENSITIVITIES = ['low', 'normal', 'high'] as const;
export const THEMES = ['auto', 'light', 'dark'] as const;

export interface Settings {
  /** feature switches: see lib/features/registry.ts for what each turns off */
  panel: boolean;
  sparklines: boolean;
  warnings: boolean;
  familyCard: boolean;
  listBadges: boolean;
  /** desktop notifications for watched models' new warnings (needs the optional permission) */
  notifications: boolean;
  pollMinutes: number;
  sensitivity: (typeof SENSITIVITIES)[number];
  theme: (typeof THEMES)[number];
}

export type SwitchKey = { [K in keyof Settings]: Settings[K] extends boolean ? K : never }[keyof Settings];
/** The switches that turn a feature off (lib/features/registry.ts says which feature). */
export type FeatureSwitch = Exclude<SwitchKey, 'notifications'>;

/** What the options page says of each feature switch (the content script, which loads settings, leaves it out). */
export const SWITCH_TEXT: Record<FeatureSwitch, { label: string; help: string }> = {
  panel: { label: 'Model-page panel', help: 'The Hub Lens panel under a model’s header: its numbers and what changed since your last visit.' },
  sparklines: { label: 'Sparklines and rates', help: 'Charts and likes/downloads per day in the panel.' },
  warnings: { label: 'Warnings', help: 'Anomaly signals with their evidence: in the panel, on badges, in the popup, the toolbar count and notifications.' },
  familyCard: { label: 'Family card', help: 'A model’s re-upload family and this repo’s share of it.' },
  listBadges: { label: 'List badges', help: 'Likes/day badges on model lists, organisation pages and collections.' },
};

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  panel: true,
  sparklines: true,
  warnings: true,
  familyCard: true,
  listBadges: true,
  notifications: false,
  pollMinutes: 60,
  sensitivity: 'normal',
  theme: 'auto',
};

type Check = (v: unknown) => boolean;
const isBool: Check = (v) => typeof v === 'boolean';
const oneOf = (values: readonly string[]): Check => (v) => typeof v === 'string' && values.includes(v);
const CHECKS: Record<keyof Settings, Check> = {
  panel: isBool,
  sparklines: isBool,
  warnings: isBool,
  familyCard: isBool,
  listBadges: isBool,
  notifications: isBool,
  pollMinutes: (v) => Number.isInteger(v) && (v as number) >= POLL_MINUTES.min && (v as number) <= POLL_MINUTES.max,
  sensitivity: oneOf(SENSITIVITIES),
  theme: oneOf(THEMES),
};

/** The first field of `value` that is not a valid setting, or null (unknown fields are ignored). */
export function invalidSetting(value: unknown): keyof Settings | null {
  if (typeof value !== 'object' || value === null) return null;
  for (const key of Object.keys(CHECKS) as (keyof Settings)[]) {
    if (key in value && !CHECKS[key]((value as Record<string, unknown>)[key])) return key;
  }
  return null;
}

/** Whatever is stored (an old version, a hand-edited or imported file): valid settings, field by field. */
export function normaliseSettings(value: unknown): Settings {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(CHECKS) as (keyof Settings)[]) {
      const v = (value as Record<string, unknown>)[key];
      if (CHECKS[key](v)) out[key] = v;
    }
  }
  return out as unknown as Settings;
}

const KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  try {
    return normaliseSettings((await browser.storage.local.get(KEY))[KEY]);
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export const saveSettings = (settings: Settings) => browser.storage.local.set({ [KEY]: normaliseSettings(settings) });

/** Calls `onChange` with the new settings whenever they change; returns the way to stop. */
export function watchSettings(onChange: (s: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && KEY in changes) onChange(normaliseSettings(changes[KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
