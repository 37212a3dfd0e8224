import { storage } from '@wxt-dev/storage';
import * as z from 'zod/mini';

// User settings, in extension storage (readable by the content script without the database).

export const POLL_MINUTES = { min: 15, max: 24 * 60 } as const;

export const settingsSchema = z.object({
  panel: z.boolean(),
  sparklines: z.boolean(),
  warnings: z.boolean(),
  familyCard: z.boolean(),
  listBadges: z.boolean(),
  notifications: z.boolean(),
  pollMinutes: z.int().check(z.minimum(POLL_MINUTES.min), z.maximum(POLL_MINUTES.max)),
  sensitivity: z.enum(['low', 'normal', 'high']),
  theme: z.enum(['auto', 'light', 'dark']),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
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

/** Whatever is stored (an old version, a hand-edited or imported file): valid settings. */
export function normaliseSettings(value: unknown): Settings {
  const merged = { ...DEFAULT_SETTINGS, ...(typeof value === 'object' && value ? value : {}) };
  const parsed = settingsSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  // Keep each valid field, fall back to the default for the rest.
  const out = { ...DEFAULT_SETTINGS } as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const one = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, [key]: (merged as Record<string, unknown>)[key] });
    if (one.success) out[key] = one.data[key];
  }
  return out as Settings;
}

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export async function loadSettings(): Promise<Settings> {
  return normaliseSettings(await settingsItem.getValue());
}
