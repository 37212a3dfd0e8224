import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { Family } from '../family/family';
import type { Relation } from '../hub/schemas';
import type { ModelHistory, ModelMeta, Snapshot } from '../types';
import { chunkLength, decodeChunk, encodeChunk } from './chunk-codec';
import {
  bucketOf,
  mergeSnapshots,
  monthStart,
  reduceToDaily,
  retentionCutoff,
  sameValues,
} from './buckets';

// The history database. Only the background service worker (and extension pages for the
// benchmark) open it: a content script's IndexedDB would belong to huggingface.co.

export const DB_NAME = 'hub-lens';
export const DB_VERSION = 2;

export interface ModelRecord extends Omit<ModelMeta, 'watched'> {
  /** short numeric key of the model's chunks: a repo id repeated in every chunk key costs bytes */
  key: number;
  /** 0/1: booleans cannot be indexed */
  watched: 0 | 1;
  firstSeen: number;
  lastSeen: number;
  /** the latest snapshot, so recording needs no chunk read to throttle */
  last?: Snapshot;
  lastApiFetch?: number;
  /** page views: the latest, and the one before the current visit began */
  lastView?: number;
  previousVisit?: number;
  /** from the API: declared parents and children counts, to find the family without a call */
  parents?: { relation?: Relation; ids: string[] };
  children?: { total?: number; quantized?: number; finetune?: number; adapter?: number; merge?: number };
  /** the original of its family, once resolved */
  familyHead?: string;
}

interface HubLensDB extends DBSchema {
  models: { key: string; value: ModelRecord; indexes: { hubId: string; watched: number; key: number } };
  /** key [model key, bucket start]: a day while recent, a month once reduced */
  chunks: { key: [number, number]; value: ArrayBuffer };
  /** re-upload families by their original's id, refreshed about daily */
  families: { key: string; value: Family };
  /** one small row per watched model, for the popup (kept by lib/features/watch) */
  summaries: { key: string; value: { id: string } };
}

export type HistoryDB = IDBPDatabase<HubLensDB>;

export function openHistoryDB(name = DB_NAME): Promise<HistoryDB> {
  return openDB<HubLensDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      // One step per version, so any old database upgrades in order.
      if (oldVersion < 1) {
        const models = db.createObjectStore('models', { keyPath: 'id' });
        models.createIndex('hubId', 'hubId');
        models.createIndex('watched', 'watched');
        models.createIndex('key', 'key', { unique: true });
        db.createObjectStore('chunks');
        db.createObjectStore('families', { keyPath: 'head' });
      }
      if (oldVersion < 2) db.createObjectStore('summaries', { keyPath: 'id' });
    },
  });
}

/** Identical values within this window are one observation, and an API answer fills the gaps of a page view. */
export const THROTTLE_MS = 10 * 60_000;
/** A page view after this long starts a new visit ("since your last visit"). */
export const VISIT_GAP_MS = 30 * 60_000;

const chunkRange = (key: number, from = -Infinity, to = Infinity) => IDBKeyRange.bound([key, from], [key, to]);

/**
 * Hands out model keys inside one transaction: the first call reads the largest key in use,
 * later calls count on from it (so parallel creations in one transaction never collide).
 */
function keyAllocator(tx: WriteTx) {
  let base: Promise<number> | undefined;
  let used = 0;
  return async () => {
    base ??= tx
      .objectStore('models')
      .index('key')
      .openKeyCursor(null, 'prev')
      .then((c) => ((c?.key as number | undefined) ?? 0) + 1);
    const first = await base;
    return first + used++;
  };
}

async function mergeMeta(
  old: ModelRecord | undefined,
  meta: Partial<ModelMeta> & { id: string },
  now: number,
  newKey: () => Promise<number>,
): Promise<ModelRecord> {
  const defined = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined));
  const { watched, ...rest } = defined as Partial<ModelMeta> & { id: string };
  return {
    watched: 0,
    firstSeen: now,
    key: old?.key ?? (await newKey()),
    ...old,
    ...rest,
    ...(watched !== undefined ? { watched: watched ? 1 : 0 } : {}),
    lastSeen: Math.max(old?.lastSeen ?? 0, now),
  };
}

/** Can `b` be folded into `a`: no counter disagrees where both are known. */
function compatible(a: Snapshot, b: Snapshot): boolean {
  return (['likes', 'downloads', 'downloadsAllTime', 'trendingScore'] as const).every(
    (k) => a[k] === null || b[k] === null || a[k] === b[k],
  );
}

const fill = (a: Snapshot, b: Snapshot): Snapshot => ({
  t: a.t,
  likes: a.likes ?? b.likes,
  downloads: a.downloads ?? b.downloads,
  downloadsAllTime: a.downloadsAllTime ?? b.downloadsAllTime,
  trendingScore: a.trendingScore ?? b.trendingScore,
});

export type RecordOutcome = 'added' | 'merged' | 'unchanged';

/**
 * Record one live observation. Within THROTTLE_MS of the latest snapshot, an observation
 * that agrees with it only fills its unknown counters (a page view then its API answer);
 * identical values are not stored twice.
 */
export async function recordSnapshot(
  db: HistoryDB,
  meta: Partial<ModelMeta> & { id: string },
  snap: Snapshot,
  now = snap.t,
  extra: Partial<Pick<ModelRecord, 'lastApiFetch' | 'lastView' | 'previousVisit'>> = {},
): Promise<RecordOutcome> {
  const tx = db.transaction(['models', 'chunks'], 'readwrite');
  const outcome = await recordIn(tx, keyAllocator(tx), meta, snap, now, extra);
  await tx.done;
  return outcome;
}

/** Record many models' observations (a list page) in one transaction. */
export async function recordSnapshots(
  db: HistoryDB,
  items: readonly { meta: Partial<ModelMeta> & { id: string }; snap: Snapshot; extra?: Partial<ModelRecord> }[],
  now: number,
): Promise<RecordOutcome[]> {
  const tx = db.transaction(['models', 'chunks'], 'readwrite');
  const newKey = keyAllocator(tx);
  const outcomes = await Promise.all(items.map(({ meta, snap, extra }) => recordIn(tx, newKey, meta, snap, now, extra ?? {})));
  await tx.done;
  return outcomes;
}

type WriteTx = IDBPTransaction<HubLensDB, ('models' | 'chunks')[], 'readwrite'>;
/** A transaction over both stores, to read many models at once. */
export type ReadTx = IDBPTransaction<HubLensDB, ('models' | 'chunks')[], IDBTransactionMode>;

async function recordIn(
  tx: WriteTx,
  newKey: () => Promise<number>,
  meta: Partial<ModelMeta> & { id: string },
  snap: Snapshot,
  now: number,
  extra: Partial<ModelRecord>,
): Promise<RecordOutcome> {
  const models = tx.objectStore('models');
  const chunks = tx.objectStore('chunks');
  const old = await models.get(meta.id);
  const record: ModelRecord = { ...(await mergeMeta(old, meta, now, newKey)), ...extra };
  const last = old?.last;
  let outcome: RecordOutcome = 'added';
  let toWrite = snap;
  if (last && snap.t >= last.t && snap.t - last.t < THROTTLE_MS && compatible(last, snap)) {
    toWrite = fill(last, snap);
    outcome = sameValues(toWrite, last) ? 'unchanged' : 'merged';
  }
  if (outcome !== 'unchanged') {
    const key: [number, number] = [record.key, bucketOf(toWrite.t, now)];
    const buf = await chunks.get(key);
    const { merged } = mergeSnapshots(buf ? decodeChunk(buf) : [], [toWrite]);
    await chunks.put(encodeChunk(merged), key);
    if (!last || toWrite.t >= last.t) record.last = toWrite;
  }
  await models.put(record);
  return outcome;
}

/** Watch or unwatch a model, creating its record if Hub Lens has not seen it yet. */
export async function setWatched(db: HistoryDB, id: string, watched: boolean, now: number): Promise<ModelRecord> {
  const tx = db.transaction(['models', 'chunks'], 'readwrite');
  const models = tx.objectStore('models');
  const record = { ...(await mergeMeta(await models.get(id), { id }, now, keyAllocator(tx))), watched: watched ? 1 : 0 } as const;
  await models.put(record);
  await tx.done;
  return record;
}

export const getModel = (db: HistoryDB, id: string) => db.get('models', id);

/** One model's snapshots with from ≤ t ≤ to, sorted: its record, then one getAll over its chunks. */
export async function readSeries(
  db: HistoryDB | ReadTx,
  id: string,
  from = -Infinity,
  to = Infinity,
): Promise<Snapshot[]> {
  const tx = 'objectStore' in db ? db : db.transaction(['models', 'chunks'], 'readonly');
  const record = await tx.objectStore('models').get(id);
  if (!record) return [];
  // A month chunk starts before `from` yet may hold snapshots after it.
  const lo = Number.isFinite(from) ? monthStart(from) : -Infinity;
  const bufs = await tx.objectStore('chunks').getAll(chunkRange(record.key, lo, to));
  const out: Snapshot[] = [];
  for (const buf of bufs) for (const s of decodeChunk(buf)) if (s.t >= from && s.t <= to) out.push(s);
  // Chunks are in key order; a late import into a month chunk can overlap a day chunk.
  for (let i = 1; i < out.length; i++) {
    if (out[i]!.t < out[i - 1]!.t) return out.sort((a, b) => a.t - b.t);
  }
  return out;
}

/** Bulk merge (import, benchmark): later value at the same t wins; counts what changed. */
export async function ingestSeries(
  db: HistoryDB,
  meta: Partial<ModelMeta> & { id: string },
  snaps: readonly Snapshot[],
  now: number,
): Promise<IngestCounts> {
  const tx = db.transaction(['models', 'chunks'], 'readwrite');
  const counts = await ingestIn(tx, keyAllocator(tx), meta, snaps, now);
  await tx.done;
  return counts;
}

export interface IngestCounts {
  added: number;
  changed: number;
  present: number;
}

/**
 * Merge many models in ONE transaction: an import either lands whole or, if anything fails
 * (quota, a closed worker), not at all.
 */
export async function ingestAll(
  db: HistoryDB,
  models: readonly (Partial<ModelMeta> & { id: string; snapshots: readonly Snapshot[] })[],
  now: number,
  onProgress?: (done: number) => void,
): Promise<IngestCounts> {
  const tx = db.transaction(['models', 'chunks'], 'readwrite');
  const total: IngestCounts = { added: 0, changed: 0, present: 0 };
  const newKey = keyAllocator(tx);
  let done = 0;
  try {
    for (const { snapshots, ...meta } of models) {
      const c = await ingestIn(tx, newKey, meta, snapshots, now);
      total.added += c.added;
      total.changed += c.changed;
      total.present += c.present;
      onProgress?.(++done);
    }
  } catch (error) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw error;
  }
  await tx.done;
  return total;
}

async function ingestIn(
  tx: WriteTx,
  newKey: () => Promise<number>,
  meta: Partial<ModelMeta> & { id: string },
  snaps: readonly Snapshot[],
  now: number,
): Promise<IngestCounts> {
  const groups = new Map<number, Snapshot[]>();
  for (const s of snaps) {
    const b = bucketOf(s.t, now);
    const g = groups.get(b);
    if (g) g.push(s);
    else groups.set(b, [s]);
  }
  const models = tx.objectStore('models');
  const chunks = tx.objectStore('chunks');
  const old = await models.get(meta.id);
  const first = snaps.reduce((m, s) => Math.min(m, s.t), Infinity);
  const record = await mergeMeta(old, meta, now, newKey);
  const counts: IngestCounts = { added: 0, changed: 0, present: 0 };
  let latest: Snapshot | undefined;
  const writes = [...groups].map(async ([bucket, group]) => {
    const key: [number, number] = [record.key, bucket];
    const buf = await chunks.get(key);
    const r = mergeSnapshots(buf ? decodeChunk(buf) : [], group);
    counts.added += r.added;
    counts.changed += r.changed;
    counts.present += r.present;
    const top = r.merged[r.merged.length - 1];
    if (top && (!latest || top.t > latest.t)) latest = top;
    if (r.added || r.changed) await chunks.put(encodeChunk(r.merged), key);
  });
  await Promise.all(writes);
  record.lastSeen = Math.max(old?.lastSeen ?? 0, latest?.t ?? first);
  record.firstSeen = Math.min(old?.firstSeen ?? Infinity, first, latest?.t ?? now);
  if (latest && (!old?.last || latest.t >= old.last.t)) record.last = latest;
  await models.put(record);
  return counts;
}

/** How many models and snapshots the database holds (reads chunk headers only). */
export async function historyStats(db: HistoryDB): Promise<{ models: number; snapshots: number; watched: number }> {
  const tx = db.transaction(['models', 'chunks'], 'readonly');
  const models = await tx.objectStore('models').count();
  const watched = await tx.objectStore('models').index('watched').count(1);
  let snapshots = 0;
  for (let c = await tx.objectStore('chunks').openCursor(); c; c = await c.continue()) snapshots += chunkLength(c.value);
  await tx.done;
  return { models, snapshots, watched };
}

export async function clearHistory(db: HistoryDB): Promise<void> {
  const stores = ['models', 'chunks', 'families', 'summaries'] as const;
  const tx = db.transaction([...stores], 'readwrite');
  await Promise.all(stores.map((name) => tx.objectStore(name).clear()));
  await tx.done;
}

/**
 * Reduce one model's snapshots older than the retention cutoff to one a day, packed by
 * month. Idempotent; returns how many snapshots were dropped.
 */
export async function compactModel(db: HistoryDB, id: string, now: number): Promise<number> {
  const cutoff = retentionCutoff(now);
  const tx = db.transaction(['models', 'chunks'], 'readwrite');
  const record = await tx.objectStore('models').get(id);
  const chunks = tx.objectStore('chunks');
  const range = record && IDBKeyRange.bound([record.key, -Infinity], [record.key, cutoff], false, true);
  const keys = range ? ((await chunks.getAllKeys(range)) as [number, number][]) : [];
  if (!record || keys.length === 0) {
    await tx.done;
    return 0;
  }
  const bufs = await chunks.getAll(range);
  const firstKey = (await chunks.getKey(chunkRange(record.key))) as [number, number] | undefined;
  const byMonth = new Map<number, { keys: [number, number][]; snaps: Snapshot[]; holdsFirst: boolean }>();
  keys.forEach((key, i) => {
    const m = monthStart(key[1]);
    const g = byMonth.get(m) ?? { keys: [], snaps: [], holdsFirst: false };
    g.keys.push(key);
    g.snaps.push(...decodeChunk(bufs[i]!));
    g.holdsFirst ||= firstKey?.[1] === key[1];
    byMonth.set(m, g);
  });
  let dropped = 0;
  for (const [month, g] of byMonth) {
    const sorted = g.snaps.sort((a, b) => a.t - b.t);
    const daily = reduceToDaily(sorted, g.holdsFirst);
    const alreadyCompact = g.keys.length === 1 && g.keys[0]![1] === month && daily.length === sorted.length;
    if (alreadyCompact) continue;
    dropped += sorted.length - daily.length;
    for (const key of g.keys) if (key[1] !== month) chunks.delete(key);
    chunks.put(encodeChunk(daily), [record.key, month]);
  }
  await tx.done;
  return dropped;
}

export const allModelIds = (db: HistoryDB) => db.getAllKeys('models');

/** Every model with its whole series, one model at a time (export). */
export async function* allHistories(db: HistoryDB): AsyncGenerator<ModelHistory> {
  for (const id of await allModelIds(db)) {
    const record = await getModel(db, id);
    if (!record) continue;
    const { watched, firstSeen: _f, lastSeen: _l, last: _s, lastApiFetch: _a, lastView: _v, previousVisit: _p, ...meta } = record;
    yield { ...meta, watched: watched === 1, snapshots: await readSeries(db, id) };
  }
}
