// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { followTheme, themeFollowers } from '@/lib/features/theme';

// A list page mounts a badge per card, thousands of them: they share one observer of the page's
// theme, which goes away with the last of them.

const Real = globalThis.MutationObserver;
let made = 0;
/** Counts the observers made (a spy would lose the window the DOM needs). */
globalThis.MutationObserver = class extends Real {
  constructor(callback: MutationCallback) {
    super(callback);
    made++;
  }
};

afterEach(() => {
  document.documentElement.className = '';
});

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('theme following', () => {
  it('uses one observer for any number of hosts, and none once all are gone', async () => {
    for (const n of [1, 2, 1_000, 2_000]) {
      made = 0;
      const hosts = Array.from({ length: n }, () => document.createElement('span'));
      const stops = hosts.map((host) => followTheme(host, 'auto'));
      expect(made, `${n} hosts`).toBe(1);
      expect(themeFollowers()).toEqual({ hosts: n, observing: true });
      document.documentElement.classList.add('dark');
      await settle();
      expect(hosts.every((h) => h.classList.contains('dark'))).toBe(true);
      document.documentElement.classList.remove('dark');
      await settle();
      expect(hosts.some((h) => h.classList.contains('dark'))).toBe(false);
      stops.forEach((stop) => stop());
      expect(themeFollowers()).toEqual({ hosts: 0, observing: false });
    }
  });

  it('keeps a host the user set to a fixed theme as it is', async () => {
    const light = document.createElement('span');
    const dark = document.createElement('span');
    const stops = [followTheme(light, 'light'), followTheme(dark, 'dark')];
    document.documentElement.classList.add('dark');
    await settle();
    expect([light.classList.contains('dark'), dark.classList.contains('dark')]).toEqual([false, true]);
    stops.forEach((stop) => stop());
  });
});
