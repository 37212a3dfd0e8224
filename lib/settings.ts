import { isPollMinutes } from './features/period';
import { SETTINGS_KEY } from './settings-key';
import { FEATURES, SWITCHABLE, type Switchable } from './features/registry';

// User settings, in extension storage under `settings` (the content script reads them on every
// Hub page, without the database). Read by a small hand-written normaliser, not a schema library
// or @wxt-dev/storage: the content script must stay small. Whatever is stored is checked field by
// field on every read (a content script can write storage.local): a bad field reads as its default.

export const SENSITIVITIES = ['low', 'normal', 'high'] as const;
export const THEMES = ['auto', 'light', 'dark'] as const;

/** Each feature switch (lib/features/registry.ts) is a boolean of the feature's name. */
export type Settings = Record<Switchable, boolean> & {
  /** desktop notifications for watched models' new warnings (needs the optional permission) */
  notifications: boolean;
  pollMinutes: number;
  sensitivity: (typeof SENSITIVITIES)[number];
  theme: (typeof THEMES)[number];
};

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  ...(Object.fromEntries(SWITCHABLE.map((name) => [name, FEATURES[name].setting.default])) as Record<Switchable, boolean>),
  notifications: false,
  pollMinutes: 60,
  sensitivity: 'normal',
  theme: 'auto',
};

/** Switches saved by versions that named them apart from their feature: old key → feature. */
export const RENAMED_SWITCHES: Readonly<Record<string, Switchable>> = { panel: 'numbers', sparklines: 'velocity', familyCard: 'family', listBadges: 'badges' };

type Check = (v: unknown) => boolean;
const isBool: Check = (v) => typeof v === 'boolean';
const oneOf = (values: readonly string[]): Check => (v) => typeof v === 'string' && values.includes(v);
const CHECKS: Record<keyof Settings, Check> = {
  ...(Object.fromEntries(SWITCHABLE.map((name) => [name, isBool])) as Record<Switchable, Check>),
  notifications: isBool,
  pollMinutes: isPollMinutes,
  sensitivity: oneOf(SENSITIVITIES),
  theme: oneOf(THEMES),
};

/** Old switch keys renamed to their feature's (a key of today wins over an old one). */
export function renameOldSwitches(value: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [old, name] of Object.entries(RENAMED_SWITCHES)) if (old in value) out[name] = (value as Record<string, unknown>)[old];
  return { ...out, ...value };
}

/** The first field of `value` that is not a valid setting, or null (unknown fields are ignored). */
export function invalidSetting(value: unknown): keyof Settings | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = renameOldSwitches(value);
  for (const key of Object.keys(CHECKS) as (keyof Settings)[]) {
    if (key in v && !CHECKS[key](v[key])) return key;
  }
  return null;
}

/** Whatever is stored (an old version, a hand-edited or imported file, garbage): valid settings, field by field. */
export function normaliseSettings(value: unknown): Settings {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  if (typeof value === 'object' && value !== null) {
    const v = renameOldSwitches(value);
    for (const key of Object.keys(CHECKS) as (keyof Settings)[]) if (CHECKS[key](v[key])) out[key] = v[key];
  }
  return out as Settings;
}

export { SETTINGS_KEY };

/** The content script's read of the settings (the one place that does not go through lib/storage-items.ts, to stay small). */
export async function loadSettings(): Promise<Settings> {
  try {
    return normaliseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}
