import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { listPage, type CardModel } from '@/tests/fixtures/hub-pages';
import { inventedHistoryFile, inventedIds, inventedList, inventedSnapshots, NIMBUS } from '@/tests/fixtures/invented-hub';
import { html, importHistory, json, launch, openHub, routeHub, screenshot, type Harness } from './harness';

// The invented Hub's trending list (50 models, with trendingScore).
const list50 = inventedList();

let h: Harness;
let apiCalls: URL[];
let listAnswer: () => { status: number; body: unknown };
let pages: Record<string, string>;
let messages: number;

beforeAll(async () => {
  h = await launch();
  await routeHub(h.context, async (route, url) => {
    if (url.pathname === '/api/models') {
      apiCalls.push(url);
      const a = listAnswer();
      return json(route, a.body, a.status);
    }
    const page = pages[url.pathname + url.search] ?? pages[url.pathname];
    return page ? html(route, page) : route.fulfill({ status: 404, body: 'not found' });
  });
  // Count the content script's messages to the background from the worker's side.
  await h.worker.evaluate(() => {
    (globalThis as any).__listMessages = 0;
    chrome.runtime.onMessage.addListener((m: any) => {
      if (m?.type === 'list/view' && m.input?.query === null) (globalThis as any).__listMessages++;
    });
  });
});
afterAll(() => h?.close());

beforeEach(async () => {
  apiCalls = [];
  listAnswer = () => ({ status: 200, body: list50 });
  pages = {};
  messages = await h.worker.evaluate(() => (globalThis as any).__listMessages as number);
});

const cards = (models: { id: string; likes?: number; downloads?: number; pipeline_tag?: string }[]): CardModel[] =>
  models.map((m) => ({ id: m.id, likes: m.likes, downloads: m.downloads, pipeline_tag: m.pipeline_tag }));
const badges = (page: Page) => page.locator('[data-hub-lens="badges"]');
const badgeOf = (page: Page, id: string) => page.locator(`article:has(a[href="/${id}"]) [data-hub-lens="badges"] .badge`);
const listMessages = async () => (await h.worker.evaluate(() => (globalThis as any).__listMessages as number)) - messages;

const open = (path: string) => openHub(h, path);

describe('list badges', () => {
  it('badges every card of the trending list with at most two requests', async () => {
    pages['/models'] = listPage(cards(list50), { title: 'Models (trending)' });
    const heightsBefore: number[] = [];
    const { page, errors } = await open('/models?sort=trending');
    heightsBefore.push(...(await page.locator('article').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))));
    await expect.poll(() => badges(page).count()).toBe(50);
    expect(apiCalls).toHaveLength(1);
    expect(apiCalls[0]!.searchParams.get('sort')).toBe('trendingScore');
    expect(apiCalls[0]!.searchParams.getAll('expand[]')).toContain('trendingScore');
    // History asks: the cards on screen, the screen ahead, then those the list call recorded (the query goes beside the first).
    expect(await listMessages()).toBeLessThanOrEqual(4);
    // No history yet: the rate is the trending score over 7 days, marked as an estimate.
    const nimbus = list50.find((m) => m.id === NIMBUS)!;
    expect(await badgeOf(page, nimbus.id).locator('.badge-rate').textContent()).toBe(`≈${Math.round(nimbus.trendingScore / 7)}/d`);
    expect(await badgeOf(page, nimbus.id).getAttribute('title')).toMatch(/^about \d+ likes a day over the last 7 days, estimated from the 7-day trending score/);
    // The cards did not change size.
    const heightsAfter = await page.locator('article').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(heightsAfter).toEqual(heightsBefore);
    expect(errors).toEqual([]);
    await screenshot(page, 'list-light', '#cards');
    await page.close();
  });

  it('uses the recorded history where there is one, and repeats an org page query by author', async () => {
    // Invented trajectories ending an hour ago.
    const end = Date.now() - 3_600_000;
    const ids = inventedIds().filter((id) => inventedSnapshots(id, end).length >= 20).slice(0, 12);
    const file = inventedHistoryFile(ids, end);
    const models = file.models;
    expect((await importHistory(h, file)).ok).toBe(true);
    listAnswer = () => ({ status: 200, body: [] });
    pages['/invented-lab'] = listPage(cards(models), { title: 'An organisation page' });
    const { page } = await open('/invented-lab');
    await expect.poll(() => badges(page).count()).toBe(12);
    expect(apiCalls[0]!.searchParams.get('author')).toBe('invented-lab');
    const titles = await page.locator('[data-hub-lens="badges"] .badge').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    expect(titles.filter((t) => /over the last (24 h|7 days)/.test(t)).length).toBeGreaterThan(0);
    for (const t of titles) expect(t).toMatch(/Hub Lens history: \d+ snapshots/);
    await page.close();
  });

  it('badges cards that a same-document navigation swaps in, and skips a card the API does not know', async () => {
    const first = list50.slice(0, 10);
    const second = [...list50.slice(10, 20), { id: 'invented-org/not-on-the-hub', likes: 3, downloads: 0 }];
    pages['/models'] = listPage(cards(first));
    const { page, errors } = await open('/models?pipeline_tag=text-generation');
    await expect.poll(() => badges(page).count()).toBe(10);
    listAnswer = () => ({ status: 200, body: list50.slice(10, 20) });
    await page.evaluate((next) => {
      history.pushState({}, '', '/models?pipeline_tag=text-generation&p=1');
      document.getElementById('cards')!.innerHTML = next;
    }, second.map((m) => listPage(cards([m])).match(/<article[\s\S]*<\/article>/)![0]).join(''));
    await expect.poll(() => badges(page).count()).toBe(10);
    expect(await page.locator('article:has(a[href="/invented-org/not-on-the-hub"]) [data-hub-lens]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('watches a model from its badge without opening it', async () => {
    pages['/models'] = listPage(cards(list50.slice(0, 6)));
    const { page } = await open('/models?sort=likes&search=watch');
    const id = list50[2]!.id;
    const star = badgeOf(page, id).locator('button.badge-watch');
    await expect.poll(() => star.textContent()).toBe('☆');
    await star.click();
    await expect.poll(() => star.textContent()).toBe('★');
    expect(new URL(page.url()).pathname).toBe('/models');
    const popup = await h.context.newPage();
    await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);
    await expect.poll(() => popup.locator(`tr[data-model="${id}"]`).count()).toBe(1);
    await popup.close();
    await page.close();
  });

  it('badges every card the history knows while the list call hangs, also cards scrolled to later', async () => {
    const end = Date.now() - 3_600_000;
    const ids = inventedIds().slice(0, 40);
    expect((await importHistory(h, inventedHistoryFile(ids, end))).ok).toBe(true);
    let answer!: () => void;
    const stalled = new Promise<void>((r) => (answer = r));
    listAnswer = () => ({ status: 200, body: [] });
    const isList = (u: URL) => u.hostname === 'huggingface.co' && u.pathname === '/api/models';
    await h.context.route(isList, async (route) => {
      apiCalls.push(new URL(route.request().url()));
      await stalled; // the Hub does not answer the list call (until the test ends)
      await route.fulfill({ status: 200, contentType: 'application/json', body: '[]' }).catch(() => undefined);
    });
    try {
      pages['/models'] = listPage(cards(ids.map((id) => ({ id }))), { title: 'A stalled list' });
      const { page, errors } = await open('/models?sort=likes&search=stalled');
      await expect.poll(() => page.locator('article').first().locator('[data-hub-lens="badges"]').count(), { timeout: 5_000 }).toBe(1);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expect.poll(() => badges(page).count(), { timeout: 5_000 }).toBe(40);
      expect(apiCalls.filter((u) => u.pathname === '/api/models')).toHaveLength(1); // still hanging
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      answer();
      await h.context.unroute(isList);
    }
  });

  it('handles a list of 100 cards and a failing list API', async () => {
    listAnswer = () => ({ status: 500, body: { error: 'oops' } });
    const hundred = Array.from({ length: 100 }, (_, i) => ({ ...list50[i % 50], id: i < 50 ? list50[i]!.id : `invented-org/copy-${i}` }));
    pages['/models'] = listPage(cards(hundred), { dark: true });
    const { page, errors } = await open('/models?sort=likes');
    // Models seen in the earlier tests have history; the invented ones have none and get no badge.
    await expect.poll(() => badges(page).count()).toBe(50);
    expect(errors).toEqual([]);
    await screenshot(page, 'list-dark', '#cards');
    await page.close();
  });
});
