import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import type { Family } from '@/lib/family/family';
import { encodeChunk } from '@/lib/store/chunk-codec';
import { createDbOpener, DB_VERSION, getModel, historyStats, openHistoryDB, readSeries, type HistoryDB } from '@/lib/store/history-db';
import { DAY_MS, type Snapshot } from '@/lib/types';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const snap = (t: number, likes: number): Snapshot => ({ t, likes, downloads: 10 * likes, downloadsAllTime: null, trendingScore: 2 });

/** A database exactly as version 1 of Hub Lens created and filled it. */
async function createV1(name: string) {
  const v1 = await openDB(name, 1, {
    upgrade(db) {
      const models = db.createObjectStore('models', { keyPath: 'id' });
      models.createIndex('hubId', 'hubId');
      models.createIndex('watched', 'watched');
      models.createIndex('key', 'key', { unique: true });
      db.createObjectStore('chunks');
      db.createObjectStore('families', { keyPath: 'head' });
    },
  });
  const day = Math.floor(NOW / DAY_MS) * DAY_MS;
  const a = [snap(day + 1000, 5), snap(day + 3_600_000, 6)];
  const b = [snap(day - DAY_MS, 40)];
  await v1.put('models', { id: 'invented-org/alpha', key: 1, watched: 1, firstSeen: a[0]!.t, lastSeen: a[1]!.t, last: a[1], hubId: 'aaaaaaaaaaaaaaaaaaaaaaaa' });
  await v1.put('models', { id: 'invented-org/beta', key: 2, watched: 0, firstSeen: b[0]!.t, lastSeen: b[0]!.t, last: b[0] });
  await v1.put('chunks', encodeChunk(a), [1, day]);
  await v1.put('chunks', encodeChunk(b), [2, day - DAY_MS]);
  // Version 1 stored the API's trending score as it came, negative included.
  const falling = [{ ...snap(day + 5000, 7), trendingScore: -3 }, { ...snap(day + 9000, 7), trendingScore: 4 }];
  await v1.put('models', { id: 'invented-org/falling', key: 3, watched: 0, firstSeen: falling[0]!.t, lastSeen: falling[1]!.t, last: { ...falling[1]!, trendingScore: -1 } });
  await v1.put('chunks', encodeChunk(falling), [3, day]);
  const family: Family = {
    head: 'invented-org/alpha',
    headGguf: false,
    counts: { quantized: 1, finetune: null, adapter: null, merge: null },
    top: [{ id: 'invented-org/alpha-GGUF', relation: 'quantized', gguf: true, downloads: 9 }],
    undeclared: [],
    fetchedAt: NOW,
    partial: false,
    calls: 3,
  };
  await v1.put('families', family);
  v1.close();
  return { a, b, family };
}

describe('schema upgrades', () => {
  it('opens a version 1 database with data: everything intact, the new store present', async () => {
    const { a, b, family } = await createV1('upgrade-v1');
    const db = await openHistoryDB('upgrade-v1');
    expect(db.version).toBe(DB_VERSION);
    expect(DB_VERSION).toBe(3);
    expect([...db.objectStoreNames].sort()).toEqual(['chunks', 'families', 'kept', 'models', 'summaries']);
    expect(await readSeries(db, 'invented-org/alpha')).toEqual(a);
    expect(await readSeries(db, 'invented-org/beta')).toEqual(b);
    expect((await getModel(db, 'invented-org/alpha'))?.hubId).toBe('aaaaaaaaaaaaaaaaaaaaaaaa');
    expect(await db.get('families', 'invented-org/alpha')).toEqual(family);
    expect(await historyStats(db)).toEqual({ models: 3, snapshots: 5, watched: 1, damaged: 0 });
    await db.put('summaries', { id: 'invented-org/alpha', likes: 6 });
    expect(await db.get('summaries', 'invented-org/alpha')).toEqual({ id: 'invented-org/alpha', likes: 6 });
    db.close();
  });

  it('floors trending scores that version 1 stored negative, and nothing else', async () => {
    await createV1('upgrade-floor');
    const db = await openHistoryDB('upgrade-floor');
    expect((await readSeries(db, 'invented-org/falling')).map((s) => [s.likes, s.trendingScore])).toEqual([[7, 0], [7, 4]]);
    expect((await getModel(db, 'invented-org/falling'))?.last?.trendingScore).toBe(0);
    expect((await readSeries(db, 'invented-org/alpha')).map((s) => s.trendingScore)).toEqual([2, 2]);
    db.close();
  });

  it('upgrades past a damaged chunk, leaving it for dropDamaged', async () => {
    await createV1('upgrade-damaged');
    const v1 = await openDB('upgrade-damaged', 1);
    await v1.put('chunks', new Uint8Array([5, 0x80]).buffer, [2, 0]);
    v1.close();
    const db = await openHistoryDB('upgrade-damaged');
    expect(db.version).toBe(DB_VERSION);
    expect(await historyStats(db)).toMatchObject({ models: 3, damaged: 1 });
    db.close();
  });

  it('creates the current version from nothing', async () => {
    const db = await openHistoryDB('upgrade-fresh');
    expect([...db.objectStoreNames].sort()).toEqual(['chunks', 'families', 'kept', 'models', 'summaries']);
    db.close();
  });

  it('closes this connection when another context needs a newer version, so it is not blocked', async () => {
    const gone = vi.fn();
    await openHistoryDB('upgrade-blocking', gone);
    const blocked = vi.fn();
    const newer = await openDB('upgrade-blocking', DB_VERSION + 1, { blocked });
    expect(newer.version).toBe(DB_VERSION + 1);
    expect(blocked).not.toHaveBeenCalled();
    expect(gone).toHaveBeenCalledTimes(1);
    newer.close();
  });
});

describe('createDbOpener', () => {
  const fakeDb = (name: string) => ({ name }) as unknown as HistoryDB;

  it('opens once for every caller', async () => {
    const open = vi.fn(async () => fakeDb('one'));
    const db = createDbOpener(open);
    const [x, y] = await Promise.all([db(), db()]);
    expect(x).toBe(y);
    await db();
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('retries after a failed open instead of failing for the worker’s life', async () => {
    const open = vi.fn().mockRejectedValueOnce(new Error('quota')).mockResolvedValue(fakeDb('two'));
    const db = createDbOpener(open);
    await expect(db()).rejects.toThrow('quota');
    await expect(db()).resolves.toEqual({ name: 'two' });
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('opens again once the connection is gone (terminated, or closed for an upgrade)', async () => {
    const goneCallbacks: (() => void)[] = [];
    let n = 0;
    const db = createDbOpener(async (onGone) => (goneCallbacks.push(onGone), fakeDb(`c${n++}`)));
    expect(await db()).toEqual({ name: 'c0' });
    goneCallbacks[0]!();
    expect(await db()).toEqual({ name: 'c1' });
    // A late notice from the old connection does not drop the new one.
    goneCallbacks[0]!();
    expect(await db()).toEqual({ name: 'c1' });
  });

  it('with the real database: a newer version elsewhere makes the next call reopen', async () => {
    const opened: HistoryDB[] = [];
    const db = createDbOpener(async (onGone) => {
      const c = await openHistoryDB('opener-real', onGone);
      opened.push(c);
      return c;
    });
    await db();
    const newer = await openDB('opener-real', DB_VERSION + 1);
    newer.close();
    // This code is now older than the database: the open fails, and is not cached.
    await expect(db()).rejects.toThrow();
    await expect(db()).rejects.toThrow();
    expect(opened).toHaveLength(1);
  });
});
