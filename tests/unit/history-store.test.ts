import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createHistoryStore } from '@/lib/history-store';
import { fromPage } from '@/lib/observation';
import { openHistoryDB, type HistoryDB } from '@/lib/store/history-db';

let n = 0;
const fresh = () => openHistoryDB(`history-store-${n++}`);
const NOW = Date.parse('2026-11-24T12:00:00Z');

describe('history store', () => {
  it('refuses a watch past the cap with a clear message, and keeps unwatching and re-watching possible', async () => {
    const db = await fresh();
    const store = createHistoryStore(async () => db, () => NOW, 3);
    for (const id of ['a/one', 'a/two', 'a/three']) expect((await store.setWatched(id, true)).ok).toBe(true);
    const refused = await store.setWatched('a/four', true);
    expect(refused).toEqual({ ok: false, error: 'Hub Lens watches at most 3 models: unwatch one first.' });
    expect(await store.watchedIds()).toHaveLength(3);
    expect((await store.setWatched('a/two', true)).ok).toBe(true); // already watched: not a new one
    expect((await store.setWatched('a/two', false)).ok).toBe(true);
    expect((await store.setWatched('a/four', true)).ok).toBe(true);
  });

  it('remembers a write that failed (a full disk) until one succeeds, and keeps the queue going', async () => {
    const db = await fresh();
    let full = true;
    // A disk that refuses every write while `full`: transactions fail as IndexedDB fails them.
    const failing = new Proxy(db, {
      get(target, key) {
        if (key === 'transaction' && full) {
          return () => {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          };
        }
        const v = Reflect.get(target, key);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }) as HistoryDB;
    const store = createHistoryStore(async () => failing, () => NOW);
    await expect(store.record([fromPage({ id: 'a/b', likes: 1 }, NOW)])).rejects.toThrow();
    expect(store.writeFailure()).toEqual({ at: NOW, message: 'the disk is full (or the browser refused more storage)' });
    full = false;
    await store.record([fromPage({ id: 'a/b', likes: 2 }, NOW)]);
    expect(store.writeFailure()).toBeNull();
    expect((await store.history('a/b'))?.snapshots.map((s) => s.likes)).toEqual([2]);
  });

  it('leaves a model whose data cannot be read out of a batch of histories, and names it', async () => {
    const db = await fresh();
    const store = createHistoryStore(async () => db, () => NOW);
    await store.record([fromPage({ id: 'a/good', likes: 1 }, NOW), fromPage({ id: 'a/bad', likes: 1 }, NOW)]);
    const bad = (await db.get('models', 'a/bad'))!;
    await db.put('chunks', new Uint8Array([200]).buffer, [bad.key, Math.floor(NOW / 86_400_000) * 86_400_000]);
    const { histories, damaged } = await store.histories(['a/good', 'a/bad']);
    expect(histories.map((h) => h.id)).toEqual(['a/good']);
    expect(damaged).toEqual(['a/bad']);
  });
});
