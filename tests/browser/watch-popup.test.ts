import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { modelPage } from '@/tests/fixtures/hub-pages';
import { inventedHistoryFile, inventedIds, inventedSnapshots } from '@/tests/fixtures/invented-hub';
import { FIRST_ROWS, OVERSCAN, ROW_HEIGHT, VIEW_ROWS, visibleRows } from '@/lib/features/watch/row-order';
import type { WatchRow } from '@/lib/features/watch/summary';
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

describe('a popup with more watched models than its first screen', () => {
  // 60 invented models, their likes a day not in their names' order, a few with no rate at all.
  const ids = Array.from({ length: 60 }, (_, i) => `invented-popup/model-${String(i).padStart(2, '0')}`);
  const now = Date.now() - 60_000;
  const file = {
    format: 'hub-lens-history',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    models: ids.map((id, i) => ({
      id,
      watched: true,
      snapshots: Array.from({ length: i % 9 === 4 ? 1 : 27 }, (_, k) => ({
        t: new Date(now - (26 - k) * 3_600_000).toISOString(),
        likes: 100 + Math.round((((i * 37) % 61) * k) / 24),
        downloads: 1000,
        downloadsAllTime: null,
        trendingScore: null,
      })),
    })),
  };
  let p: Harness;
  beforeAll(async () => {
    p = await launch();
    expect((await importHistory(p, file)).ok).toBe(true);
  });
  afterAll(() => p?.close());

  it('shows the top rows first, with its background asleep, then sorts, filters and scrolls the whole list', async () => {
    const ext = await extensionPage(p);
    const whole = (await ask(ext, 'watchlist/get')).value as WatchRow[];
    expect(whole).toHaveLength(60);
    const byRate = visibleRows(whole, '', 'likesPerDay24h', true).map((r) => r.id);
    const firstAnswer = byRate.slice(0, FIRST_ROWS);
    // Asleep, as after 30 s idle: the first rows are read where the background kept them.
    const cdp = await p.context.newCDPSession(ext);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');

    const popup = await p.context.newPage();
    // What the popup asks the background, and what it shows when it marks its first rows as
    // rendered (the whole list is asked for just after).
    await popup.addInitScript(() => {
      const send = chrome.runtime.sendMessage.bind(chrome.runtime);
      (window as any).sent = [];
      chrome.runtime.sendMessage = ((message: { type: string }) => ((window as any).sent.push(message.type), send(message))) as never;
      const mark = performance.mark.bind(performance);
      performance.mark = ((name: string, options?: PerformanceMarkOptions) => {
        if (name === 'hub-lens:rows-rendered') {
          (window as any).firstScreen = {
            ids: [...document.querySelectorAll('tbody tr[data-model]')].map((tr) => tr.getAttribute('data-model')),
            filterDisabled: (document.querySelector('input[type="search"]') as HTMLInputElement).disabled,
            sortDisabled: [...document.querySelectorAll('thead button')].every((b) => (b as HTMLButtonElement).disabled),
            scrollHeight: document.querySelector('.scroller')!.scrollHeight,
            sent: [...(window as any).sent],
          };
        }
        return mark(name, options);
      }) as typeof performance.mark;
    });
    await popup.goto(`chrome-extension://${p.extensionId}/popup.html`);
    await popup.waitForFunction(() => (window as any).firstScreen);
    const first = await popup.evaluate(() => (window as any).firstScreen);
    expect(first.ids).toEqual(firstAnswer);
    expect(first.filterDisabled).toBe(true);
    expect(first.sortDisabled).toBe(true);
    expect(first.scrollHeight).toBeGreaterThanOrEqual(60 * ROW_HEIGHT);
    expect(first.sent).toEqual([]);

    const shown = () => popup.locator('tbody tr[data-model]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-model')));
    const search = popup.locator('input[type="search"]');
    await expect.poll(() => search.isEnabled()).toBe(true);
    expect(await search.getAttribute('placeholder')).toBe('Filter 60 watched models');

    // Sorted by name: the first rows now are mostly models the first answer did not hold.
    await popup.locator('thead button', { hasText: 'Model' }).click();
    await expect.poll(shown).toEqual([...ids].sort().slice(0, VIEW_ROWS + OVERSCAN));
    expect((await shown()).filter((id) => !firstAnswer.includes(id!)).length).toBeGreaterThan(0);

    // Filtered to a model that was not in the first answer.
    const later = byRate.at(-1)!;
    expect(firstAnswer).not.toContain(later);
    await search.fill(later.split('/')[1]!);
    await expect.poll(shown).toEqual([later]);

    // Back to the opening order, scrolled to the end: the last rows are there too.
    await search.fill('');
    await popup.locator('thead button', { hasText: 'Model' }).click(); // name, descending
    await popup.locator('thead button', { hasText: '/day 24 h' }).click();
    await expect.poll(async () => (await shown())[0]).toBe(byRate[0]);
    await popup.locator('.scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(async () => (await shown()).at(-1)).toBe(later);
    expect(await popup.evaluate(() => (window as any).sent)).toEqual(['watchlist/seen', 'watchlist/get']);
    await popup.close();
    await ext.close();
  });
});
