import { FUTURE_SLACK_MS } from './history-format';
import type { Observation } from './observation';
import {
  allHistories,
  clearHistory,
  compactAll,
  createDbOpener,
  eachModel,
  dropDamaged,
  getModel,
  historyStats,
  ingestAll,
  readSeries,
  recordSnapshots,
  setWatched,
  type HistoryDB,
  type IngestOutcome,
  type ModelRecord,
} from './store/history-db';
import { recordProblem } from './store/damage';
import type { ModelHistory } from './types';

// The one owner of the history database, used only by the background worker: every read and
// write of it goes through here. Writes run one after another; a model whose data cannot be
// read is skipped by every loop over models, never failing the loop; a failed write (a full
// disk) is remembered so that the user is told, once, where they look.

/** Watching costs polling budget: at most this many watched models. */
export const MAX_WATCHED = 5_000;

export interface WriteFailure {
  at: number;
  message: string;
}


export type Extra = Partial<Pick<ModelRecord, 'lastApiFetch' | 'lastView' | 'previousVisit'>>;

export function createHistoryStore(db: () => Promise<HistoryDB> = createDbOpener(), now: () => number = Date.now, maxWatched = MAX_WATCHED) {
  let tail: Promise<unknown> = Promise.resolve();
  let writeFailure: WriteFailure | null = null;
  const recordedListeners: ((ids: string[]) => Promise<void>)[] = [];
  const writtenListeners: ((stores: ReadonlySet<StoreName>) => void)[] = [];
  const keptReads: KeptRead[] = [];

  /**
   * Every write goes through this queue; a failure is remembered for the user and rethrown. Only
   * a write of snapshots clears it: a small bookkeeping write (a visit) may fit where they do not.
   * The reads kept in memory of every store the write may have changed are dropped once it is
   * over (committed, or rolled back: either way), and `onWritten` listeners are told which
   * stores, before its caller hears of it.
   */
  function write<T>(task: (d: HistoryDB) => Promise<T>, keepsSnapshots = false): Promise<T> {
    const run = tail.then(async () => {
      const written = new Set<StoreName>();
      try {
        const out = await task(noticingWrites(await db(), written));
        if (keepsSnapshots) writeFailure = null;
        return out;
      } catch (error) {
        writeFailure = { at: now(), message: describeWriteError(error) };
        throw error;
      } finally {
        for (const kept of keptReads) if (written.has(kept.store)) kept.value = undefined;
        if (written.size) for (const listener of writtenListeners) listener(written);
      }
    });
    tail = run.catch(() => undefined);
    return run;
  }

  /**
   * A read kept in memory until a write may change `store` (see `write`): a read begun before
   * such a write ends is never kept past it, and a read that failed is not kept at all. Callers
   * share what is kept, so it is frozen.
   */
  function keptRead<T>(store: StoreName, read: (d: HistoryDB) => Promise<T[]>): () => Promise<readonly T[]> {
    const kept: KeptRead<readonly T[]> = { store };
    keptReads.push(kept);
    return () => {
      if (kept.value) return kept.value;
      const reading = db().then(async (d) => Object.freeze(await read(d)));
      kept.value = reading;
      reading.catch(() => {
        if (kept.value === reading) kept.value = undefined;
      });
      return reading;
    };
  }

  const watchedKeys = keptRead('models', (d) => d.getAllKeysFromIndex('models', 'watched', 1));

  async function notifyRecorded(ids: string[]) {
    for (const listener of recordedListeners) await listener(ids).catch((e: unknown) => console.warn('Hub Lens: after-record', e));
  }

  const store = {
    /**
     * For the stores a feature keeps (lib/store/history-db.ts says which): a write in the queue,
     * and a read kept until a write changes its store. A feature makes its kept reads once.
     */
    write: <T>(task: (d: HistoryDB) => Promise<T>) => write(task),
    read: async <T>(task: (d: HistoryDB) => Promise<T>) => task(await db()),
    keptRead,

    /**
     * What a feature keeps in the database, by its own keys, apart from every other feature's
     * (one store, keys [feature, key]): a new feature keeps its records with no change here.
     * Values are read back unchecked by the store: the feature checks what it reads.
     */
    kept(feature: string) {
      const all = IDBKeyRange.bound([feature, ''], [feature, '\uffff']);
      return {
        get: async (key: string): Promise<unknown> => (await db()).get('kept', [feature, key]),
        put: (key: string, value: unknown) => write((d) => d.put('kept', value, [feature, key]).then(() => undefined)),
        delete: (key: string) => write((d) => d.delete('kept', [feature, key])),
        keys: async (): Promise<string[]> => ((await (await db()).getAllKeys('kept', all)) as [string, string][]).map(([, key]) => key),
      };
    },

    /** the last write that failed (cleared once snapshots are written again) */
    writeFailure: () => writeFailure,

    /** Listeners run after snapshots of these models were recorded (or watched or unwatched). */
    onRecorded(listener: (ids: string[]) => Promise<void>) {
      recordedListeners.push(listener);
    },

    /** Listeners run after each write (committed or not) with the stores it may have changed. */
    onWritten(listener: (stores: ReadonlySet<StoreName>) => void) {
      writtenListeners.push(listener);
    },

    /** Record observations (one transaction); `extra` goes on every model's record. */
    async record(observations: readonly Observation[], extra: Extra = {}) {
      const t = now();
      const snaps = observations.map((o) => ({ meta: o.meta, snap: o.snapshot, extra }));
      const outcomes = await write((d) => recordSnapshots(d, snaps, t), true);
      await notifyRecorded(observations.map((o) => o.meta.id));
      return outcomes;
    },

    model: async (id: string) => getModel(await db(), id),

    /** One model's record and whole series; throws if its data cannot be read. */
    async history(id: string): Promise<(ModelHistory & { record: ModelRecord }) | null> {
      const d = await db();
      const record = await getModel(d, id);
      if (!record) return null;
      // A snapshot dated in the future (stored before such times were refused) is not the present.
      const future = now() + FUTURE_SLACK_MS;
      return toHistory(record, (await readSeries(d, id)).filter((s) => s.t <= future));
    },

    /** Many models' histories; a model whose data cannot be read is left out and named in `damaged`. */
    async histories(ids: readonly string[]): Promise<{ histories: (ModelHistory & { record: ModelRecord })[]; damaged: string[] }> {
      const { results, failed } = await eachModel(ids, store.history);
      return { histories: results.flatMap(({ value }) => (value ? [value] : [])), damaged: failed.map(({ id }) => id) };
    },

    watchedIds: (): Promise<readonly string[]> => watchedKeys(),

    /** The watched models' records that can be read: a damaged one cannot be recorded, so it is never polled. */
    async watchedRecords(): Promise<ModelRecord[]> {
      const records: unknown[] = await (await db()).getAllFromIndex('models', 'watched', 1);
      return records.filter((r): r is ModelRecord => recordProblem(r, (r as { id?: unknown })?.id as string) === null);
    },

    /**
     * Watch or unwatch; refuses a new watch past MAX_WATCHED. The count is taken inside the write
     * queue, so clicks at the same moment cannot each see room for one more.
     */
    async setWatched(id: string, watched: boolean): Promise<{ ok: true; record: ModelRecord } | { ok: false; error: string }> {
      const out = await write(async (d): Promise<{ ok: true; record: ModelRecord } | { ok: false; error: string }> => {
        if (watched) {
          const already = (await getModel(d, id))?.watched === 1;
          if (!already && (await d.countFromIndex('models', 'watched', 1)) >= maxWatched) {
            return { ok: false, error: `Hub Lens watches at most ${maxWatched.toLocaleString('en')} models: unwatch one first.` };
          }
        }
        return { ok: true, record: await setWatched(d, id, watched, now()) };
      });
      if (out.ok) await notifyRecorded([id]);
      return out;
    },

    /** Remember when the API was last asked about a model (also for failed tries). */
    markApiFetch: (id: string, at: number) =>
      write(async (d) => {
        const old = await getModel(d, id);
        if (old) await d.put('models', { ...old, lastApiFetch: at });
      }),

    /** Claim a model's API refresh if none was made within `minGapMs`: true when this caller should call. */
    claimApiFetch: (id: string, minGapMs: number) =>
      write(async (d) => {
        const old = await getModel(d, id);
        if (!old || (old.lastApiFetch !== undefined && now() - old.lastApiFetch < minGapMs)) return false;
        await d.put('models', { ...old, lastApiFetch: now() });
        return true;
      }),

    /** A page view: note the visit (a view after VISIT_GAP_MS starts a new one). */
    visit: (id: string, gapMs: number) =>
      write(async (d) => {
        const old = await getModel(d, id);
        if (!old) return;
        const t = now();
        const newVisit = old.lastView !== undefined && t - old.lastView > gapMs;
        await d.put('models', { ...old, lastView: t, previousVisit: newVisit ? old.lastView : old.previousVisit });
      }),

    stats: async () => historyStats(await db()),

    clear: () => write((d) => clearHistory(d)),

    /** Merge whole models in one transaction; the watch cap holds, and a model damaged in the store is left out (named). */
    async import(models: Parameters<typeof ingestAll>[1], onProgress?: (done: number) => void): Promise<IngestOutcome> {
      const counts = await write((d) => ingestAll(d, models, now(), onProgress, maxWatched), true);
      await notifyRecorded(models.map((m) => m.id));
      return counts;
    },

    /** Every model's history, one at a time (export); models that cannot be read are skipped and counted. */
    async *all(skipped: { count: number } = { count: 0 }): AsyncGenerator<ModelHistory> {
      for await (const h of allHistories(await db(), () => skipped.count++)) yield h;
    },

    /** Retention, one model per queued write so page views never wait for the whole database; damaged models are skipped. */
    compactAll: async () => compactAll(await db(), now(), write),

    /** Delete what cannot be read (of one model, or of all), keeping everything readable. */
    dropDamaged: (id?: string) => write((d) => dropDamaged(d, id, now())),
  };
  return store;
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;

export type StoreName = Parameters<HistoryDB['getAll']>[0];

interface KeptRead<T = unknown> {
  /** the store it reads */
  store: StoreName;
  value?: Promise<T>;
}

const WRITES = new Set<PropertyKey>(['put', 'add', 'delete', 'clear']);

/**
 * The database as one write sees it, noting in `written` each store the write opens a read-write
 * transaction over or writes directly: every write, including writes added later, drops the
 * kept reads it may make stale, with no list of writers to keep up to date.
 */
function noticingWrites(d: HistoryDB, written: Set<StoreName>): HistoryDB {
  return new Proxy(d, {
    get(target, key) {
      const v: unknown = Reflect.get(target, key);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (key === 'transaction' ? args[1] === 'readwrite' : WRITES.has(key)) {
          for (const store of [args[0]].flat()) if (typeof store === 'string') written.add(store as StoreName);
        }
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

function toHistory(record: ModelRecord, snapshots: ModelHistory['snapshots']): ModelHistory & { record: ModelRecord } {
  const { watched, ...meta } = record;
  return { ...meta, watched: watched === 1, snapshots, record };
}

function describeWriteError(error: unknown): string {
  const name = (error as { name?: string })?.name ?? '';
  if (name === 'QuotaExceededError' || /quota/i.test(String(error))) return 'the disk is full (or the browser refused more storage)';
  return error instanceof Error ? error.message : String(error);
}
