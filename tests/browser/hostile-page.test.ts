import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page, Request, Route } from 'playwright-core';
import { headerProps, listPage, modelPage, type CardModel } from '@/tests/fixtures/hub-pages';
import { ask, extensionPage, html, importHistory, json, launch, openHub, routeHub, type Harness } from './harness';

// What a page (or an answer) can make Hub Lens do: request nothing outside the models API,
// watch nothing without a real click, and stay bounded on a list of thousands of cards.

const HOSTILE = 'x/../../whoami-v2';
const t0 = Date.now() - 2 * 86_400_000;

/** Invented models with two snapshots each, so every card has a badge to show. */
const invented = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `invented-long/${prefix}-${i}`,
    snapshots: [0, 1].map((d) => ({ t: new Date(t0 + d * 86_400_000).toISOString(), likes: 10 + i + d * 5, downloads: 100 * i, downloadsAllTime: null, trendingScore: null })),
  }));
const LONG = invented('card', 2_000);
const cards = (models: { id: string }[]): CardModel[] => models.map((m, i) => ({ id: m.id, likes: 10 + i, downloads: 100 * i }));

let h: Harness;
/** Every huggingface.co URL the browser asked for (pages, API, anything). */
let requests: URL[];
let pages: Record<string, string>;
let api: (route: Route, url: URL) => Promise<void> | void;

beforeAll(async () => {
  h = await launch();
  requests = [];
  await routeHub(h.context, async (route, url) => {
    requests.push(url);
    if (url.pathname.startsWith('/api/')) return api(route, url);
    const page = pages[url.pathname + url.search] ?? pages[url.pathname];
    return page ? html(route, page) : route.fulfill({ status: 404, body: 'not found' });
  });
  const file = { format: 'hub-lens-history', version: 1, exportedAt: new Date().toISOString(), models: LONG };
  expect((await importHistory(h, file)).ok).toBe(true);
  // Count what the content scripts send, from the worker's side.
  await h.worker.evaluate(() => {
    const g = globalThis as any;
    g.__listViews = [];
    chrome.runtime.onMessage.addListener((m: any) => {
      // The history asks (the list query goes beside the first, with the same ids).
      if (m?.type === 'list/view' && m.input?.query === null) g.__listViews.push(Array.isArray(m.input?.ids) ? m.input.ids.length : -1);
    });
  });
});
afterAll(() => h?.close());

beforeEach(() => {
  pages = {};
  api = (route) => json(route, []);
});

const open = (path: string) => openHub(h, path);
const badges = (page: Page) => page.locator('[data-hub-lens="badges"]');
const listViews = async () => (await h.worker.evaluate(() => (globalThis as any).__listViews.splice(0))) as number[];
const listCalls = () => requests.filter((u) => u.pathname === '/api/models');

describe('no request leaves /api/models', () => {
  it('whatever ids the page, its cards and the API answers carry, and wherever the API redirects', async () => {
    const quant = 'invented-hostile/Quant-GGUF';
    const moved = 'invented-hostile/moved';
    const hostileAnswer = {
      _id: '0123456789abcdef01234567',
      id: quant,
      likes: 5,
      downloads: 50,
      trendingScore: 2,
      tags: [`base_model:quantized:${HOSTILE}`, `base_model:${HOSTILE}`, 'gguf'],
      cardData: { base_model: [HOSTILE, '../../api/whoami-v2'] },
      gguf: { total: 1 },
    };
    api = (route, url) => {
      if (url.pathname === `/api/models/${moved}`) return route.fulfill({ status: 302, headers: { location: 'https://huggingface.co/api/whoami-v2' } });
      if (url.pathname === `/api/models/${quant}`) return json(route, hostileAnswer);
      if (url.pathname === '/api/models') return json(route, [hostileAnswer, { ...hostileAnswer, id: HOSTILE }], 200, { link: '<https://huggingface.co/api/whoami-v2?cursor=x>; rel="next"' });
      if (url.pathname.startsWith('/api/models/')) return json(route, { ...hostileAnswer, id: decodeURIComponent(url.pathname.slice(12)) });
      return json(route, { name: 'someone', auth: 'stolen' });
    };
    pages[`/invented-hostile/header`] = modelPage({ id: 'invented-hostile/header', likes: 3 }, { props: headerProps({ id: HOSTILE, likes: 3 }) });
    pages[`/${quant}`] = modelPage({ id: quant, likes: 5, downloads: 50, tags: hostileAnswer.tags, cardData: hostileAnswer.cardData });
    pages[`/${moved}`] = modelPage({ id: moved, likes: 8, downloads: 80 });
    const hostileCards = listPage([{ id: 'x/..%2F..%2Fwhoami-v2' }, { id: 'x/%2E%2E/%2E%2E/api/whoami-v2' }, { id: quant }, { id: moved }] as CardModel[]);
    pages['/models'] = hostileCards;
    pages['/x'] = hostileCards;

    // Every request, also the ones a followed redirect makes (routes do not see those).
    const seen: URL[] = [];
    const record = (r: Request) => seen.push(new URL(r.url()));
    h.context.on('request', record);
    // Each page until the extension has shown what it makes of it: the last thing it asks the Hub for.
    const family = (page: Page) => page.locator('[data-hub-lens="panel"] section.family');
    const done: [string, (page: Page) => Promise<unknown>][] = [
      ['/invented-hostile/header', (page) => expect.poll(() => family(page).count()).toBe(1)], // the family card: the page's last calls
      [`/${quant}`, (page) => expect.poll(() => family(page).count()).toBe(1)],
      [`/${moved}`, (page) => expect.poll(() => page.locator('[data-hub-lens="panel"] .note').textContent()).toMatch(/does not know this model/)],
      ['/models?sort=likes', (page) => expect.poll(() => badges(page).count()).toBe(2)], // the two valid cards, after the list call
      ['/x', (page) => expect.poll(() => badges(page).count()).toBe(2)],
    ];
    for (const [path, shown] of done) {
      const { page } = await open(path);
      await shown(page);
      await page.close();
    }
    h.context.off('request', record);
    const apiRequests = seen.filter((u) => u.hostname === 'huggingface.co' && u.pathname.startsWith('/api'));
    expect(apiRequests.length).toBeGreaterThan(0);
    expect(apiRequests.some((u) => u.pathname === `/api/models/${quant}`)).toBe(true);
    expect(apiRequests.some((u) => u.pathname === `/api/models/${moved}`)).toBe(true);
    for (const u of apiRequests) {
      expect(u.pathname, u.href).toMatch(/^\/api\/models(\/|$)/);
      expect(decodeURIComponent(u.pathname), u.href).not.toMatch(/(^|\/)\.\.(\/|$)|whoami/);
    }
  });
});

describe('the Watch star', () => {
  it('ignores clicks the page makes up, and follows a real click', async () => {
    const model = LONG[7]!.id;
    const witness = LONG[8]!.id;
    pages['/models'] = listPage(cards(LONG.slice(0, 10)));
    const { page } = await open('/models?sort=likes&search=star');
    const starOf = (id: string) => page.locator(`article:has(a[href="/${id}"]) [data-hub-lens="badges"] button.badge-watch`);
    const star = starOf(model);
    await expect.poll(() => star.textContent()).toBe('☆');
    // From the page's own script, through the open shadow root.
    await page.evaluate((model) => {
      const host = document.querySelector(`article:has(a[href="/${model}"]) [data-hub-lens="badges"]`)!;
      const button = host.shadowRoot!.querySelector('button.badge-watch') as HTMLButtonElement;
      button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      button.click();
    }, model);
    // A real click on another card's star, after them: once it is heard and answered, so would
    // the made-up clicks have been (one page, one background, one queue of writes).
    await starOf(witness).click();
    await expect.poll(() => starOf(witness).textContent()).toBe('★');
    expect(await star.textContent()).toBe('☆');
    const ext = await extensionPage(h);
    const watched = async () => ((await ask(ext, 'watchlist/get')).value as { id: string }[]).map((r) => r.id);
    expect(await watched()).toEqual(expect.arrayContaining([witness]));
    expect(await watched()).not.toContain(model);
    await star.click();
    await expect.poll(() => star.textContent()).toBe('★');
    expect(await watched()).toContain(model);
    await ext.close();
    await page.close();
  });
});

/** The page has drawn a frame (scrolls laid out, the extension's once-a-frame work given its turn). */
const nextFrame = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Scrolls to the bottom a screen at a time, as a reader would. */
async function scrollThrough(page: Page) {
  while (await page.evaluate(() => (window.scrollBy(0, window.innerHeight), window.scrollY + window.innerHeight < document.documentElement.scrollHeight - 1))) {
    await nextFrame(page);
  }
}

describe('a long list page', () => {
  it('badges 1,000 cards and 1,000 appended in small batches, in messages of at most 500 ids, with one list call, mounting only what comes near the screen', async () => {
    // The last card is laid out first: it is on screen, and its badge comes in the second batch.
    pages['/models'] = listPage(cards(LONG.slice(0, 1_000))).replace('</style>', '#cards > article:nth-child(1000) { order: -1; }</style>');
    await listViews();
    requests = [];
    const { page, errors } = await open('/models?sort=downloads');
    // The cards on screen and a screen ahead get theirs at once; the rest wait for the scroll.
    // Both batches answered (the first card's badge and the last's): only then is counting fair.
    const badgeOf = (id: string) => page.locator(`article:has(a[href="/${id}"]) [data-hub-lens="badges"]`);
    await expect.poll(() => badgeOf(LONG[0]!.id).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => badgeOf(LONG[999]!.id).count(), { timeout: 20_000 }).toBe(1);
    const atLoad = await badges(page).count();
    expect(atLoad).toBeGreaterThan(0);
    expect(atLoad).toBeLessThan(200);
    // The cards near the screen are asked about first, on their own: the first screen does not wait for the other 990.
    const firstAsks = await listViews();
    expect(firstAsks[0]).toBeLessThan(200);
    const more = LONG.slice(1_000).map((m, i) => listPage(cards([{ id: m.id }])).match(/<article[\s\S]*<\/article>/)![0].replace('♡ 10', `♡ ${i}`));
    for (let i = 0; i < more.length; i += 50) {
      await page.evaluate((batch) => document.getElementById('cards')!.insertAdjacentHTML('beforeend', batch), more.slice(i, i + 50).join(''));
      await nextFrame(page);
    }
    await scrollThrough(page);
    await expect.poll(() => badges(page).count(), { timeout: 30_000 }).toBe(2_000);
    const views = [...firstAsks, ...(await listViews())];
    expect(Math.max(...views)).toBeLessThanOrEqual(500);
    expect(views.reduce((a, b) => a + b, 0)).toBe(2_000);
    expect(listCalls()).toHaveLength(1);
    // Every badge follows the page's theme (one observer for all of them).
    await page.evaluate(() => document.documentElement.classList.add('dark'));
    await expect.poll(() => page.locator('[data-hub-lens="badges"].dark').count()).toBe(2_000);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('gives a waiting card its badge when the page re-renders its title row before it comes near the screen', async () => {
    pages['/models'] = listPage(cards(LONG.slice(0, 300)));
    await listViews();
    const { page, errors } = await open('/models?sort=likes');
    await expect.poll(() => page.locator('article').first().locator('[data-hub-lens="badges"]').count(), { timeout: 20_000 }).toBe(1);
    const last = page.locator('article').last();
    // Every card is asked about (those on screen first, then the rest in batches of 100): all 300
    // before the last card is judged. The last card waits for the screen.
    let asked = 0;
    await expect.poll(async () => (asked += (await listViews()).reduce((a, b) => a + b, 0)), { timeout: 20_000 }).toBe(300);
    expect(await last.locator('[data-hub-lens="badges"]').count()).toBe(0);
    await last.evaluate((card) => {
      const header = card.querySelector('header')!;
      header.replaceWith(header.cloneNode(true));
    });
    await last.scrollIntoViewIfNeeded();
    await expect.poll(() => last.locator('header [data-hub-lens="badges"]').count(), { timeout: 5_000 }).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    ['a negative page', '?p=-1'],
    ['a fractional page', '?p=1.5'],
    ['a 300-character search', `?search=${'a'.repeat(300)}`],
    ['25 filters', `?library=${Array.from({ length: 25 }, (_, i) => `lib${i}`).join(',')}`],
    ['all of them', `?p=-1&search=${'b'.repeat(300)}&${Array.from({ length: 25 }, (_, i) => `language=l${i}`).join('&')}`],
  ])('still badges the cards with %s in the URL', async (_, search) => {
    pages['/models'] = listPage(cards(LONG.slice(100, 120)));
    await listViews();
    const { page, errors } = await open(`/models${search}`);
    await expect.poll(() => badges(page).count()).toBe(20);
    expect(errors).toEqual([]);
    await page.close();
  });
});
