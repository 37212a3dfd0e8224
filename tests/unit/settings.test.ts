import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normaliseSettings, settingsSchema } from '@/lib/settings';

describe('settings', () => {
  it('fills missing fields from the defaults (an older version)', () => {
    expect(normaliseSettings({ panel: false })).toEqual({ ...DEFAULT_SETTINGS, panel: false });
    expect(normaliseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps each valid field and drops each invalid one', () => {
    expect(normaliseSettings({ pollMinutes: 5, listBadges: false, theme: 'neon' })).toEqual({ ...DEFAULT_SETTINGS, listBadges: false });
  });

  it('always yields valid settings', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(settingsSchema.safeParse(normaliseSettings(v)).success).toBe(true);
      }),
    );
  });
});
