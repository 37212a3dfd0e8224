import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { FUTURE_SLACK_MS } from '@/lib/history-format';
import type { Relation } from '@/lib/hub/schemas';
import type { ModelHistory, ModelMeta, Snapshot } from '@/lib/types';
import { DamagedChunkError, decodeChunk, encodeChunk } from './chunk-codec';
import { checkedRecord, DamagedModelError, recordProblem, RECORD_FIELDS } from './damage';
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

export { DamagedModelError, eachModel } from './damage';

export const DB_NAME = 'hub-lens';

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

/** A record a feature keeps in its own store, by its key field; its other fields are the feature's to define. */
export interface SummaryRow {
  id: string;
  [field: string]: unknown;
}
export interface FamilyRecord {
  head: string;
  [field: string]: unknown;
}

interface HubLensDB extends DBSchema {
  models: { key: string; value: ModelRecord; indexes: { hubId: string; watched: number; key: number } };
  /** key [model key, bucket start]: a day while recent, a month once reduced */
  chunks: { key: [number, number]; value: ArrayBuffer };
  // Stores that features keep (the core creates and upgrades them; each feature reads and writes
  // its own from its folder, through HistoryStore's `write` and `keptRead`):
  /** re-upload families by their original's id, refreshed about daily (lib/features/family/store.ts) */
  families: { key: string; value: FamilyRecord };
  /** one small row per watched model, for the popup (lib/features/watch/rows.ts) */
  summaries: { key: string; value: SummaryRow };
  /** what any other feature keeps, by [feature, key] (HistoryStore's `kept(feature)`): a new feature needs no new store */
  kept: { key: [string, string]; value: unknown };
}

export type HistoryDB = IDBPDatabase<HubLensDB>;

/**
 * One step per version, in order: a database at version v runs steps v, v+1, … so any older
 * database upgrades to the current one. Steps only add; never rewrite an old one.
 */
type UpgradeTx = IDBPTransaction<HubLensDB, StoreNames<HubLensDB>[], 'versionchange'>;
const UPGRADES: ((db: IDBPDatabase<HubLensDB>, tx: UpgradeTx) => void | Promise<void>)[] = [
  // 1: models, their packed snapshots, families
  (db) => {
    const models = db.createObjectStore('models', { keyPath: 'id' });
    models.createIndex('hubId', 'hubId');
    models.createIndex('watched', 'watched');
    models.createIndex('key', 'key', { unique: true });
    db.createObjectStore('chunks');
    db.createObjectStore('families', { keyPath: 'head' });
  },
  // 2: summaries for the popup; trending scores recorded negative before the Hub parser
  // floored them at 0 are floored too, so the store holds what the history format allows
  async (db, tx) => {
    db.createObjectStore('summaries', { keyPath: 'id' });
    await floorTrendingScores(tx);
  },
  // 3: one store for what features keep, each under its own name
  (db) => {
    db.createObjectStore('kept');
  },
];

const floorSnapshot = (s: Snapshot): Snapshot => (s.trendingScore !== null && s.trendingScore < 0 ? { ...s, trendingScore: 0 } : s);

async function floorTrendingScores(tx: UpgradeTx) {
  for (let c = await tx.objectStore('chunks').openCursor(); c; c = await c.continue()) {
    let snaps: Snapshot[];
    try {
      snaps = decodeChunk(c.value);
    } catch (error) {
      if (error instanceof DamagedChunkError) continue; // left for dropDamaged
      throw error;
    }
    if (snaps.some((s) => s.trendingScore !== null && s.trendingScore < 0)) await c.update(encodeChunk(snaps.map(floorSnapshot)));
  }
  for (let c = await tx.objectStore('models').openCursor(); c; c = await c.continue()) {
    const last = c.value.last;
    if (last && typeof last.trendingScore === 'number' && last.trendingScore < 0) await c.update({ ...c.value, last: floorSnapshot(last) });
  }
}
export const DB_VERSION = UPGRADES.length;

/**
 * Open (creating or upgrading) the database. `onGone` is called when this connection stops
 * being usable: another context needs a newer version (this one closes so it can upgrade),
 * or the browser terminated it.
 */
export function openHistoryDB(name = DB_NAME, onGone?: () => void): Promise<HistoryDB> {
  return openDB<HubLensDB>(name, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < UPGRADES.length; v++) await UPGRADES[v]!(db, tx);
    },
    blocked(current, wanted) {
      console.warn(`Hub Lens: the history database waits for an older tab to close (version ${current} → ${wanted})`);
    },
    blocking(_current, _wanted, event) {
      (event.target as IDBDatabase).close();
      onGone?.();
    },
    terminated() {
      onGone?.();
    },
  });
}

/**
 * The one connection of a context, opened on first use. A failed open or a connection that
 * went away is forgotten, so the next call opens again instead of failing for the worker's life.
 */
export function createDbOpener(open: (onGone: () => void) => Promise<HistoryDB> = (onGone) => openHistoryDB(DB_NAME, onGone)) {
  let current: Promise<HistoryDB> | undefined;
  return (): Promise<HistoryDB> => {
    if (current) return current;
    let opening: Promise<HistoryDB> | undefined;
    const forget = () => {
      if (current === opening) current = undefined;
    };
    opening = open(forget);
    current = opening;
    opening.catch(forget);
    return opening;
  };
}

/** Identical values within this window are one observation, and an API answer fills the gaps of a page view. */
export const THROTTLE_MS = 10 * 60_000;

const chunkRange = (key: number, from = -Infinity, to = Infinity) => IDBKeyRange.bound([key, from], [key, to]);

/** A chunk of model `id`, decoded; an unreadable one makes the model DamagedModelError. */
function decodeOf(id: string, buf: ArrayBuffer): Snapshot[] {
  try {
    return decodeChunk(buf);
  } catch (error) {
    if (error instanceof DamagedChunkError) throw new DamagedModelError(id, `a chunk is damaged (${error.message})`);
    throw error;
  }
}

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

/** `damaged`: the model's stored data cannot be read, so nothing was written (see dropDamaged). */
export type RecordOutcome = 'added' | 'merged' | 'unchanged' | 'damaged';

/**
 * Record live observations (a page view, an API answer, a list page), one transaction. Within
 * THROTTLE_MS of a model's latest snapshot, an observation that agrees with it only fills its
 * unknown counters (a page view then its API answer); identical values are not stored twice.
 */
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
  const stored = await models.get(meta.id);
  // A damaged model is left as it is: one bad model must not fail a whole list page.
  if (stored !== undefined && recordProblem(stored, meta.id)) return 'damaged';
  const old = stored;
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
    let base: Snapshot[];
    try {
      base = buf ? decodeChunk(buf) : [];
    } catch (error) {
      if (error instanceof DamagedChunkError) return 'damaged';
      throw error;
    }
    const { merged } = mergeSnapshots(base, [toWrite]);
    await chunks.put(encodeChunk(merged), key);
    if (!last || toWrite.t >= last.t || pinsLatest(last, now)) record.last = toWrite;
  }
  await models.put(record);
  return outcome;
}

/** Watch or unwatch a model, creating its record if Hub Lens has not seen it yet. */
export async function setWatched(db: HistoryDB, id: string, watched: boolean, now: number): Promise<ModelRecord> {
  const tx = db.transaction(['models', 'chunks'], 'readwrite');
  const models = tx.objectStore('models');
  const old = checkedRecord(await models.get(id), id);
  const record = { ...(await mergeMeta(old, { id }, now, keyAllocator(tx))), watched: watched ? 1 : 0 } as const;
  await models.put(record);
  await tx.done;
  return record;
}

/** A model's record; a damaged one is quarantined: reads as absent here (historyStats counts it). */
export async function getModel(db: HistoryDB, id: string): Promise<ModelRecord | undefined> {
  const stored = await db.get('models', id);
  return stored !== undefined && recordProblem(stored, id) === null ? stored : undefined;
}

/**
 * One model's snapshots with from ≤ t ≤ to, sorted: its record, then one getAll over its chunks.
 * Throws DamagedModelError when its record or a chunk cannot be read.
 */
export async function readSeries(
  db: HistoryDB | ReadTx,
  id: string,
  from = -Infinity,
  to = Infinity,
): Promise<Snapshot[]> {
  const tx = 'objectStore' in db ? db : db.transaction(['models', 'chunks'], 'readonly');
  const record = checkedRecord(await tx.objectStore('models').get(id), id);
  if (!record) return [];
  // A month chunk starts before `from` yet may hold snapshots after it.
  const lo = Number.isFinite(from) ? monthStart(from) : -Infinity;
  const bufs = await tx.objectStore('chunks').getAll(chunkRange(record.key, lo, to));
  const out: Snapshot[] = [];
  for (const buf of bufs) for (const s of decodeOf(id, buf)) if (s.t >= from && s.t <= to) out.push(s);
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
  try {
    const counts = await ingestIn(tx, keyAllocator(tx), meta, snaps, now, { left: Infinity, refused: 0 });
    await tx.done;
    return counts;
  } catch (error) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw error;
  }
}

export interface IngestCounts {
  added: number;
  changed: number;
  present: number;
}

export interface IngestOutcome extends IngestCounts {
  /** models left out because their stored history cannot be read (not the file's fault) */
  damaged: string[];
  /** models the file marks watched that were left unwatched: the watch list was full */
  unwatched: number;
}

/** How many more models may become watched, and how many were refused. */
interface WatchBudget {
  left: number;
  refused: number;
}


/**
 * Merge many models in ONE transaction: an import either lands whole or, if the write fails
 * (quota, a closed worker), not at all. A model whose stored data is damaged is left out and
 * named (the rest of the file stands), and the watch cap holds: models the file marks watched
 * past `maxWatched` are imported unwatched, and counted.
 */
export async function ingestAll(
  db: HistoryDB,
  models: readonly (Partial<ModelMeta> & { id: string; snapshots: readonly Snapshot[] })[],
  now: number,
  onProgress?: (done: number) => void,
  maxWatched = Infinity,
): Promise<IngestOutcome> {
  const tx = db.transaction(['models', 'chunks'], 'readwrite');
  const total: IngestOutcome = { added: 0, changed: 0, present: 0, damaged: [], unwatched: 0 };
  const newKey = keyAllocator(tx);
  let done = 0;
  try {
    const watchedNow = await tx.objectStore('models').index('watched').count(1);
    const budget: WatchBudget = { left: Math.max(0, maxWatched - watchedNow), refused: 0 };
    for (const { snapshots, ...meta } of models) {
      try {
        const c = await ingestIn(tx, newKey, meta, snapshots, now, budget);
        total.added += c.added;
        total.changed += c.changed;
        total.present += c.present;
      } catch (error) {
        if (!(error instanceof DamagedModelError)) throw error;
        total.damaged.push(meta.id); // nothing of it was written: ingestIn reads everything first
      }
      onProgress?.(++done);
    }
    total.unwatched = budget.refused;
  } catch (error) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw error;
  }
  await tx.done;
  return total;
}

/**
 * One model's merge. Everything it reads (its record, its chunks) is read and decoded before
 * anything is written, so a DamagedModelError leaves the transaction as it found it.
 */
async function ingestIn(
  tx: WriteTx,
  newKey: () => Promise<number>,
  meta: Partial<ModelMeta> & { id: string },
  allSnaps: readonly Snapshot[],
  now: number,
  budget: WatchBudget,
): Promise<IngestCounts> {
  const snaps = allSnaps.filter((s) => s.t <= now + FUTURE_SLACK_MS);
  const groups = new Map<number, Snapshot[]>();
  for (const s of snaps) {
    const b = bucketOf(s.t, now);
    const g = groups.get(b);
    if (g) g.push(s);
    else groups.set(b, [s]);
  }
  const models = tx.objectStore('models');
  const chunks = tx.objectStore('chunks');
  const old = checkedRecord(await models.get(meta.id), meta.id);
  const stored = old
    ? await Promise.all([...groups.keys()].map(async (bucket) => {
        const buf = await chunks.get([old.key, bucket]);
        return buf ? decodeOf(meta.id, buf) : [];
      }))
    : [...groups.keys()].map(() => []);
  // Read and decoded: from here on, nothing throws DamagedModelError.
  let admitted = meta;
  if (meta.watched === true && old?.watched !== 1) {
    if (budget.left > 0) budget.left--;
    else {
      budget.refused++;
      admitted = { ...meta, watched: undefined };
    }
  } else if (meta.watched === false && old?.watched === 1) budget.left++;
  const first = snaps.reduce((m, s) => Math.min(m, s.t), Infinity);
  const record = await mergeMeta(old, admitted, now, newKey);
  const counts: IngestCounts = { added: 0, changed: 0, present: 0 };
  let latest: Snapshot | undefined;
  const writes = [...groups].map(async ([bucket, group], i) => {
    const key: [number, number] = [record.key, bucket];
    const r = mergeSnapshots(stored[i]!, group);
    counts.added += r.added;
    counts.changed += r.changed;
    counts.present += r.present;
    const top = r.merged[r.merged.length - 1];
    if (top && (!latest || top.t > latest.t)) latest = top;
    if (r.added || r.changed) await chunks.put(encodeChunk(r.merged), key);
  });
  await Promise.all(writes);
  record.lastSeen = Math.max(old?.lastSeen ?? 0, latest?.t ?? (Number.isFinite(first) ? first : record.lastSeen));
  record.firstSeen = Math.min(old?.firstSeen ?? Infinity, first, latest?.t ?? now);
  if (latest && (!old?.last || latest.t >= old.last.t || pinsLatest(old.last, now))) record.last = latest;
  await models.put(record);
  return counts;
}

/** A stored "latest" dated after now + FUTURE_SLACK_MS (kept before it was refused) is replaced by any real one. */
const pinsLatest = (last: Snapshot, now: number) => last.t > now + FUTURE_SLACK_MS;

export interface HistoryStats {
  models: number;
  snapshots: number;
  watched: number;
  /** models with an unreadable record or chunk (quarantined; see dropDamaged) */
  damaged: number;
}

/** All stored records, each with its id, whether usable or not. */
async function allRecords(store: { getAll(): Promise<unknown[]>; getAllKeys(): Promise<IDBValidKey[]> }) {
  const [values, ids] = await Promise.all([store.getAll(), store.getAllKeys()]);
  return ids.map((id, i) => ({ id: String(id), value: values[i] }));
}

/** How many models and snapshots the database holds, and how many models are damaged (decodes every chunk). */
export async function historyStats(db: HistoryDB): Promise<HistoryStats> {
  const tx = db.transaction(['models', 'chunks'], 'readonly');
  const stats: HistoryStats = { models: 0, snapshots: 0, watched: 0, damaged: 0 };
  const byKey = new Map<number, string>();
  const damaged = new Set<string>();
  for (const { id, value } of await allRecords(tx.objectStore('models'))) {
    stats.models++;
    if (recordProblem(value, id)) damaged.add(id);
    else {
      const r = value as ModelRecord;
      byKey.set(r.key, id);
      stats.watched += r.watched;
    }
  }
  for (let c = await tx.objectStore('chunks').openCursor(); c; c = await c.continue()) {
    const id = byKey.get(c.key[0]);
    if (id === undefined) continue; // a damaged record's chunks cannot be told apart
    try {
      stats.snapshots += decodeChunk(c.value).length;
    } catch (error) {
      if (!(error instanceof DamagedChunkError)) throw error;
      damaged.add(id);
    }
  }
  await tx.done;
  stats.damaged = damaged.size;
  return stats;
}

export async function clearHistory(db: HistoryDB): Promise<void> {
  const tx = db.transaction(['models', 'chunks', 'families', 'summaries', 'kept'], 'readwrite');
  await Promise.all([
    tx.objectStore('models').clear(),
    tx.objectStore('chunks').clear(),
    tx.objectStore('families').clear(),
    tx.objectStore('summaries').clear(),
    tx.objectStore('kept').clear(),
  ]);
  await tx.done;
}

/**
 * Delete what cannot be read, keeping the rest: a model's unreadable chunks go, its readable
 * ones stay; an unreadable record is rebuilt from its valid fields and readable chunks when its
 * chunk key is intact, else deleted. Without `id`, every model, and the chunks no record owns
 * (left by a record without its key). The summary row of a model that lost anything goes too:
 * it described what is gone (the watch list makes the rows of watched models again). Returns
 * what was dropped or rebuilt.
 */
export async function dropDamaged(
  db: HistoryDB,
  id?: string,
  now = Date.now(),
): Promise<{ models: number; records: number; chunks: number }> {
  const tx = db.transaction(['models', 'chunks', 'summaries'], 'readwrite');
  const models = tx.objectStore('models');
  const chunks = tx.objectStore('chunks');
  const summaries = tx.objectStore('summaries');
  const records = await allRecords(models);
  const owners = new Map<number, string>();
  for (const { id: rid, value } of records) {
    if (recordProblem(value, rid) === null) owners.set((value as ModelRecord).key, rid);
  }
  const targets = id === undefined ? records : records.filter((r) => r.id === id);
  const counts = { models: 0, records: 0, chunks: 0 };
  for (const { id: rid, value } of targets) {
    const problem = recordProblem(value, rid);
    const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const key = Number.isSafeInteger(raw.key) && [undefined, rid].includes(owners.get(raw.key as number)) ? (raw.key as number) : undefined;
    let droppedHere = 0;
    const kept: Snapshot[] = [];
    if (key !== undefined) {
      for (let c = await chunks.openCursor(chunkRange(key)); c; c = await c.continue()) {
        try {
          const snaps = decodeChunk(c.value);
          if (problem) kept.push(...snaps); // only a record being rebuilt needs them
        } catch (error) {
          if (!(error instanceof DamagedChunkError)) throw error;
          await c.delete();
          droppedHere++;
        }
      }
    }
    if (problem) {
      if (key === undefined || raw.id !== rid) await models.delete(rid);
      else {
        await models.put(rebuiltRecord(raw, rid, key, kept, now));
        owners.set(key, rid);
      }
      counts.records++;
    }
    counts.chunks += droppedHere;
    if (problem || droppedHere) {
      counts.models++;
      await summaries.delete(rid);
    }
  }
  if (id === undefined) {
    for (let c = await chunks.openKeyCursor(); c; c = await c.continue()) {
      if (!owners.has(c.key[0])) {
        await chunks.delete(c.primaryKey);
        counts.chunks++;
      }
    }
  }
  await tx.done;
  return counts;
}

/** A usable record from a damaged one: its valid fields, the rest from its readable snapshots. */
function rebuiltRecord(raw: Record<string, unknown>, id: string, key: number, snaps: Snapshot[], now: number): ModelRecord {
  const valid = Object.fromEntries(
    Object.entries(RECORD_FIELDS)
      .filter(([field, ok]) => raw[field] !== undefined && ok(raw[field]))
      .map(([field]) => [field, raw[field]]),
  );
  const first = snaps.reduce((m, s) => Math.min(m, s.t), Infinity);
  const latest = snaps.reduce<Snapshot | undefined>((a, s) => (!a || s.t > a.t ? s : a), undefined);
  return {
    watched: 0,
    firstSeen: latest ? first : now,
    lastSeen: latest ? latest.t : now,
    ...(latest ? { last: latest } : {}),
    ...valid,
    id,
    key,
  } as ModelRecord;
}

/**
 * Reduce one model's snapshots older than the retention cutoff to one a day, packed by
 * month. Idempotent; returns how many snapshots were dropped. Throws DamagedModelError (before
 * writing anything) when the model cannot be read.
 */
export async function compactModel(db: HistoryDB, id: string, now: number): Promise<number> {
  const cutoff = retentionCutoff(now);
  const tx = db.transaction(['models', 'chunks'], 'readwrite');
  const record = checkedRecord(await tx.objectStore('models').get(id), id);
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
    g.snaps.push(...decodeOf(id, bufs[i]!));
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

/**
 * Retention over every model, one at a time through `run` (the worker's write queue, which hands
 * each write the database). A damaged model is skipped and counted; the others are compacted.
 */
export async function compactAll(
  db: HistoryDB,
  now: number,
  run: <T>(fn: (d: HistoryDB) => Promise<T>) => Promise<T> = (fn) => fn(db),
): Promise<{ dropped: number; damaged: string[] }> {
  let dropped = 0;
  const damaged: string[] = [];
  for (const id of await allModelIds(db)) {
    try {
      dropped += await run((d) => compactModel(d, id, now));
    } catch (error) {
      if (!(error instanceof DamagedModelError)) throw error;
      damaged.push(id);
    }
  }
  return { dropped, damaged };
}

/**
 * Every model with its whole series, one model at a time (export). A damaged model is skipped
 * and reported to `onDamaged`, so one bad record never stops an export.
 */
export async function* allHistories(db: HistoryDB, onDamaged?: (error: DamagedModelError) => void): AsyncGenerator<ModelHistory> {
  for (const id of await allModelIds(db)) {
    let history: ModelHistory | undefined;
    try {
      const tx = db.transaction(['models', 'chunks'], 'readonly');
      const record = checkedRecord(await tx.objectStore('models').get(id), id);
      if (!record) continue;
      const { watched, firstSeen: _f, lastSeen: _l, last: _s, lastApiFetch: _a, lastView: _v, previousVisit: _p, ...meta } = record;
      history = { ...meta, watched: watched === 1, snapshots: await readSeries(tx, id) };
    } catch (error) {
      if (!(error instanceof DamagedModelError)) throw error;
      onDamaged?.(error);
      continue;
    }
    yield history;
  }
}
