import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { inventedSeries } from '@/entrypoints/bench/invented-series';
import type { BackgroundContext } from '@/lib/features/protocol';
import { handlers, ROW_BATCH, start } from '@/lib/features/watch/background';
import { MAX_NOTIFIED, toNotify } from '@/lib/features/watch/notify-plan';
import { pollTick } from '@/lib/features/watch/polling';
import { createHistoryStore, type HistoryStore } from '@/lib/history-store';
import type { HubClient, HubModel } from '@/lib/hub/client';
import { RateLimiter } from '@/lib/hub/rate-limit';
import { fromPage } from '@/lib/observation';
import { loadSettings } from '@/lib/settings';
import { openHistoryDB, type HistoryDB } from '@/lib/store/history-db';
import type { Snapshot } from '@/lib/types';
import { rowsOf } from '@/lib/features/watch/rows';
import type { WatchRow } from '@/lib/features/watch/summary';

// The watch list's protections (the cap on every path, polling past damaged models, no ghost
// rows, bounded re-reads, capped notifications), each with the fault that broke it. Invented models only.

const NOW = Date.parse('2026-11-24T12:00:00Z');
const snap = (t: number, likes: number): Snapshot => ({ t, likes, downloads: likes, downloadsAllTime: null, trendingScore: null });
let n = 0;
const fresh = () => openHistoryDB(`watch-trust-${n++}`);
/** A store over a database of its own. */
async function newStore(maxWatched?: number) {
  const db = await fresh();
  return { db, store: createHistoryStore(async () => db, () => NOW, maxWatched) };
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.permissions.onAdded, 'addListener').mockImplementation(() => undefined); // not in the fake
});

function context(store: HistoryStore, hub?: Partial<HubClient>): BackgroundContext {
  return {
    store,
    hub: async () => ({ limiter: new RateLimiter(() => NOW), ...hub }) as HubClient,
    settings: loadSettings,
    features: async () => [],
    now: () => NOW,
  };
}

describe('the watch cap', () => {
  it('holds for an import: models past it are imported unwatched, and counted (the audit: 3 over a cap of 5)', async () => {
    const { store } = await newStore(5);
    await store.setWatched('invented/mine', true);
    const models = Array.from({ length: 7 }, (_, i) => ({ id: `invented/file-${i}`, watched: true, snapshots: [snap(NOW - 1000, i)] }));
    const outcome = await store.import(models);
    expect(outcome).toMatchObject({ added: 7, unwatched: 3, damaged: [] });
    expect(await store.watchedIds()).toHaveLength(5);
    // Every model of the file is there, the ones past the cap unwatched.
    expect((await store.histories(models.map((m) => m.id))).histories).toHaveLength(7);
    // The user's own click is refused as before, not starved by the import.
    expect((await store.setWatched('invented/eighth', true)).ok).toBe(false);
  });

  it('counts a model already watched, or unwatched by the file, as no new watch', async () => {
    const { store } = await newStore(2);
    await store.setWatched('invented/a', true);
    await store.setWatched('invented/b', true);
    const outcome = await store.import([
      { id: 'invented/a', watched: true, snapshots: [] },
      { id: 'invented/b', watched: false, snapshots: [] },
      { id: 'invented/c', watched: true, snapshots: [] },
    ]);
    expect(outcome.unwatched).toBe(0);
    expect([...(await store.watchedIds())].sort()).toEqual(['invented/a', 'invented/c']);
  });

  it('holds for clicks at the same moment: the count is taken inside the write queue', async () => {
    const { store } = await newStore(3);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => store.setWatched(`invented/click-${i}`, true)));
    expect(answers.filter((a) => a.ok)).toHaveLength(3);
    expect(await store.watchedIds()).toHaveLength(3);
  });
});

describe('a damaged watched model', () => {
  /** Watched models, all due; `damaged` of them have a bad record or a torn chunk of today. */
  async function setUp(db: HistoryDB, store: HistoryStore) {
    const ids = Array.from({ length: 6 }, (_, i) => `invented/poll-${i}`);
    for (const id of ids) await store.setWatched(id, true);
    await store.record(ids.map((id) => fromPage({ id, likes: 1 }, NOW - 3 * 3_600_000)));
    // A bad record, and a good record whose current chunk is torn: neither can be recorded.
    const bad = (await db.get('models', ids[0]!))!;
    await db.put('models', { ...bad, lastSeen: 'yesterday' } as never);
    const torn = (await db.get('models', ids[1]!))!;
    await db.put('chunks', new Uint8Array([200]).buffer, [torn.key, Math.floor(NOW / 86_400_000) * 86_400_000]);
    return ids;
  }

  it('does not take a slot of every tick: the healthy models are polled, each damaged one at most once a period', async () => {
    const db = await fresh();
    const store = createHistoryStore(async () => db, () => NOW);
    const ids = await setUp(db, store);
    const asked: string[] = [];
    let t = NOW;
    const getModel = vi.fn(async (id: string) => {
      asked.push(id);
      return { ok: true as const, value: { id, likes: 7, downloads: 7 } as HubModel };
    });
    const ctx = { ...context(store, { getModel }), now: () => t };
    await fakeBrowser.storage.local.set({ settings: { pollMinutes: 15 } });
    // Six models over 15 min: one a tick (ceil(6 × 1/15 × 1.5) = 1). Ten ticks.
    for (let i = 0; i < 10; i++, t += 60_000) await pollTick(ctx);
    expect(asked.filter((id) => id === ids[0])).toEqual([]); // a damaged record is not polled at all
    expect(asked.filter((id) => id === ids[1])).toHaveLength(1); // a torn chunk: tried, then waits its period
    for (const id of ids.slice(2)) expect(asked).toContain(id);
  });
});

describe('rows of unwatched models', () => {
  it('are never written: a row made while its model was unwatched is dropped inside the write (the audit’s ghost row)', async () => {
    const db = await fresh();
    const store = createHistoryStore(async () => db, () => NOW);
    const ctx = context(store);
    start!(ctx);
    await store.setWatched('invented/ghost', true);
    await store.setWatched('invented/kept', true);
    // A record of the model is running its after-record listener (reads the watched set: watched)…
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const histories = store.histories.bind(store);
    vi.spyOn(store, 'histories').mockImplementation(async (ids) => {
      const out = await histories(ids);
      await gate; // …its rows are made while the user unwatches it
      return out;
    });
    const recording = store.record([fromPage({ id: 'invented/ghost', likes: 3 }, NOW), fromPage({ id: 'invented/kept', likes: 3 }, NOW)]);
    await vi.waitFor(() => expect(store.histories).toHaveBeenCalled());
    const unwatching = store.setWatched('invented/ghost', false);
    await vi.waitFor(async () => expect(await store.watchedIds()).toEqual(['invented/kept']));
    release();
    await Promise.all([recording, unwatching]);
    const rows = (await handlers['watchlist/get'].run(undefined, ctx, { kind: 'extension' })) as readonly WatchRow[];
    expect(rows.map((r) => r.id)).toEqual(['invented/kept']);
    expect((await rowsOf(store).all()).map((r) => r.id)).toEqual(['invented/kept']);
  });

  it('are refused by the store itself: whether the model is watched is read in the write queue', async () => {
    const { store } = await newStore();
    await store.setWatched('invented/watched', true);
    await rowsOf(store).put([{ id: 'invented/watched' }, { id: 'invented/never-watched' }] as unknown as WatchRow[]);
    expect((await rowsOf(store).all()).map((r) => r.id)).toEqual(['invented/watched']);
    await store.setWatched('invented/watched', false);
    await rowsOf(store).put([{ id: 'invented/watched' }] as unknown as WatchRow[]);
    expect(await rowsOf(store).all()).toEqual([]);
  });

  it('are not shown if one is in the store (a row of an older version)', async () => {
    const { db, store } = await newStore();
    await store.setWatched('invented/kept', true);
    await store.record([fromPage({ id: 'invented/kept', likes: 3 }, NOW)]);
    await db.put('summaries', { id: 'invented/left' });
    const rows = (await handlers['watchlist/get'].run(undefined, context(store), { kind: 'extension' })) as readonly WatchRow[];
    expect(rows.map((r) => r.id)).toEqual(['invented/kept']);
  });
});

describe('re-reading the watched histories', () => {
  it('reads at most ROW_BATCH histories at once, after an import and after a settings change', async () => {
    const { store } = await newStore();
    const ctx = context(store);
    let reading = 0;
    let most = 0;
    const history = store.history.bind(store);
    vi.spyOn(store, 'history').mockImplementation(async (id) => {
      most = Math.max(most, ++reading);
      try {
        return await history(id);
      } finally {
        reading--;
      }
    });
    start!(ctx);
    const count = ROW_BATCH * 2 + 30;
    await store.import(Array.from({ length: count }, (_, i) => ({ id: `invented/batch-${i}`, watched: true, snapshots: inventedSeries(i, 2, NOW) })));
    expect((await rowsOf(store).all()).length).toBe(count);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(ROW_BATCH);
    most = 0;
    await fakeBrowser.storage.local.set({ settings: { sensitivity: 'high' } });
    await vi.waitFor(() => expect(most).toBeGreaterThan(0));
    await new Promise((r) => setTimeout(r, 200));
    expect(most).toBeLessThanOrEqual(ROW_BATCH);
  });
});

describe('notifications', () => {
  const warning = (i: number, severity: 'warn' | 'alert' = 'warn') => ({ id: `invented/n-${i}`, kind: 'like-burst', severity, evidence: `${i}` });

  it('are at most MAX_NOTIFIED a refresh, alerts first; the rest are counted once and not notified again', () => {
    const many = [...Array.from({ length: 40 }, (_, i) => warning(i)), warning(99, 'alert')];
    const plan = toNotify(many, {}, NOW);
    expect(plan.notify).toHaveLength(MAX_NOTIFIED);
    expect(plan.notify[0]!.id).toBe('invented/n-99');
    expect(plan.more).toBe(41 - MAX_NOTIFIED);
    expect(toNotify(many, plan.notified, NOW + 60_000)).toMatchObject({ notify: [], more: 0 });
  });

  it('are at most MAX_NOTIFIED and one "more" when a refresh brings 40 warnings', async () => {
    const { store } = await newStore();
    const ctx = context(store);
    await fakeBrowser.storage.local.set({ settings: { notifications: true } });
    const created: string[] = [];
    (fakeBrowser as unknown as { notifications: unknown }).notifications = {
      create: async (id: string) => void created.push(id),
      onClicked: { hasListener: () => true, addListener: () => undefined },
    };
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    start!(ctx);
    await store.import(
      Array.from({ length: 40 }, (_, i) => ({ id: `invented/burst-${i}`, watched: true, trackDownloads: true, snapshots: inventedSeries(i, 30, NOW, { campaign: true }) })),
    );
    await vi.waitFor(() => expect(created.length).toBeGreaterThan(0));
    expect(created.filter((id) => id.startsWith('hub-lens|'))).toHaveLength(MAX_NOTIFIED);
    expect(created.filter((id) => id.startsWith('hub-lens-more|'))).toHaveLength(1);
  });
});
