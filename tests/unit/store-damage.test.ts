import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeChunk } from '@/lib/store/chunk-codec';
import {
  allHistories,
  compactAll,
  DamagedModelError,
  dropDamaged,
  eachModel,
  getModel,
  historyStats,
  ingestSeries,
  openHistoryDB,
  readSeries,
  recordSnapshots,
  setWatched,
  type HistoryDB,
  type ModelRecord,
} from '@/lib/store/history-db';
import { DAY_MS, HOUR_MS, type Snapshot } from '@/lib/types';
import type { ModelHistory } from '@/lib/types';

// One unreadable model must stay one model's problem: invented models only.

const NOW = Date.parse('2026-11-24T12:00:00Z');
const snap = (t: number, likes: number): Snapshot => ({ t, likes, downloads: likes * 3, downloadsAllTime: null, trendingScore: 1 });
/** Hourly snapshots over `days` days ending at `end`. */
const series = (days: number, end = NOW) =>
  Array.from({ length: days * 24 }, (_, i) => snap(end - (days * 24 - i) * HOUR_MS, 100 + i));

let db: HistoryDB;
let n = 0;
beforeEach(async () => {
  db = await openHistoryDB(`damage-${n++}`);
});

const base = (id: string, key: number): ModelRecord => ({ id, key, watched: 1, firstSeen: NOW - DAY_MS, lastSeen: NOW });
const keyOf = async (id: string) => (await db.get('models', id))!.key;
const chunkKeys = async (key: number) =>
  (await db.getAllKeys('chunks', IDBKeyRange.bound([key, -Infinity], [key, Infinity]))) as [number, number][];

/** Cut the model's newest chunk short, as a torn write would. */
async function truncateLastChunk(id: string) {
  const keys = await chunkKeys(await keyOf(id));
  const last = keys[keys.length - 1]!;
  const buf = (await db.get('chunks', last))!;
  await db.put('chunks', buf.slice(0, Math.floor(buf.byteLength / 2)), last);
  return last;
}

async function collect(gen: AsyncGenerator<ModelHistory>) {
  const out: ModelHistory[] = [];
  for await (const m of gen) out.push(m);
  return out;
}

async function threeModels() {
  for (const id of ['invented-a/fine', 'invented-b/torn', 'invented-c/later']) await ingestSeries(db, { id }, series(3), NOW);
}

describe('a model with a damaged chunk', () => {
  it('reads as DamagedModelError, naming it, while the others read', async () => {
    await threeModels();
    await truncateLastChunk('invented-b/torn');
    const error = await readSeries(db, 'invented-b/torn').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DamagedModelError);
    expect((error as DamagedModelError).id).toBe('invented-b/torn');
    expect(await readSeries(db, 'invented-c/later')).toHaveLength(72);
  });

  it('fails alone in eachModel', async () => {
    await threeModels();
    await truncateLastChunk('invented-b/torn');
    const ids = ['invented-a/fine', 'invented-b/torn', 'invented-c/later'];
    const { results, failed } = await eachModel(ids, (id) => readSeries(db, id));
    expect(results.map((r) => [r.id, r.value.length])).toEqual([['invented-a/fine', 72], ['invented-c/later', 72]]);
    expect(failed.map((f) => f.id)).toEqual(['invented-b/torn']);
    expect(failed[0]!.error).toBeInstanceOf(DamagedModelError);
  });

  it('is counted by historyStats, whose snapshot count is what can be read', async () => {
    await threeModels();
    await truncateLastChunk('invented-b/torn');
    const stats = await historyStats(db);
    expect(stats.models).toBe(3);
    expect(stats.damaged).toBe(1);
    expect(stats.snapshots).toBeGreaterThanOrEqual(2 * 72);
    expect(stats.snapshots).toBeLessThan(3 * 72);
  });

  it('is skipped by the export, which goes on to the later models', async () => {
    await threeModels();
    await truncateLastChunk('invented-b/torn');
    const skipped: string[] = [];
    const models = await collect(allHistories(db, (e) => skipped.push(e.id)));
    expect(models.map((m) => m.id)).toEqual(['invented-a/fine', 'invented-c/later']);
    expect(skipped).toEqual(['invented-b/torn']);
  });

  it('is skipped and counted by retention, which compacts the others', async () => {
    for (const id of ['invented-a/fine', 'invented-b/torn', 'invented-c/later']) await ingestSeries(db, { id }, series(40, NOW - 40 * DAY_MS), NOW);
    await truncateLastChunk('invented-b/torn');
    const { dropped, damaged } = await compactAll(db, NOW);
    expect(damaged).toEqual(['invented-b/torn']);
    expect(dropped).toBeGreaterThan(0);
    expect((await readSeries(db, 'invented-c/later')).length).toBeLessThan(40 * 24);
  });

  it('is left alone by a list page, which records the others', async () => {
    await threeModels();
    const torn = await truncateLastChunk('invented-b/torn');
    const before = await db.get('chunks', torn);
    const outcomes = await recordSnapshots(
      db,
      ['invented-a/fine', 'invented-b/torn', 'invented-d/new'].map((id) => ({ meta: { id }, snap: snap(NOW, 999) })),
      NOW,
    );
    expect(outcomes).toEqual(['added', 'damaged', 'added']);
    expect((await readSeries(db, 'invented-d/new')).map((s) => s.likes)).toEqual([999]);
    expect(await db.get('chunks', torn)).toEqual(before);
  });

  it('refuses an import into it as a whole, changing nothing', async () => {
    await threeModels();
    await truncateLastChunk('invented-b/torn');
    const before = await historyStats(db);
    await expect(ingestSeries(db, { id: 'invented-b/torn' }, [snap(NOW, 5), snap(NOW - 40 * DAY_MS, 4)], NOW)).rejects.toBeInstanceOf(DamagedModelError);
    expect(await historyStats(db)).toEqual(before);
  });

  it('dropDamaged deletes only the unreadable chunk; the rest of the model survives', async () => {
    await threeModels();
    const torn = await truncateLastChunk('invented-b/torn');
    const readable = (await chunkKeys(await keyOf('invented-b/torn'))).filter((k) => k[1] !== torn[1]);
    expect(readable.length).toBeGreaterThan(0);
    expect(await dropDamaged(db, 'invented-b/torn')).toEqual({ models: 1, records: 0, chunks: 1 });
    const left = await readSeries(db, 'invented-b/torn');
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((s) => s.t < torn[1])).toBe(true);
    expect((await historyStats(db)).damaged).toBe(0);
    expect(await dropDamaged(db)).toEqual({ models: 0, records: 0, chunks: 0 });
  });

  it('dropDamaged drops the summary row of each model that lost anything, and keeps the others', async () => {
    await threeModels();
    const { key: _key, ...noKey } = base('invented-e/keyless', 0);
    await db.put('models', noKey as ModelRecord);
    await truncateLastChunk('invented-b/torn');
    for (const id of ['invented-a/fine', 'invented-b/torn', 'invented-e/keyless']) await db.put('summaries', { id, likes: 1 });
    expect(await dropDamaged(db)).toMatchObject({ models: 2 });
    // The deleted record's row would list a model that is gone; the torn one's showed data now dropped.
    expect(await db.getAllKeys('summaries')).toEqual(['invented-a/fine']);
  });
});

describe('a damaged record', () => {
  it('without its key: quarantined everywhere, and dropped with its orphan chunks', async () => {
    await threeModels();
    const { key: _key, ...noKey } = base('invented-e/keyless', 0);
    await db.put('models', noKey as ModelRecord);
    await db.put('chunks', encodeChunk([snap(NOW, 1)]), [999, NOW - (NOW % DAY_MS)]);

    await expect(readSeries(db, 'invented-e/keyless')).rejects.toBeInstanceOf(DamagedModelError);
    expect(await getModel(db, 'invented-e/keyless')).toBeUndefined();
    await expect(setWatched(db, 'invented-e/keyless', true, NOW)).rejects.toBeInstanceOf(DamagedModelError);
    const pair = ['invented-e/keyless', 'invented-a/fine'].map((id) => ({ meta: { id }, snap: snap(NOW + HOUR_MS, 7) }));
    expect(await recordSnapshots(db, pair, NOW + HOUR_MS)).toEqual(['damaged', 'added']);
    expect(await db.get('models', 'invented-e/keyless')).toEqual(noKey);
    expect((await historyStats(db)).damaged).toBe(1);
    const exported = await collect(allHistories(db));
    expect(exported.map((m) => m.id)).toEqual(['invented-a/fine', 'invented-b/torn', 'invented-c/later']);

    expect(await dropDamaged(db)).toEqual({ models: 1, records: 1, chunks: 1 });
    expect(await db.get('models', 'invented-e/keyless')).toBeUndefined();
    expect(await historyStats(db)).toMatchObject({ models: 3, damaged: 0, snapshots: 3 * 72 + 1 });
  });

  it.each([
    ['a text watched flag', { watched: 'yes' }],
    ['a last snapshot that is not one', { last: 'yesterday' }],
    ['a string firstSeen', { firstSeen: '2026' }],
    ['parents without ids', { parents: { relation: 'quantized' } }],
    ['a numeric pipeline tag', { pipelineTag: 7 }],
  ])('with %s: damaged, then rebuilt from its valid fields and chunks', async (_what, garbage) => {
    await ingestSeries(db, { id: 'invented-f/garbled', pipelineTag: 'text-generation' }, series(2), NOW);
    const good = (await db.get('models', 'invented-f/garbled'))!;
    await db.put('models', { ...good, ...garbage } as unknown as ModelRecord);
    await expect(readSeries(db, 'invented-f/garbled')).rejects.toBeInstanceOf(DamagedModelError);
    expect((await historyStats(db)).damaged).toBe(1);

    expect(await dropDamaged(db, 'invented-f/garbled', NOW)).toEqual({ models: 1, records: 1, chunks: 0 });
    expect(await readSeries(db, 'invented-f/garbled')).toHaveLength(48);
    const rebuilt = (await getModel(db, 'invented-f/garbled'))!;
    expect(rebuilt.key).toBe(good.key);
    expect(rebuilt.last).toEqual(good.last);
    expect(rebuilt.lastSeen).toBe(good.lastSeen);
    for (const field of Object.keys(garbage)) {
      if (field !== 'watched' && field !== 'last' && field !== 'firstSeen') expect(rebuilt).not.toHaveProperty(field);
    }
    expect((await historyStats(db)).damaged).toBe(0);
  });

  it('any garbage in chunks or records: reads never hang or throw anything but DamagedModelError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 40 }), fc.oneof(fc.constant(undefined), fc.constant(null), fc.string(), fc.double(), fc.integer({ min: 1000 })), async (bytes, keyValue) => {
        const name = `damage-prop-${n++}`;
        const pdb = await openHistoryDB(name);
        await ingestSeries(pdb, { id: 'invented-g/ok' }, series(1), NOW);
        await ingestSeries(pdb, { id: 'invented-h/hit' }, series(1), NOW);
        const key = (await pdb.get('models', 'invented-h/hit'))!.key;
        const [first] = (await pdb.getAllKeys('chunks', IDBKeyRange.bound([key, -Infinity], [key, Infinity]))) as [number, number][];
        await pdb.put('chunks', bytes.slice().buffer, first!);
        if (keyValue !== undefined) await pdb.put('models', { ...(await pdb.get('models', 'invented-h/hit'))!, key: keyValue } as unknown as ModelRecord);
        const { results, failed } = await eachModel(['invented-g/ok', 'invented-h/hit'], (id) => readSeries(pdb, id));
        expect(results[0]!.id).toBe('invented-g/ok');
        for (const f of failed) expect(f.error).toBeInstanceOf(DamagedModelError);
        const stats = await historyStats(pdb);
        expect(stats.damaged).toBe(failed.length);
        await dropDamaged(pdb);
        expect((await historyStats(pdb)).damaged).toBe(0);
        await expect(readSeries(pdb, 'invented-g/ok')).resolves.toHaveLength(24);
        pdb.close();
      }),
      { numRuns: 40 },
    );
  });
});

describe('eachModel', () => {
  it('keeps order and isolates every failure', async () => {
    const r = await eachModel(['a', 'b', 'c', 'd'], async (id) => {
      if (id === 'b' || id === 'd') throw new Error(id);
      return id.toUpperCase();
    });
    expect(r.results).toEqual([{ id: 'a', value: 'A' }, { id: 'c', value: 'C' }]);
    expect(r.failed.map((f) => f.id)).toEqual(['b', 'd']);
  });
});
