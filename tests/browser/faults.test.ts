import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { listPage, modelPage } from '@/tests/fixtures/hub-pages';
import { inventedHistoryFile, inventedIds, inventedSnapshots } from '@/tests/fixtures/invented-hub';
import { ask, currentWorker, extensionPage, html, importHistory, json, launch, openHub, openPopup, pollNow, routeHub, screenshot, statOf, type Harness } from './harness';

// Issue 13 in a real browser: a damaged record, cleared alarms, a stalled answer and a full
// disk each leave the rest of Hub Lens working.

const end = Date.now() - 3_600_000;
const ids = inventedIds().filter((id) => inventedSnapshots(id, end).length >= 15).slice(0, 8);
const [brokenChunk, keyless, healthy, other] = ids as [string, string, string, string];

let h: Harness;
let pageLikes = 42;
/** How the API answers one model (a test may hold an answer back). */
let api: (route: Route, id: string) => Promise<void> | void;
const calls: string[] = [];
const answer = (route: Route, id: string) =>
  json(route, { _id: '0123456789abcdef01234567', id, likes: pageLikes, downloads: 10, trendingScore: 1234 }).catch(() => undefined);

beforeAll(async () => {
  h = await launch();
  await routeHub(h.context, async (route, url) => {
    if (url.pathname.startsWith('/api/models/')) {
      const id = decodeURIComponent(url.pathname.slice('/api/models/'.length));
      calls.push(id);
      return api(route, id);
    }
    if (url.pathname === '/api/models') return json(route, []);
    if (url.pathname === '/models') return html(route, listPage(ids.map((id) => ({ id, likes: 10, downloads: 20 }))));
    const id = url.pathname.slice(1);
    return html(route, modelPage({ id, likes: pageLikes, downloads: 10, trackDownloads: true }));
  });
  api = answer;
  expect((await importHistory(h, inventedHistoryFile(ids, end, { watched: true }))).ok).toBe(true);
});
afterAll(() => h?.close());

const open = (path: string) => openHub(h, path);
const stat = statOf;

async function options(): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/options.html`);
  await page.locator('[data-stats]').filter({ hasNotText: 'Reading' }).waitFor();
  return page;
}

/** Damage the database the way a crash or a bad disk might: extension pages share the background's origin. */
const damage = (page: Page, id: string, how: 'truncate-chunk' | 'drop-key') =>
  page.evaluate(
    async ([id, how]) => {
      const req = <T,>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
      const db = await req(indexedDB.open('hub-lens'));
      const tx = db.transaction(['models', 'chunks'], 'readwrite');
      const record: any = await req(tx.objectStore('models').get(id));
      if (how === 'truncate-chunk') {
        const keys = await req(tx.objectStore('chunks').getAllKeys(IDBKeyRange.bound([record.key, -Infinity], [record.key, Infinity])));
        const last = keys[keys.length - 1]!;
        const buf: ArrayBuffer = await req(tx.objectStore('chunks').get(last));
        await req(tx.objectStore('chunks').put(buf.slice(0, Math.floor(buf.byteLength / 2)), last));
      } else {
        const { key: _key, ...rest } = record;
        await req(tx.objectStore('models').put(rest));
      }
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    },
    [id, how] as const,
  );

describe('a damaged record', () => {
  it('leaves panels, badges, popup and export working, and the options page offers to drop it', async () => {
    const ext = await extensionPage(h);
    await damage(ext, brokenChunk, 'truncate-chunk');
    await damage(ext, keyless, 'drop-key');

    // A healthy model's panel gets its history and its API numbers.
    const { page: good, errors } = await open(`/${healthy}`);
    await expect.poll(() => stat(good, 'Trending score').textContent()).toBe('1,234');
    expect(await stat(good, 'Likes').textContent()).toBe('42');
    // A damaged model's panel still shows what its page says.
    for (const id of [brokenChunk, keyless]) {
      const { page, errors: pageErrors } = await open(`/${id}`);
      await expect.poll(() => stat(page, 'Likes').textContent()).toBe('42');
      expect(pageErrors).toEqual([]);
      await page.close();
    }

    // The list: every other card gets its badge.
    const { page: list } = await open('/models?sort=likes');
    const badge = (id: string) => list.locator(`article:has(a[href="/${id}"]) [data-hub-lens="badges"]`);
    await expect.poll(() => list.locator('[data-hub-lens="badges"]').count()).toBeGreaterThanOrEqual(ids.length - 2);
    for (const id of ids.slice(2)) expect(await badge(id).count(), id).toBe(1);

    // The popup lists the watched models.
    const popup = await openPopup(h);
    await expect.poll(() => popup.locator(`tr[data-model="${healthy}"]`).count()).toBe(1);
    expect(await popup.locator(`tr[data-model="${other}"]`).count()).toBe(1);

    // The export leaves the damaged models out and counts them; the stats name them.
    const opts = await options();
    await expect.poll(() => opts.locator('[data-damaged]').textContent()).toMatch(/^2 models could not be read/);
    const [download] = await Promise.all([opts.waitForEvent('download'), opts.getByRole('button', { name: 'Export JSON' }).click()]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(exported.models.map((m: any) => m.id).sort()).toEqual(ids.slice(2).sort());
    expect(await opts.locator('[data-import-message]').textContent()).toMatch(/could not be read and were left out/);
    await screenshot(opts, 'options-damaged', 'main');

    // Dropping keeps every readable part: the truncated model keeps its other chunks, the keyless record goes.
    await opts.getByRole('button', { name: 'Drop the unreadable parts' }).click();
    await expect.poll(() => opts.locator('[data-import-message]').textContent()).toMatch(/^Dropped the unreadable parts of 2 models/);
    await expect.poll(() => opts.locator('[data-damaged]').count()).toBe(0);
    expect((await ask(ext, 'history/stats')).value).toMatchObject({ models: ids.length - 1, damaged: 0 });
    expect(errors).toEqual([]);
    for (const p of [good, list, popup, opts, ext]) await p.close();
  });
});

describe('a relaunch after the alarms were cleared', () => {
  it('makes sure of both alarms again and polls a due watched model', async () => {
    const due = 'invented-poll/due-after-relaunch';
    await importHistory(h, {
      format: 'hub-lens-history',
      version: 1,
      exportedAt: new Date().toISOString(),
      models: [{ id: due, watched: true, snapshots: [{ t: new Date(Date.now() - 86_400_000).toISOString(), likes: 1, downloads: 1, downloadsAllTime: null, trendingScore: null }] }],
    });
    const ext = await extensionPage(h);
    const names = async () => ((await (await currentWorker(h)).evaluate(() => chrome.alarms.getAll())) as { name: string }[]).map((a) => a.name).sort();
    await (await currentWorker(h)).evaluate(() => chrome.alarms.clearAll());
    expect(await names()).toEqual([]);
    const cdp = await h.context.newCDPSession(ext);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await ext.close();
    // Any extension page wakes the worker.
    const woken = await extensionPage(h);
    await expect.poll(names).toEqual(['compact-history', 'poll-watched']);
    calls.length = 0;
    for (let i = 0; i < 10 && !calls.includes(due); i++) await pollNow(h);
    expect(calls).toContain(due);
    await woken.close();
  });
});

describe('a stalled API answer', () => {
  it('holds neither another model’s panel nor the badges, and the stalled panel shows its page', async () => {
    const [stalled, fine] = ['invented-stall/never-answers', 'invented-stall/answers-at-once'];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    api = async (route, id) => {
      if (id === stalled) {
        await held;
        return route.abort('timedout').catch(() => undefined);
      }
      return answer(route, id);
    };
    try {
      const { page: a } = await open(`/${stalled}`);
      await expect.poll(() => calls.includes(stalled)).toBe(true);
      expect(await stat(a, 'Likes').textContent()).toBe('42');
      const { page: b } = await open(`/${fine}`);
      await expect.poll(() => stat(b, 'Trending score').textContent(), { timeout: 5_000 }).toBe('1,234');
      const { page: list } = await open('/models?sort=likes');
      const badge = (id: string) => list.locator(`article:has(a[href="/${id}"]) [data-hub-lens="badges"]`);
      for (const id of ids.slice(2)) await expect.poll(() => badge(id).count(), { timeout: 5_000 }).toBe(1);
      // All of it while the stalled call is still waiting: not yet abandoned at its time limit.
      const notes = () => a.locator('[data-hub-lens="panel"] .note').allTextContents();
      expect((await notes()).join(' ')).not.toMatch(/no answer in time/i);
      expect(calls.filter((id) => id === stalled)).toHaveLength(1);
      // The stalled panel still shows the page's numbers, and says so once the call is abandoned.
      expect(await stat(a, 'Likes').textContent()).toBe('42');
      await expect.poll(async () => (await notes()).join(' '), { timeout: 20_000 }).toMatch(/no answer in time/i);
      expect(await stat(a, 'Likes').textContent()).toBe('42');
      for (const p of [a, b, list]) await p.close();
    } finally {
      release();
      api = answer;
    }
  });
});

// Last: the failed writes pause polling for half an hour in this profile.
describe('a full disk', () => {
  it('is told in the panel and the options page, and polling waits instead of fetching again', async () => {
    const due = 'invented-poll/due-on-full-disk';
    await importHistory(h, {
      format: 'hub-lens-history',
      version: 1,
      exportedAt: new Date().toISOString(),
      models: [{ id: due, watched: true, snapshots: [{ t: new Date(Date.now() - 86_400_000).toISOString(), likes: 1, downloads: 1, downloadsAllTime: null, trendingScore: null }] }],
    });
    await (await currentWorker(h)).evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: any[]) {
        if (this.name === 'chunks') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args as any);
      } as any;
    });
    // Make the model due again (its last poll a day ago).
    await (await currentWorker(h)).evaluate(async (due) => {
      const req = <T,>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
      const db = await req(indexedDB.open('hub-lens'));
      const store = db.transaction('models', 'readwrite').objectStore('models');
      const record: any = await req(store.get(due));
      await req(store.put({ ...record, lastApiFetch: Date.now() - 86_400_000 }));
      db.close();
    }, due);

    // The Hub says something new, so there are snapshots to keep.
    pageLikes = 43;
    const { page } = await open(`/${healthy}`);
    await expect.poll(() => page.locator('[data-note="write-failure"]').count()).toBe(1);
    // What the page says now, not the last number the history could keep.
    expect(await stat(page, 'Likes').textContent()).toBe('43');
    await screenshot(page, 'panel-write-failure');
    // Also for a model seen for the first time, which has no history to show.
    const { page: first } = await open('/invented-disk/first-seen-on-a-full-disk');
    await expect.poll(() => first.locator('[data-note="write-failure"]').count()).toBe(1);
    expect(await stat(first, 'Likes').textContent()).toBe('43');
    await screenshot(first, 'panel-write-failure-first-view');
    await first.close();
    const opts = await options();
    expect(await opts.locator('[data-write-failure]').textContent()).toMatch(/disk is full/);

    // The first model polled cannot be kept: the tick stops there.
    calls.length = 0;
    expect(await pollNow(h)).toMatchObject({ polled: 0, stoppedBy: 'write-failed' });
    expect(calls).toHaveLength(1);
    calls.length = 0;
    expect(await pollNow(h)).toMatchObject({ polled: 0, stoppedBy: 'write-failed' });
    expect(calls).toEqual([]);
    await page.close();
    await opts.close();
  });
});
