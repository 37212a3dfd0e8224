import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { notifiedWarnings, pollStateItem, seenWarnings } from '@/lib/features/watch/storage';
import { createHistoryStore } from '@/lib/history-store';
import { createDbOpener, openHistoryDB } from '@/lib/store/history-db';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { claimsItem, rateLimitItem, settingsItem } from '@/lib/storage-items';

// Storage can be written by a content script (storage.local) and by older versions: every read is
// checked, and what does not pass reads as the default.

describe('storage items', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads damaged settings as the defaults, and migrates the old switch names', async () => {
    await fakeBrowser.storage.local.set({ settings: { theme: 'neon', pollMinutes: -1, numbers: 'x', notifications: 1 } });
    expect(await settingsItem.get()).toEqual(DEFAULT_SETTINGS);
    await fakeBrowser.storage.local.set({ settings: { listBadges: false, pollMinutes: 30 } });
    expect(await settingsItem.get()).toEqual({ ...DEFAULT_SETTINGS, badges: false, pollMinutes: 30 });
  });

  it('keeps the rate-limit window and the poll state in session storage, out of a content script’s reach', async () => {
    await rateLimitItem.set({ strikes: 1, closedUntil: 5 });
    await pollStateItem.set({ calls: [1, 2], strikes: 0 });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(Object.keys(await fakeBrowser.storage.session.get(null)).sort()).toEqual(['poll-state', 'rate-limit']);
  });

  it('reads a damaged rate-limit window as none', async () => {
    for (const bad of ['x', { strikes: -1 }, { strikes: 1.5 }, { strikes: 0, closedUntil: 'soon' }, { strikes: 0, resetAt: null }, [1]]) {
      await fakeBrowser.storage.session.set({ 'rate-limit': bad });
      expect(await rateLimitItem.get(), JSON.stringify(bad)).toBeUndefined();
    }
    await fakeBrowser.storage.session.set({ 'rate-limit': { strikes: 2, remaining: 10, resetAt: 99 } });
    expect(await rateLimitItem.get()).toEqual({ strikes: 2, remaining: 10, resetAt: 99 });
  });

  it('reads a damaged poll state as a fresh one (a new copy each time)', async () => {
    for (const bad of [{ calls: 'x', strikes: 0 }, { calls: [NaN], strikes: 0 }, { calls: [], strikes: 0, pausedBy: 'me' }, { calls: [], strikes: 0, pausedUntil: 'never' }, { calls: [] }]) {
      await fakeBrowser.storage.session.set({ 'poll-state': bad });
      const state = await pollStateItem.get();
      expect(state, JSON.stringify(bad)).toEqual({ calls: [], strikes: 0 });
      state.calls.push(1);
    }
    expect((await pollStateItem.get()).calls).toEqual([]);
  });

  it('reads damaged claims as none', async () => {
    await fakeBrowser.storage.session.set({ claims: { q: Infinity } });
    expect(await claimsItem.get()).toEqual({});
  });
});

describe('seen and notified warnings (they name watched models)', () => {
  beforeEach(() => fakeBrowser.reset());
  const freshStore = () => createHistoryStore(createDbOpener(() => openHistoryDB(`watch-kept-${Math.random()}`)));

  it('are kept in the database, not in storage a content script can read, and read back checked', async () => {
    const store = freshStore();
    await seenWarnings(store).set(['a/b|like-burst|2026-12-01']);
    await notifiedWarnings(store).set({ 'a/b|like-burst': 5 });
    expect(await seenWarnings(store).get()).toEqual(['a/b|like-burst|2026-12-01']);
    expect(await notifiedWarnings(store).get()).toEqual({ 'a/b|like-burst': 5 });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    await store.kept('watch').put('seen-warnings', [1, 2]);
    await store.kept('watch').put('notified-warnings', { a: 'yesterday' });
    expect(await seenWarnings(store).get()).toEqual([]);
    expect(await notifiedWarnings(store).get()).toEqual({});
    await store.kept('watch').put('seen-warnings', Array(100_001).fill('a|b|c'));
    expect(await seenWarnings(store).get()).toEqual([]);
  });

  it('moves what an older version kept in storage.local into the database, checked', async () => {
    const store = freshStore();
    await fakeBrowser.storage.local.set({ 'seen-warnings': ['a/b|k|s'], 'notified-warnings': { x: 'bad' } });
    expect(await seenWarnings(store).get()).toEqual(['a/b|k|s']);
    expect(await notifiedWarnings(store).get()).toEqual({});
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await store.kept('watch').get('seen-warnings')).toEqual(['a/b|k|s']);
  });
});
