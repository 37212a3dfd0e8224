import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, invalidSetting, normaliseSettings } from '@/lib/settings';

describe('settings', () => {
  it('fills missing fields from the defaults (an older version)', () => {
    expect(normaliseSettings({ panel: false })).toEqual({ ...DEFAULT_SETTINGS, panel: false });
    expect(normaliseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps each valid field and drops each invalid one', () => {
    expect(normaliseSettings({ pollMinutes: 5, listBadges: false, theme: 'neon' })).toEqual({ ...DEFAULT_SETTINGS, listBadges: false });
  });

  it('names the first invalid field of an imported file', () => {
    expect(invalidSetting({ theme: 'neon' })).toBe('theme');
    expect(invalidSetting({ pollMinutes: 14 })).toBe('pollMinutes');
    expect(invalidSetting({ pollMinutes: 15, unknown: 1 })).toBeNull();
  });

  it('always yields valid settings', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const s = normaliseSettings(v);
        expect(invalidSetting(s)).toBeNull();
        expect(Object.keys(s).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
      }),
    );
  });
});
