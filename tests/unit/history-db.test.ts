import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  clearHistory,
  compactModel,
  historyStats,
  ingestAll,
  getModel,
  ingestSeries,
  openHistoryDB,
  readSeries,
  recordSnapshots,
  setWatched,
  THROTTLE_MS,
  type HistoryDB,
} from '@/lib/store/history-db';
import { DAY_MS, HOUR_MS, type Snapshot } from '@/lib/types';

const NOW = Date.parse('2026-11-24T12:00:00Z');
/** One observation recorded alone. */
const recordSnapshot = async (db: HistoryDB, meta: { id: string }, snap: Snapshot, now = snap.t) =>
  (await recordSnapshots(db, [{ meta, snap }], now))[0];
const snap = (t: number, likes: number | null, trendingScore: number | null = null): Snapshot => ({
  t,
  likes,
  downloads: likes === null ? null : likes * 10,
  downloadsAllTime: null,
  trendingScore,
});

let db: HistoryDB;
let n = 0;
beforeEach(async () => {
  db = await openHistoryDB(`test-${n++}`);
});

describe('recording', () => {
  it('stores a view, folds the API answer into it, and skips identical repeats', async () => {
    const meta = { id: 'a/b' };
    expect(await recordSnapshot(db, meta, snap(NOW, 5))).toBe('added');
    expect(await recordSnapshot(db, meta, snap(NOW + 1000, 5, 7))).toBe('merged');
    expect(await recordSnapshot(db, meta, snap(NOW + 2000, 5, 7))).toBe('unchanged');
    expect(await readSeries(db, 'a/b')).toEqual([{ ...snap(NOW, 5), trendingScore: 7 }]);
    // A change within the window is a new snapshot; so is anything after it.
    expect(await recordSnapshot(db, meta, snap(NOW + 3000, 6, 7))).toBe('added');
    expect(await recordSnapshot(db, meta, snap(NOW + 3000 + THROTTLE_MS, 6, 7))).toBe('added');
    expect((await readSeries(db, 'a/b')).map((s) => s.likes)).toEqual([5, 6, 6]);
    const model = await getModel(db, 'a/b');
    expect(model?.firstSeen).toBe(NOW);
    expect(model?.last?.t).toBe(NOW + 3000 + THROTTLE_MS);
  });

  it('keeps models apart and reads a time range', async () => {
    for (let i = 0; i < 48; i++) {
      await recordSnapshot(db, { id: 'x/one' }, snap(NOW - i * HOUR_MS, 100 - i), NOW);
      await recordSnapshot(db, { id: 'x/onetwo' }, snap(NOW - i * HOUR_MS, 1), NOW);
    }
    const all = await readSeries(db, 'x/one');
    expect(all).toHaveLength(48);
    expect(all.map((s) => s.t)).toEqual([...all.map((s) => s.t)].sort((a, b) => a - b));
    const day = await readSeries(db, 'x/one', NOW - DAY_MS);
    expect(day).toHaveLength(25);
  });
});

describe('bulk ingest', () => {
  it('is idempotent: the same series twice adds nothing the second time', async () => {
    const series = Array.from({ length: 100 }, (_, i) => snap(NOW - i * 7 * HOUR_MS, 1000 - i));
    expect(await ingestSeries(db, { id: 'o/m' }, series, NOW)).toEqual({ added: 100, changed: 0, present: 0 });
    expect(await ingestSeries(db, { id: 'o/m' }, series, NOW)).toEqual({ added: 0, changed: 0, present: 100 });
    expect(await readSeries(db, 'o/m')).toHaveLength(100);
    expect((await getModel(db, 'o/m'))?.firstSeen).toBe(NOW - 99 * 7 * HOUR_MS);
  });
});

describe('retention', () => {
  it('keeps the last 30 days whole and one a day before, never losing the first or last', async () => {
    const series = Array.from({ length: 90 * 24 }, (_, i) => snap(NOW - i * HOUR_MS, 5000 - i)).reverse();
    await ingestSeries(db, { id: 'r/m' }, series, NOW);
    const dropped = await compactModel(db, 'r/m', NOW);
    const kept = await readSeries(db, 'r/m');
    const cutoff = Date.parse('2026-10-25T00:00:00Z');
    expect(kept.filter((s) => s.t >= cutoff)).toEqual(series.filter((s) => s.t >= cutoff));
    const old = kept.filter((s) => s.t < cutoff);
    const oldDays = new Set(series.filter((s) => s.t < cutoff).map((s) => Math.floor(s.t / DAY_MS)));
    expect(old.length).toBe(oldDays.size + 1); // the day's last, plus the very first snapshot
    expect(kept[0]).toEqual(series[0]);
    expect(kept.at(-1)).toEqual(series.at(-1));
    expect(dropped).toBe(series.length - kept.length);
    // Idempotent, and reads stay sorted.
    expect(await compactModel(db, 'r/m', NOW)).toBe(0);
    expect(await readSeries(db, 'r/m')).toEqual(kept);
  });

  it('keeps a model last seen months ago at its last snapshot', async () => {
    const series = [snap(NOW - 200 * DAY_MS, 1), snap(NOW - 200 * DAY_MS + HOUR_MS, 2), snap(NOW - 120 * DAY_MS, 3)];
    await ingestSeries(db, { id: 'q/m' }, series, NOW - 119 * DAY_MS);
    await compactModel(db, 'q/m', NOW);
    expect(await readSeries(db, 'q/m')).toEqual(series);
  });
});

describe('import in one transaction', () => {
  const models = [
    { id: 'i/one', snapshots: [snap(NOW - HOUR_MS, 1), snap(NOW, 2)] },
    { id: 'i/two', snapshots: [snap(NOW, 5)] },
  ];

  it('lands whole, counts, and clears', async () => {
    const progress: number[] = [];
    expect(await ingestAll(db, models, NOW, (d) => progress.push(d))).toEqual({ added: 3, changed: 0, present: 0, damaged: [], unwatched: 0 });
    expect(progress).toEqual([1, 2]);
    expect(await historyStats(db)).toEqual({ models: 2, snapshots: 3, watched: 0, damaged: 0 });
    expect(await ingestAll(db, models, NOW)).toEqual({ added: 0, changed: 0, present: 3, damaged: [], unwatched: 0 });
    await clearHistory(db);
    expect(await historyStats(db)).toEqual({ models: 0, snapshots: 0, watched: 0, damaged: 0 });
  });

  it('leaves the database as it was when anything fails part-way', async () => {
    await ingestSeries(db, { id: 'i/one' }, [snap(NOW - DAY_MS, 0)], NOW);
    const before = await readSeries(db, 'i/one');
    await expect(
      ingestAll(db, models, NOW, () => {
        throw new Error('worker stopped');
      }),
    ).rejects.toThrow('worker stopped');
    expect(await readSeries(db, 'i/one')).toEqual(before);
    expect(await getModel(db, 'i/two')).toBeUndefined();
  });
});

describe('model keys', () => {
  it('gives every model its own chunk key, also when many are created in one transaction', async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ meta: { id: `k/m${i}` }, snap: snap(NOW, i) }));
    await recordSnapshots(db, items, NOW);
    await setWatched(db, 'k/watched-first', true, NOW);
    const keys = await Promise.all([...items.map((x) => x.meta.id), 'k/watched-first'].map(async (id) => (await getModel(db, id))!.key));
    expect(new Set(keys).size).toBe(31);
    for (const [i, item] of items.entries()) expect((await readSeries(db, item.meta.id)).map((s) => s.likes)).toEqual([i]);
    expect((await getModel(db, 'k/watched-first'))?.watched).toBe(1);
    expect(await readSeries(db, 'k/watched-first')).toEqual([]);
    expect(await readSeries(db, 'k/unknown')).toEqual([]);
  });
});
