import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '@/lib/features/watch/rows';
import type { WatchRow } from '@/lib/features/watch/summary';
import { createHistoryStore } from '@/lib/history-store';

/** A row of the watch list, as far as the store cares (its id). */
const row = (id: string) => ({ id }) as unknown as WatchRow;
import { fromPage } from '@/lib/observation';
import { createDbOpener, openHistoryDB, type HistoryDB } from '@/lib/store/history-db';

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

  it('watches 5,000 models and refuses the 5,001st', async () => {
    // The number itself, as the store is made in the extension (no cap passed): each watched
    // model costs polling budget. 4,999 watched models arrive by import, in one transaction.
    const db = await fresh();
    const store = createHistoryStore(async () => db, () => NOW);
    const snapshot = { t: NOW, likes: 1, downloads: 1, downloadsAllTime: null, trendingScore: null };
    await store.import(Array.from({ length: 4_999 }, (_, i) => ({ id: `invented-org/watched-${i}`, watched: true, snapshots: [snapshot] })));
    expect(await store.watchedIds()).toHaveLength(4_999);
    expect((await store.setWatched('invented-org/five-thousandth', true)).ok).toBe(true);
    expect(await store.setWatched('invented-org/one-too-many', true)).toEqual({
      ok: false,
      error: 'Hub Lens watches at most 5,000 models: unwatch one first.',
    });
    expect(await store.watchedIds()).toHaveLength(5_000);
  }, 30_000);

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

describe('the rows and watched ids kept in memory', () => {
  /** A database that counts the reads of the kept stores, and can hold them back until `release`. */
  async function counted() {
    const db = await fresh();
    const reads = { summaries: 0, watched: 0 };
    let gate: Promise<void> | null = null;
    let release = () => undefined as void;
    const counting = new Proxy(db, {
      get(target, key) {
        const v = Reflect.get(target, key);
        if (key === 'getAll' || key === 'getAllKeysFromIndex') {
          return async (...args: unknown[]) => {
            if (args[0] === 'summaries') reads.summaries++;
            if (args[1] === 'watched') reads.watched++;
            const out = await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            if (gate) await gate;
            return out;
          };
        }
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }) as HistoryDB;
    const store = createHistoryStore(async () => counting, () => NOW);
    const hold = () => void (gate = new Promise<void>((r) => (release = r)));
    return { db, store, reads, hold, release: () => ((gate = null), release()) };
  }
  const ids = async (rows: Promise<readonly { id: string }[]>) => (await rows).map((r) => r.id);
  /** Rows are written only for watched models: these are made watched behind the store's back (no kept read is dropped). */
  const watchBehind = async (db: HistoryDB, ...names: string[]) => {
    for (const [i, id] of names.entries()) await db.put('models', { id, key: 1000 + i, watched: 1, firstSeen: NOW, lastSeen: NOW });
  };

  it('reads each once, and again only after a write to its store', async () => {
    const { store, reads } = await counted();
    await store.setWatched('a/one', true);
    await rowsOf(store).put([row('a/one')]);
    for (let i = 0; i < 3; i++) {
      expect(await ids(rowsOf(store).all())).toEqual(['a/one']);
      expect(await store.watchedIds()).toEqual(['a/one']);
    }
    expect(reads).toEqual({ summaries: 1, watched: 1 });
    // A visit writes a model record, not a row: the rows stay kept.
    await store.visit('a/one', 1_000);
    await rowsOf(store).all();
    await store.watchedIds();
    expect(reads).toEqual({ summaries: 1, watched: 2 });
  });

  it('shows every write that changes them at once: rows put and removed, watching, an import, a clear', async () => {
    const { db, store } = await counted();
    await watchBehind(db, 'a/one', 'a/three');
    await rowsOf(store).all();
    await store.watchedIds();
    await rowsOf(store).put([row('a/one'), row('a/two')]);
    expect(await ids(rowsOf(store).all())).toEqual(['a/one']); // a/two is not watched: no row
    await store.setWatched('a/two', true);
    await rowsOf(store).put([row('a/one'), row('a/two')]);
    expect(await ids(rowsOf(store).all())).toEqual(['a/one', 'a/two']);
    await rowsOf(store).put([row('a/three')], ['a/one']);
    expect(await ids(rowsOf(store).all())).toEqual(['a/three', 'a/two']);
    expect(await rowsOf(store).ids()).toEqual(['a/three', 'a/two']);

    await store.setWatched('a/one', false);
    expect(await store.watchedIds()).toEqual(['a/three', 'a/two']);
    await store.import([{ id: 'a/four', watched: true, snapshots: [{ t: NOW, likes: 1, downloads: 1, downloadsAllTime: null, trendingScore: null }] }]);
    expect(await store.watchedIds()).toEqual(['a/four', 'a/three', 'a/two']);
    await store.setWatched('a/two', false);
    expect(await store.watchedIds()).toEqual(['a/four', 'a/three']);

    await store.clear();
    expect(await rowsOf(store).all()).toEqual([]);
    expect(await store.watchedIds()).toEqual([]);
  });

  it('tells its listeners, after each write, which stores it may have changed', async () => {
    const { db, store } = await counted();
    await watchBehind(db, 'a/one');
    const heard: string[][] = [];
    store.onWritten((stores) => heard.push([...stores].sort()));
    await rowsOf(store).put([row('a/one')]);
    await store.setWatched('a/one', true);
    await store.clear();
    expect(heard).toEqual([['summaries'], ['chunks', 'models'], ['chunks', 'families', 'kept', 'models', 'summaries']]);
  });

  it('shows a drop of damaged data at once: the deleted model is neither watched nor listed', async () => {
    const { db, store } = await counted();
    await store.record([fromPage({ id: 'a/good', likes: 1 }, NOW), fromPage({ id: 'a/keyless', likes: 1 }, NOW)]);
    for (const id of ['a/good', 'a/keyless']) await store.setWatched(id, true);
    await rowsOf(store).put([row('a/good'), row('a/keyless')]);
    const { key: _key, ...keyless } = (await db.get('models', 'a/keyless'))!;
    await db.put('models', keyless as never); // damaged behind the store's back, as a bad disk would
    expect(await store.watchedIds()).toEqual(['a/good', 'a/keyless']);
    expect(await ids(rowsOf(store).all())).toEqual(['a/good', 'a/keyless']);
    await store.dropDamaged();
    expect(await store.watchedIds()).toEqual(['a/good']);
    expect(await ids(rowsOf(store).all())).toEqual(['a/good']);
  });

  it('never keeps a read begun before a write that ended after it', async () => {
    const { db, store, hold, release } = await counted();
    await watchBehind(db, 'a/old', 'a/new');
    await rowsOf(store).put([row('a/old')]);
    hold();
    const early = rowsOf(store).all(); // reads the store as it was; its answer is held back
    await rowsOf(store).put([row('a/new')]);
    release();
    expect(await ids(early)).toEqual(['a/old']);
    expect(await ids(rowsOf(store).all())).toEqual(['a/new', 'a/old']);
  });

  it('does not keep a read that failed', async () => {
    const db = await fresh();
    let fail = true;
    const flaky = new Proxy(db, {
      get(target, key) {
        if (key === 'getAll' && fail) return async () => Promise.reject(new Error('the worker was stopping'));
        const v = Reflect.get(target, key);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }) as HistoryDB;
    const store = createHistoryStore(async () => flaky, () => NOW);
    await store.setWatched('a/one', true);
    await rowsOf(store).put([row('a/one')]);
    await expect(rowsOf(store).all()).rejects.toThrow(/stopping/);
    fail = false;
    expect(await ids(rowsOf(store).all())).toEqual(['a/one']);
  });

  it('shares rows that cannot be changed by one caller under another', async () => {
    const { db, store } = await counted();
    await watchBehind(db, 'a/one');
    await rowsOf(store).put([row('a/one')]);
    const rows = (await rowsOf(store).all()) as WatchRow[];
    expect(() => rows.push(row('a/two'))).toThrow(TypeError);
    expect(await ids(rowsOf(store).all())).toEqual(['a/one']);
  });
});

describe('what features keep', () => {
  it('keeps each feature’s records apart, by its own keys, and clears them with the history', async () => {
    const store = createHistoryStore(createDbOpener(() => openHistoryDB(`kept-${Math.random()}`)));
    const likes = store.kept('likes');
    const field = store.kept('field');
    await likes.put('a/b', { dated: [1, 2] });
    await field.put('a/b', { rank: 3 });
    await field.put('2026-12-06', ['a/b']);
    expect(await likes.get('a/b')).toEqual({ dated: [1, 2] });
    expect(await field.get('a/b')).toEqual({ rank: 3 });
    expect(await likes.keys()).toEqual(['a/b']);
    expect(await field.keys()).toEqual(['2026-12-06', 'a/b']);
    await likes.delete('a/b');
    expect(await likes.get('a/b')).toBeUndefined();
    expect(await field.keys()).toHaveLength(2);
    await store.clear();
    expect(await field.keys()).toEqual([]);
  });
});
