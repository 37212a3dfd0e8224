import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { modelPage } from '../fixtures/hub-pages';
import { inventedHistoryFile, inventedIds, inventedSnapshots } from '../fixtures/invented-hub';
import { ask, currentWorker, extensionPage, html, importHistory, json, launch, openPopup, pollNow, routeHub, screenshot, type Harness } from './harness';

// Invented trajectories ending an hour ago, marked watched.
const end = Date.now() - 3_600_000;
const picked = inventedIds().filter((id) => inventedSnapshots(id, end).length >= 15).slice(0, 12);
const watchedFile = inventedHistoryFile(picked, end, { watched: true });

let h: Harness;
let api: (route: Route, id: string) => Promise<void> | void;
const calls: string[] = [];

beforeAll(async () => {
  h = await launch();
  await routeHub(h.context, async (route, url) => {
    if (url.pathname.startsWith('/api/models/')) {
      const id = decodeURIComponent(url.pathname.slice('/api/models/'.length));
      calls.push(id);
      return api(route, id);
    }
    if (url.pathname === '/invented-org/watch-me') return html(route, modelPage({ id: 'invented-org/watch-me', likes: 42, downloads: 10, trackDownloads: true }));
    return route.fulfill({ status: 404, body: '' });
  });
  api = (route, id) => json(route, { _id: '0123456789abcdef01234567', id, likes: 7, downloads: 3, trendingScore: 1 });
  expect((await importHistory(h, watchedFile)).ok).toBe(true);
});
afterAll(() => h?.close());


describe('watch list', () => {
  it('watches from the panel and lists the model in the popup', async () => {
    const page = await h.context.newPage();
    await page.goto('https://huggingface.co/invented-org/watch-me');
    const button = page.locator('[data-hub-lens="panel"] button.watch');
    await expect.poll(() => button.textContent()).toBe('☆ Watch');
    await button.click();
    await expect.poll(() => button.textContent()).toBe('★ Watching');
    const popup = await openPopup(h);
    await expect.poll(() => popup.locator('tr[data-model="invented-org/watch-me"]').count()).toBe(1);
    await page.close();
    await popup.close();
  });

  it('sorts and filters the watched models', async () => {
    const popup = await openPopup(h);
    await popup.setViewportSize({ width: 680, height: 600 });
    const rows = popup.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(13);
    await screenshot(popup, 'popup', 'main');
    await popup.locator('thead button', { hasText: 'Likes' }).first().click();
    const likes = await popup.locator('tbody tr td:nth-of-type(1)').allTextContents();
    const values = likes.map((t) => Number(t.replace(/,/g, '').replace(/K$/, 'e3')));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await popup.locator('input[type="search"]').fill('style-lora');
    await expect.poll(() => rows.count()).toBe(picked.filter((id) => /style-lora/i.test(id)).length);
    await popup.close();
  });
});

describe('polling', () => {
  const pollUntilIdle = async () => {
    let last: any;
    for (let i = 0; i < 40; i++) {
      last = await pollNow(h);
      if (last.polled === 0) break;
    }
    return last;
  };

  it('polls every due watched model once, then calls nobody until they are due again', async () => {
    const page = await extensionPage(h);
    calls.length = 0;
    const idle = await pollUntilIdle();
    expect(idle.stoppedBy).toBeUndefined();
    // Each imported model once; the one watched from its page was fetched by that view already.
    expect([...calls].sort()).toEqual([...picked].sort());

    // Everything is fresh now: a tick calls nobody.
    calls.length = 0;
    expect((await pollNow(h)).polled).toBe(0);
    expect(calls).toEqual([]);
    await page.close();
  });

  /** Newly watched invented models, seen once a day ago, so they are due. */
  const watchNew = (ids: string[]) =>
    importHistory(h, {
      format: 'hub-lens-history',
      version: 1,
      exportedAt: new Date().toISOString(),
      models: ids.map((id) => ({ id, watched: true, snapshots: [{ t: new Date(Date.now() - 86_400_000).toISOString(), likes: 1, downloads: 1, downloadsAllTime: null, trendingScore: null }] })),
    });
  const snapshotsOf = async (page: Page, id: string) =>
    ((await ask(page, 'watchlist/get')).value as any[]).find((r) => r.id === id)?.snapshots;

  it('survives the service worker being stopped in the middle of a poll', async () => {
    const id = 'invented-poll/stopped-mid-poll';
    await watchNew([id]);
    const page = await extensionPage(h);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    api = async (route, model) => {
      if (model === id) await held;
      return json(route, { id: model, likes: 9, downloads: 2, trendingScore: 3 }).catch(() => undefined);
    };
    calls.length = 0;
    await (await currentWorker(h)).evaluate(() => chrome.alarms.create('poll-watched', { when: Date.now() }));
    await expect.poll(() => calls.includes(id)).toBe(true);
    const cdp = await h.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    release();
    // A new worker: the model is still due, is polled again, and recorded once.
    await pollUntilIdle();
    expect(await snapshotsOf(page, id)).toBe(2);
    expect(await pollUntilIdle()).toMatchObject({ polled: 0 });
    expect(await snapshotsOf(page, id)).toBe(2);
    await page.close();
  });

  it('retries a 500 later, pauses offline, and backs off on 429s without calling into the closed window', async () => {
    const page = await extensionPage(h);
    const [broken, offline, limited] = ['invented-poll/answers-500', 'invented-poll/offline', 'invented-poll/rate-limited'];

    await watchNew([broken]);
    api = (route) => route.fulfill({ status: 500, body: 'oops' });
    calls.length = 0;
    await pollUntilIdle();
    expect(calls).toEqual([broken]);
    expect(await snapshotsOf(page, broken)).toBe(1);

    await watchNew([offline]);
    api = (route) => route.abort('internetdisconnected');
    calls.length = 0;
    expect((await pollNow(h))).toMatchObject({ polled: 0, stoppedBy: 'offline' });
    // Back online: the model was not marked as polled, so it is polled now.
    api = (route, model) => json(route, { id: model, likes: 2, downloads: 1, trendingScore: 0 });
    await pollUntilIdle();
    expect(await snapshotsOf(page, offline)).toBe(2);

    await watchNew([limited]);
    api = (route) => route.fulfill({ status: 429, body: '', headers: { RateLimit: '"api";r=0;t=240', 'RateLimit-Policy': '"fixed window";"api";q=500;w=300' } });
    calls.length = 0;
    expect((await pollNow(h))).toMatchObject({ stoppedBy: 'rate-limited' });
    expect(calls).toEqual([limited]);
    calls.length = 0;
    for (let i = 0; i < 3; i++) expect((await pollNow(h))).toMatchObject({ polled: 0, stoppedBy: 'rate-limited' });
    expect(calls).toEqual([]);
    await page.close();
  });
});
