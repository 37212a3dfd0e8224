import type { HistoryStore } from '@/lib/history-store';
import { getModel } from '@/lib/store/history-db';
import type { WatchRow } from './summary';

// The watch list's rows in the database (the `summaries` store): one small row per watched model,
// remade as its snapshots are recorded, so the popup reads rows instead of series.

export interface Rows {
  /** every row; kept in memory until a write changes the store (the popup asks on every open, twice) */
  all(): Promise<readonly WatchRow[]>;
  ids(): Promise<string[]>;
  /**
   * Write rows and remove others. Whether each model is still watched is read here, in the write
   * queue and the same transaction: a row made while its model was being unwatched is removed,
   * not written (no ghost row in the popup and the toolbar count).
   */
  put(rows: readonly WatchRow[], remove?: readonly string[]): Promise<void>;
}

const made = new WeakMap<HistoryStore, Rows>();

/** The rows of this store (made once per store: its kept read is registered once). */
export function rowsOf(store: HistoryStore): Rows {
  let rows = made.get(store);
  if (!rows) {
    const all = store.keptRead('summaries', (d) => d.getAll('summaries')) as unknown as () => Promise<readonly WatchRow[]>;
    rows = {
      all,
      ids: async () => (await all()).map((r) => r.id),
      put: (put, remove = []) =>
        store.write(async (d) => {
          // Read in the write queue, where no watch or unwatch can run between this read and the write.
          const watched = await Promise.all(put.map(async (r) => (await getModel(d, r.id))?.watched === 1));
          const tx = d.transaction('summaries', 'readwrite');
          await Promise.all([
            ...put.map((r, i) => (watched[i] ? tx.store.put({ ...r }) : tx.store.delete(r.id))),
            ...remove.map((id) => tx.store.delete(id)),
          ]);
          await tx.done;
        }),
    };
    made.set(store, rows);
  }
  return rows;
}
