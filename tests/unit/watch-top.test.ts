import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { inventedSeries } from '@/entrypoints/bench/invented-series';
import type { BackgroundContext } from '@/lib/features/protocol';
import { handlers, MAX_TOP, start } from '@/lib/features/watch/background';
import { FIRST_ROWS, FIRST_SCREEN_KEY, topRows, visibleRows } from '@/lib/features/watch/row-order';
import type { WatchRow } from '@/lib/features/watch/summary';
import { createHistoryStore } from '@/lib/history-store';
import { loadSettings } from '@/lib/settings';
import { openHistoryDB } from '@/lib/store/history-db';
import { rowsOf } from '@/lib/features/watch/rows';

// The popup's first screen (watchlist/top): the first rows of the very list that replaces them.
// Invented models only.

const NOW = Date.parse('2026-11-24T12:00:00Z');

const row = (id: string, likesPerDay24h: number | null, severity: WatchRow['severity'] = null): WatchRow => ({
  id,
  likes: 10,
  downloads: 10,
  likesPerDay24h,
  likesPerDay7d: null,
  likesPerDay30d: null,
  estimated7d: false,
  spark: { from: 0, minutes: [], likes: [] },
  severity,
  warnings: [],
  snapshots: 1,
  at: NOW,
});

describe('the top rows', () => {
  it('are the most likes a day first, ties in the order they came in, nulls last', () => {
    const rows = [row('a/none', null), row('a/two', 2), row('a/tie-1', 5), row('a/none-2', null), row('a/tie-2', 5), row('a/nine', 9), row('a/neg', -1)];
    expect(topRows(rows, 7).map((r) => r.id)).toEqual(['a/nine', 'a/tie-1', 'a/tie-2', 'a/two', 'a/neg', 'a/none', 'a/none-2']);
    expect(topRows(rows, 3).map((r) => r.id)).toEqual(['a/nine', 'a/tie-1', 'a/tie-2']);
  });

  it('are all of them when fewer than asked, and none of none', () => {
    expect(topRows([row('a/one', 1), row('a/two', 2)], 24).map((r) => r.id)).toEqual(['a/two', 'a/one']);
    expect(topRows([], 24)).toEqual([]);
  });

  it('are the first rows of the whole list as the popup orders it, whatever the rows', () => {
    const rate = fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }); // few values: many ties and nulls
    const rows = fc.array(rate, { maxLength: 60 }).map((rates) => rates.map((r, i) => row(`a/m${i}`, r)));
    fc.assert(
      fc.property(rows, fc.integer({ min: 1, max: 80 }), (rs, count) => {
        const top = topRows(rs, count);
        const whole = visibleRows(rs, '', 'likesPerDay24h', true);
        expect(top).toEqual(whole.slice(0, count));
        expect(top).toHaveLength(Math.min(count, rs.length));
        // Nothing left out beats a row taken; a null is taken only when every number was.
        const left = rs.filter((r) => !top.includes(r));
        const lowest = top.at(-1)?.likesPerDay24h;
        if (lowest !== undefined && lowest !== null) expect(left.every((r) => r.likesPerDay24h === null || r.likesPerDay24h <= lowest)).toBe(true);
        if (top.some((r) => r.likesPerDay24h === null)) expect(left.every((r) => r.likesPerDay24h === null)).toBe(true);
      }),
    );
  });

  it('are as many as the popup renders first, and popup-early.js reads them where they are kept, or asks for that many', () => {
    expect(FIRST_ROWS).toBe(17);
    const early = readFileSync(new URL('../../public/popup-early.js', import.meta.url), 'utf8');
    expect(early).toContain(`{ type: 'watchlist/top', input: { count: ${FIRST_ROWS} } }`);
    expect(early).toContain(`const key = '${FIRST_SCREEN_KEY}';`);
  });
});

describe('watchlist/top', () => {
  const top = handlers['watchlist/top'];
  const get = handlers['watchlist/get'];
  const extension = { kind: 'extension' as const };
  let n = 0;
  beforeEach(() => fakeBrowser.reset());

  async function context(): Promise<BackgroundContext> {
    const db = await openHistoryDB(`watch-top-${n++}`);
    const store = createHistoryStore(async () => db, () => NOW);
    return { store, hub: () => Promise.reject(new Error('no Hub in these tests')), settings: loadSettings, features: async () => [], now: () => NOW };
  }

  /** Watched invented models of 30 days hourly, imported (so they have no row yet); every tenth bought likes. */
  async function watch(ctx: BackgroundContext, count: number) {
    const models = Array.from({ length: count }, (_, i) => ({
      id: `invented-top/m${String(i).padStart(2, '0')}`,
      watched: true,
      trackDownloads: true,
      snapshots: inventedSeries(i, 30, NOW, { campaign: i % 10 === 0 }),
    }));
    await ctx.store.import(models);
    return models.map((m) => m.id);
  }

  it('takes a count of 1 to 200 only', () => {
    expect(MAX_TOP).toBe(200);
    for (const count of [1, FIRST_ROWS, 200]) expect(top.input.safeParse({ count }).success).toBe(true);
    for (const input of [{ count: 0 }, { count: 201 }, { count: 2.5 }, { count: '24' }, {}, undefined]) expect(top.input.safeParse(input).success).toBe(false);
    expect(top.from).toEqual(['extension']);
  });

  it('answers the first rows of the whole list and how many there are, making rows missing first', async () => {
    const ctx = await context();
    const ids = await watch(ctx, 30);
    expect(await rowsOf(ctx.store).all()).toEqual([]);
    const first = await top.run({ count: FIRST_ROWS }, ctx, extension);
    expect(first.total).toBe(30);
    expect(first.rows).toHaveLength(FIRST_ROWS);
    const whole = await get.run(undefined, ctx, extension);
    expect([...whole.map((r) => r.id)].sort()).toEqual(ids);
    expect(first.rows).toEqual(visibleRows(whole, '', 'likesPerDay24h', true).slice(0, FIRST_ROWS));
    expect(await top.run({ count: 200 }, ctx, extension)).toMatchObject({ total: 30, rows: { length: 30 } });
  });

  it('answers no rows of none', async () => {
    expect(await top.run({ count: FIRST_ROWS }, await context(), extension)).toEqual({ rows: [], total: 0 });
  });

  it('shows no warning while warnings are off, and shows a switch at once', async () => {
    const ctx = await context();
    vi.spyOn(fakeBrowser.permissions.onAdded, 'addListener').mockImplementation(() => undefined); // not in the fake
    start!(ctx);
    await fakeBrowser.storage.local.set({ settings: { warnings: false } });
    await watch(ctx, 30);
    const severities = async () => (await top.run({ count: 200 }, ctx, extension)).rows.flatMap((r) => (r.severity || r.warnings.length ? [r.id] : []));
    expect(await severities()).toEqual([]);
    // Turned on: every row is made again, and the kept rows with them.
    await fakeBrowser.storage.local.set({ settings: { warnings: true } });
    await expect.poll(severities).toContain('invented-top/m00');
    expect((await severities()).every((id) => ['invented-top/m00', 'invented-top/m10', 'invented-top/m20'].includes(id))).toBe(true);
    await fakeBrowser.storage.local.set({ settings: { warnings: false } });
    await expect.poll(severities).toEqual([]);
  });
});

describe('the first screen kept for the popup', () => {
  const top = handlers['watchlist/top'];
  const extension = { kind: 'extension' as const };
  let n = 0;
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.permissions.onAdded, 'addListener').mockImplementation(() => undefined); // not in the fake
  });

  async function context(): Promise<BackgroundContext> {
    const db = await openHistoryDB(`watch-screen-${n++}`);
    const store = createHistoryStore(async () => db, () => NOW);
    return { store, hub: () => Promise.reject(new Error('no Hub in these tests')), settings: loadSettings, features: async () => [], now: () => NOW };
  }
  const watch = (ctx: BackgroundContext, count: number, from = 0) =>
    ctx.store.import(
      Array.from({ length: count }, (_, i) => ({
        id: `invented-screen/m${String(from + i).padStart(2, '0')}`,
        watched: true,
        trackDownloads: true,
        snapshots: inventedSeries(from + i, 30, NOW, { campaign: i % 10 === 0 }),
      })),
    );
  const kept = async () => (await fakeBrowser.storage.session.get(FIRST_SCREEN_KEY))[FIRST_SCREEN_KEY] as unknown;
  const answer = (ctx: BackgroundContext) => top.run({ count: FIRST_ROWS }, ctx, extension);

  it('is what watchlist/top answers, after every write to the rows: an import, unwatching, a clear', async () => {
    const ctx = await context();
    start!(ctx);
    await watch(ctx, 30);
    await expect.poll(kept).toEqual(await answer(ctx));
    expect((await answer(ctx)).rows).toHaveLength(FIRST_ROWS);

    const leader = (await answer(ctx)).rows[0]!.id;
    await ctx.store.setWatched(leader, false);
    await expect.poll(async () => JSON.stringify(await kept())).toBe(JSON.stringify(await answer(ctx)));
    expect(JSON.stringify(await kept())).not.toContain(`"${leader}"`);
    expect(await kept()).toMatchObject({ total: 29 });

    await ctx.store.clear();
    await expect.poll(kept).toEqual({ rows: [], total: 0 });
  });

  it('is kept when the worker starts: a browser that restarted has none', async () => {
    const ctx = await context();
    await watch(ctx, 20);
    const expected = await answer(ctx); // makes the rows, while nothing listens to publish them
    expect(await kept()).toBeUndefined();
    start!(ctx);
    await expect.poll(kept).toEqual(expected);
  });

  it('is removed when it cannot be kept again, so the popup asks rather than show stale rows', async () => {
    const ctx = await context();
    start!(ctx);
    await watch(ctx, 20);
    await expect.poll(kept).toMatchObject({ total: 20 });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(fakeBrowser.storage.session, 'set').mockRejectedValue(new Error('Session storage quota bytes exceeded.'));
    await watch(ctx, 5, 20);
    await expect.poll(kept).toBeUndefined();
  });
});
