import { openDB } from 'idb';
import { reduceToDaily, retentionCutoff } from '@/lib/store/buckets';
import { compactModel, ingestSeries, openHistoryDB, readSeries, type HistoryDB } from '@/lib/store/history-db';
import { DAY_MS, type Snapshot } from '@/lib/types';
import { inventedIds as ids, inventedSeries } from './invented-series';

// Storage benchmark, run inside the extension's origin (built only for the `bench` target).
// Packed chunks (what Hub Lens ships) against a naive one-record-per-snapshot layout.

interface Options {
  models: number;
  days: number;
  reads: number;
}

const NOW = Date.UTC(2026, 10, 24, 12);

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

/** What retention keeps: everything of the last 30 days, the day's last before, and the first. */
function retained(series: Snapshot[]): Snapshot[] {
  const cutoff = retentionCutoff(NOW);
  const old = series.filter((s) => s.t < cutoff);
  return [...reduceToDaily(old, true), ...series.filter((s) => s.t >= cutoff)];
}

type NaiveDB = Awaited<ReturnType<typeof openNaive>>;

function openNaive(name: string) {
  return openDB(name, 1, {
    upgrade(db) {
      db.createObjectStore('snapshots', { keyPath: ['model', 't'] });
    },
  });
}

async function timeReads(read: (id: string) => Promise<unknown[]>, models: string[], reads: number) {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < reads; i++) {
    const id = models[(i * 7919) % models.length]!;
    const t0 = performance.now();
    rows += (await read(id)).length;
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), rowsPerRead: rows / reads };
}

const deleteDb = (name: string) =>
  new Promise<void>((resolve, reject) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
  });

type Layout = 'packed' | 'naive';

/** Write every snapshot, batched one model-month at a time; returns snapshots/s. */
async function ingest(layout: Layout, { models: count, days }: Options) {
  const models = ids(count);
  const name = `bench-ingest-${layout}`;
  await deleteDb(name);
  const db = layout === 'packed' ? await openHistoryDB(name) : await openNaive(name);
  const t0 = performance.now();
  for (let m = 0; m < count; m++) {
    const series = inventedSeries(m, days, NOW);
    for (let i = 0; i < series.length; i += 24 * 30) {
      const batch = series.slice(i, i + 24 * 30);
      if (layout === 'packed') await ingestSeries(db as HistoryDB, { id: models[m]! }, batch, NOW);
      else {
        const tx = (db as NaiveDB).transaction('snapshots', 'readwrite');
        for (const s of batch) tx.store.put({ model: models[m], ...s });
        await tx.done;
      }
    }
  }
  const perSec = (count * days * 24) / ((performance.now() - t0) / 1000);
  let compactMs = 0;
  if (layout === 'packed') {
    const t1 = performance.now();
    for (const id of models) await compactModel(db as HistoryDB, id, NOW);
    compactMs = performance.now() - t1;
  }
  db.close();
  await deleteDb(name);
  return { perSec, compactMs };
}

/** Write exactly what retention keeps (so nothing awaits LevelDB's own compaction). */
async function writeRetained(layout: Layout, { models: count, days }: Options) {
  const models = ids(count);
  const name = `bench-${layout}`;
  let retainedCount = 0;
  const db = layout === 'packed' ? await openHistoryDB(name) : await openNaive(name);
  for (let m = 0; m < count; m++) {
    const keep = retained(inventedSeries(m, days, NOW));
    retainedCount += keep.length;
    if (layout === 'packed') await ingestSeries(db as HistoryDB, { id: models[m]! }, keep, NOW);
    else {
      const tx = (db as NaiveDB).transaction('snapshots', 'readwrite');
      for (const s of keep) tx.store.put({ model: models[m], ...s });
      await tx.done;
    }
  }
  db.close();
  return retainedCount;
}

async function reads(layout: Layout, { models: count, reads: n }: Options) {
  const models = ids(count);
  const from30 = NOW - 30 * DAY_MS;
  if (layout === 'packed') {
    const db = await openHistoryDB('bench-packed');
    const r = { read30: await timeReads((id) => readSeries(db, id, from30), models, n), readAll: await timeReads((id) => readSeries(db, id), models, n) };
    db.close();
    return r;
  }
  const db = await openNaive('bench-naive');
  const range = (id: string, from: number) => db.getAll('snapshots', IDBKeyRange.bound([id, from], [id, Infinity]));
  const r = { read30: await timeReads((id) => range(id, from30), models, n), readAll: await timeReads((id) => range(id, -Infinity), models, n) };
  db.close();
  return r;
}

const usage = async () => (await navigator.storage.estimate()).usage ?? 0;

Object.assign(globalThis, { benchIngest: ingest, benchWriteRetained: writeRetained, benchReads: reads, benchUsage: usage });
