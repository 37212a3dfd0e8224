import fc from 'fast-check';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, invalidSetting, loadSettings, normaliseSettings, RENAMED_SWITCHES } from '@/lib/settings';

describe('settings', () => {
  it('fills missing fields from the defaults (an older version)', () => {
    expect(normaliseSettings({ numbers: false })).toEqual({ ...DEFAULT_SETTINGS, numbers: false });
    expect(normaliseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps each valid field and drops each invalid one', () => {
    expect(normaliseSettings({ pollMinutes: 5, badges: false, theme: 'neon' })).toEqual({ ...DEFAULT_SETTINGS, badges: false });
  });

  it('names the first invalid field of an imported file', () => {
    expect(invalidSetting({ theme: 'neon' })).toBe('theme');
    expect(invalidSetting({ pollMinutes: 14 })).toBe('pollMinutes');
    expect(invalidSetting({ pollMinutes: 15, unknown: 1 })).toBeNull();
    expect(invalidSetting({ listBadges: 'no' })).toBe('badges');
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

  it('reads switches saved under their old names as their feature’s', () => {
    expect(RENAMED_SWITCHES).toEqual({ panel: 'numbers', sparklines: 'velocity', familyCard: 'family', listBadges: 'badges' });
    const old = { panel: false, sparklines: false, warnings: false, familyCard: false, listBadges: false, pollMinutes: 30 };
    expect(normaliseSettings(old)).toEqual({ ...DEFAULT_SETTINGS, numbers: false, velocity: false, warnings: false, family: false, badges: false, pollMinutes: 30 });
    // A key of today wins over an old one left beside it.
    expect(normaliseSettings({ listBadges: false, badges: true }).badges).toBe(true);
  });
});

describe('settings as the content script reads them', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads garbage as the defaults, field by field', async () => {
    for (const garbage of ['x', 42, [], { theme: { evil: true }, pollMinutes: 1e9, numbers: 'yes' }]) {
      await fakeBrowser.storage.local.set({ settings: garbage });
      expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    }
  });
});
