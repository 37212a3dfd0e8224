import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createHistoryStore } from '@/lib/history-store';
import { openHistoryDB } from '@/lib/store/history-db';
import type { Observation } from '@/lib/observation';

// A full disk refuses the snapshots; small bookkeeping writes (a visit, a watch) may still fit.
// The user must hear of it until snapshots are kept again, whatever small write comes between.

const NOW = Date.parse('2026-11-24T12:00:00Z');
let n = 0;
const seen = (id: string, likes: number, t = NOW): Observation =>
  ({ meta: { id }, snapshot: { t, likes, downloads: null, downloadsAllTime: null, trendingScore: null } }) as Observation;

const put = IDBObjectStore.prototype.put;
afterEach(() => {
  IDBObjectStore.prototype.put = put;
});
/** Chunk writes throw as a full disk does; the small model records still fit. */
function fillDisk() {
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === 'chunks') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.apply(this, args);
  };
}

describe('write failure', () => {
  it('stays told through small writes that succeed, and clears once snapshots are kept', async () => {
    let t = NOW;
    const store = createHistoryStore(() => openHistoryDB(`write-failure-${n++}`), () => t);
    await store.record([seen('invented-org/a', 1)]);
    fillDisk();
    t += 3_600_000;
    await expect(store.record([seen('invented-org/a', 2, t)])).rejects.toThrow();
    expect(store.writeFailure()?.message).toMatch(/disk is full/);
    await store.visit('invented-org/a', 1_000);
    await store.setWatched('invented-org/a', true);
    await store.markApiFetch('invented-org/a', t);
    expect(store.writeFailure()?.message).toMatch(/disk is full/);
    IDBObjectStore.prototype.put = put;
    t += 3_600_000;
    await store.record([seen('invented-org/a', 3, t)]);
    expect(store.writeFailure()).toBeNull();
  });

  it('clears on an import that is kept', async () => {
    const store = createHistoryStore(() => openHistoryDB(`write-failure-${n++}`), () => NOW);
    fillDisk();
    await expect(store.record([seen('invented-org/b', 1)])).rejects.toThrow();
    expect(store.writeFailure()).not.toBeNull();
    IDBObjectStore.prototype.put = put;
    await store.import([{ id: 'invented-org/b', snapshots: [{ t: NOW - 1000, likes: 1, downloads: null, downloadsAllTime: null, trendingScore: null }] }] as any);
    expect(store.writeFailure()).toBeNull();
  });
});
