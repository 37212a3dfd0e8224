import { openDB } from 'idb';
import { reduceToDaily, retentionCutoff } from '@/lib/store/buckets';
import { compactModel, ingestSeries, openHistoryDB, readSeries } from '@/lib/store/history-db';
import { DAY_MS, HOUR_MS, type Snapshot } from '@/lib/types';

// Storage benchmark, run inside the extension's origin (built only for the `bench` target).
// Packed chunks (what Hub Lens ships) against a naive one-record-per-snapshot layout.

interface Options {
  models: number;
  days: number;
  reads: number;
}

const NOW = Date.UTC(2026, 10, 24, 12);

/** A year of hourly snapshots of one model: a seeded random walk (invented data). */
function inventedSeries(model: number, days: number): Snapshot[] {
  let seed = model * 2654435761 + 1;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const n = days * 24;
  const out: Snapshot[] = new Array(n);
  let likes = Math.floor(rand() * 5000);
  let all = Math.floor(rand() * 5e7);
  const rate = rand() * 40;
  for (let i = 0; i < n; i++) {
    likes += rand() < rate / 24 ? 1 + Math.floor(rand() * 3) : 0;
    const perHour = Math.floor(rand() * rate * 300);
    all += perHour;
    out[i] = {
      t: NOW - (n - 1 - i) * HOUR_MS + Math.floor(rand() * 60_000),
      likes,
      downloads: perHour * 24 * 30,
      downloadsAllTime: all,
      trendingScore: Math.floor(rate * 7),
    };
  }
  return out;
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `bench-org-${i % 37}/invented-model-${i}`);

async function usage(): Promise<number> {
  return (await navigator.storage.estimate()).usage ?? 0;
}

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

async function run({ models: count, days, reads }: Options) {
  for (const name of ['bench-packed', 'bench-packed-copy', 'bench-naive', 'bench-naive-retained']) indexedDB.deleteDatabase(name);
  const models = ids(count);
  const total = count * days * 24;

  // Ingest: every snapshot, batched one model-month at a time.
  const packed = await openHistoryDB('bench-packed');
  let t0 = performance.now();
  for (let m = 0; m < count; m++) {
    const series = inventedSeries(m, days);
    for (let i = 0; i < series.length; i += 24 * 30) {
      await ingestSeries(packed, { id: models[m]! }, series.slice(i, i + 24 * 30), NOW);
    }
  }
  const packedIngest = total / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  for (const id of models) await compactModel(packed, id, NOW);
  const compactMs = performance.now() - t0;

  const naive = await openNaive('bench-naive');
  t0 = performance.now();
  for (let m = 0; m < count; m++) {
    const series = inventedSeries(m, days);
    for (let i = 0; i < series.length; i += 24 * 30) {
      const tx = naive.transaction('snapshots', 'readwrite');
      for (const s of series.slice(i, i + 24 * 30)) tx.store.put({ model: models[m], ...s });
      await tx.done;
    }
  }
  const naiveIngest = total / ((performance.now() - t0) / 1000);
  naive.close();
  indexedDB.deleteDatabase('bench-naive');

  // Size after retention, each layout written fresh with exactly the retained snapshots,
  // so deleted records still waiting for LevelDB's own compaction are not counted.
  let retainedCount = 0;
  let before = await usage();
  const copy = await openHistoryDB('bench-packed-copy');
  for (let m = 0; m < count; m++) {
    const keep = retained(inventedSeries(m, days));
    retainedCount += keep.length;
    await ingestSeries(copy, { id: models[m]! }, keep, NOW);
  }
  copy.close();
  const packedBytes = (await usage()) - before;

  before = await usage();
  const naiveRetained = await openNaive('bench-naive-retained');
  for (let m = 0; m < count; m++) {
    const tx = naiveRetained.transaction('snapshots', 'readwrite');
    for (const s of retained(inventedSeries(m, days))) tx.store.put({ model: models[m], ...s });
    await tx.done;
  }
  const naiveBytes = (await usage()) - before;

  // Reads of one model's series at that size.
  const from30 = NOW - 30 * DAY_MS;
  const packedRead30 = await timeReads((id) => readSeries(packed, id, from30), models, reads);
  const packedReadAll = await timeReads((id) => readSeries(packed, id), models, reads);
  const naiveRange = (id: string, from: number) =>
    naiveRetained.getAll('snapshots', IDBKeyRange.bound([id, from], [id, Infinity]));
  const naiveRead30 = await timeReads((id) => naiveRange(id, from30), models, reads);
  const naiveReadAll = await timeReads((id) => naiveRange(id, -Infinity), models, reads);
  packed.close();
  naiveRetained.close();

  return {
    snapshots: total,
    retained: retainedCount,
    compactMs,
    packed: { ingestPerSec: packedIngest, bytesPerSnapshot: packedBytes / retainedCount, read30: packedRead30, readAll: packedReadAll },
    naive: { ingestPerSec: naiveIngest, bytesPerSnapshot: naiveBytes / retainedCount, read30: naiveRead30, readAll: naiveReadAll },
  };
}

Object.assign(globalThis, { runStorageBench: run });
