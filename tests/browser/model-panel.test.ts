import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { datasetPage, listPage, modelPage, otherPage } from '@/tests/fixtures/hub-pages';
import { CANVAS, inventedExpand, inventedFull, NIMBUS } from '@/tests/fixtures/invented-hub';
import { html, importHistory, json, launch, openHub, openSettled, panelOf, routeHub, screenshot, statOf, type Harness } from './harness';

// A big launch of the invented Hub, two days old: the page's props carry what its answers hold.
const full = inventedFull(NIMBUS)!;
const nimbusHeader = {
  id: full.id,
  likes: full.likes,
  downloads: full.downloads,
  downloadsAllTime: inventedExpand(NIMBUS)!.downloadsAllTime,
  trackDownloads: true,
  createdAt: full.createdAt,
  pipeline_tag: full.pipeline_tag,
  library_name: full.library_name,
  tags: full.tags,
  cardData: full.cardData,
};

let h: Harness;
let apiCalls: string[];
let api: (id: string) => { status: number; body: unknown; headers?: Record<string, string> };
let pages: Record<string, string>;

beforeAll(async () => {
  h = await launch();
  await routeHub(h.context, async (route, url) => {
    if (url.pathname.startsWith('/api/models/')) {
      const id = decodeURIComponent(url.pathname.slice('/api/models/'.length));
      apiCalls.push(url.pathname + url.search);
      const a = api(id);
      if (typeof a.body === 'string') return route.fulfill({ status: a.status, body: a.body, headers: a.headers });
      return json(route, a.body, a.status, a.headers);
    }
    const page = pages[url.pathname];
    return page ? html(route, page) : route.fulfill({ status: 404, body: 'not found' });
  });
});
afterAll(() => h?.close());

beforeEach(() => {
  apiCalls = [];
  api = (id) => ({ status: 200, body: inventedExpand(id) ?? { error: 'Repository not found' } });
  pages = {
    [`/${NIMBUS}`]: modelPage(nimbusHeader),
    [`/${NIMBUS}/tree/main`]: modelPage(nimbusHeader),
  };
});

const open = (path: string) => openHub(h, path);

const panel = panelOf;
const stat = statOf;

describe('model page panel', () => {
  it('shows the page numbers at once and the trending score from the one API call', async () => {
    const { page, errors } = await open(`/${NIMBUS}`);
    await expect.poll(() => stat(page, 'Likes').textContent()).toBe('2,480');
    expect(await stat(page, 'Downloads, 30 days').textContent()).toBe('48.3K');
    expect(await stat(page, 'Downloads, all-time').textContent()).toBe('48.3K');
    await expect.poll(() => stat(page, 'Trending score').textContent()).toBe('2,476');
    // One call for this model's numbers; any other is the family card's (refreshed daily, after).
    const own = apiCalls.filter((c) => c.startsWith(`/api/models/${NIMBUS}?`));
    expect(own).toHaveLength(1);
    expect(own[0]).toContain('expand');
    // Mounted right under the header, inside the page's main.
    const placed = await page.evaluate(() => {
      const host = document.querySelector('[data-hub-lens="panel"]');
      return host?.previousElementSibling?.getAttribute('data-target');
    });
    expect(placed).toBe('ModelHeader');
    expect(errors).toEqual([]);
    await screenshot(page, 'panel-light');
    await page.close();
  });
});

describe('history', () => {
  it('grows when the page is opened again with new numbers', async () => {
    const { page } = await open(`/${NIMBUS}/tree/main`);
    const count = () => panel(page).locator('[data-field="snapshots"]').textContent();
    await expect.poll(count).not.toBeNull();
    const before = Number(await count());
    // A later visit: the page now says 2,481 likes.
    pages[`/${NIMBUS}/tree/main`] = modelPage({ ...nimbusHeader, likes: 2481 });
    await page.reload();
    await expect.poll(async () => Number(await count())).toBe(before + 1);
    await expect.poll(() => stat(page, 'Likes').textContent()).toBe('2,481');
    await page.close();
  });
});

describe('same-document navigation and re-renders', () => {
  it('follows a client-side move to another model and a re-rendered header', async () => {
    const canvas = inventedFull(CANVAS)!;
    const canvasHtml = modelPage({ id: canvas.id, likes: canvas.likes, downloads: canvas.downloads, trackDownloads: true });
    const { page } = await open(`/${NIMBUS}`);
    await expect.poll(() => stat(page, 'Likes').textContent()).toBe('2,480');
    // The Hub's router: push the URL first, swap the header later. The extension has heard the
    // move when the old model's panel goes, while the old header is still there.
    await page.evaluate((path) => history.pushState({}, '', path), `/${CANVAS}`);
    await expect.poll(() => panel(page).count()).toBe(0);
    expect(await page.locator('[data-target="ModelHeader"]').getAttribute('data-props')).toContain(NIMBUS);
    await page.evaluate((next) => {
      const doc = new DOMParser().parseFromString(next, 'text/html');
      document.querySelector('main')!.replaceWith(document.adoptNode(doc.querySelector('main')!));
    }, canvasHtml);
    await expect.poll(() => stat(page, 'Likes').textContent(), { timeout: 10_000 }).toBe(canvas.likes.toLocaleString('en'));
    expect(await panel(page).count()).toBe(1);
    // The page re-renders its header, the new one a frame after the old one went: the panel
    // comes back under the new one.
    await page.evaluate(() => {
      const island = document.querySelector('[data-target="ModelHeader"]')!;
      const copy = island.cloneNode(true);
      island.remove();
      requestAnimationFrame(() => document.querySelector('main')!.prepend(copy));
    });
    await expect.poll(() => panel(page).count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-hub-lens="panel"]')?.previousElementSibling?.getAttribute('data-target'))).toBe('ModelHeader');
    await page.close();
  });
});

describe('bad input', () => {
  const failures: [string, () => { status: number; body: unknown; headers?: Record<string, string> }, RegExp][] = [
    ['500', () => ({ status: 500, body: 'Internal Error' }), /answered with an error/],
    ['garbage', () => ({ status: 200, body: '<html>definitely not json' }), /unexpected/],
    // Last: it closes the rate-limit window for the rest of this browser's life.
    ['429 with RateLimit headers', () => ({ status: 429, body: { error: 'rate limited' }, headers: { RateLimit: '"api";r=0;t=120' } }), /rate-limiting/],
  ];
  for (const [name, answer, note] of failures) {
    it(`keeps a panel with the page's own numbers when the API answers ${name}`, async () => {
      api = answer;
      const id = `invented-org/api-${name.split(' ')[0]}`;
      pages[`/${id}`] = modelPage({ ...nimbusHeader, id });
      const { page, errors } = await open(`/${id}`);
      await expect.poll(() => panel(page).locator('.note').textContent()).toMatch(note);
      expect(await stat(page, 'Likes').textContent()).toBe('2,480');
      expect(await stat(page, 'Downloads, 30 days').textContent()).toBe('48.3K');
      expect(await stat(page, 'Trending score').textContent()).toBe('—');
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('renders names and card data that hold HTML as text', async () => {
    const id = 'invented-org/html-in-props';
    const header = {
      ...nimbusHeader,
      id,
      pipeline_tag: '<img src=x onerror="window.__pwned=1">',
      library_name: '<b>bold</b>',
      cardData: { new_version: '<script>window.__pwned=2</script>', base_model: '<svg onload=alert(1)>' },
    };
    pages[`/${id}`] = modelPage(header);
    const { page, errors } = await open(`/${id}`);
    await expect.poll(() => stat(page, 'Likes').textContent()).toBe('2,480');
    const injected = await page.evaluate(() => {
      const root = document.querySelector('[data-hub-lens="panel"]')!.shadowRoot!;
      return root.querySelectorAll('img, b, script:not([src]), [onerror], [onload]').length;
    });
    expect(injected).toBe(0);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('theme', () => {
  it('follows the page into dark mode and back', async () => {
    pages[`/${NIMBUS}`] = modelPage(nimbusHeader, { dark: true });
    const { page } = await open(`/${NIMBUS}`);
    await expect.poll(() => stat(page, 'Likes').textContent()).toBe('2,480');
    const bg = () => page.evaluate(() => {
      const root = document.querySelector('[data-hub-lens="panel"]')!.shadowRoot!;
      return getComputedStyle(root.querySelector('.stat')!).backgroundColor;
    });
    expect(await bg()).toBe('rgb(11, 15, 25)');
    await screenshot(page, 'panel-dark');
    await page.evaluate(() => document.documentElement.classList.remove('dark'));
    await expect.poll(bg).toBe('rgb(255, 255, 255)');
    await page.close();
  });
});

describe('pages that are not models', () => {
  // The content script is not even loaded there: known once the page is past document_idle.
  for (const path of ['/datasets/invented-data/web-text', `/spaces/${CANVAS}`, '/docs/hub/index']) {
    it(`shows no panel on ${path}`, async () => {
      pages[path] = path.startsWith('/datasets/') ? datasetPage('invented-data/web-text') : otherPage(path);
      const { page, scriptLoaded } = await openSettled(h, path);
      expect(scriptLoaded).toBe(false);
      expect(await panel(page).count()).toBe(0);
      expect(apiCalls).toEqual([]);
      await page.close();
    });
  }

  it('shows no panel on an organisation’s page, where it badges the models listed', async () => {
    // An org page is a list: the badge of its one card is the sign that the extension has done its work here.
    const id = 'invented-lab/Org-Listed-1B';
    const t = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
    const snapshots = [2, 1].map((d) => ({ t: t(d), likes: 40 - d, downloads: 900, downloadsAllTime: null, trendingScore: null }));
    expect(await importHistory(h, { format: 'hub-lens-history', version: 1, exportedAt: t(0), models: [{ id, snapshots }] })).toMatchObject({ ok: true });
    pages['/invented-lab'] = listPage([{ id, likes: 40, downloads: 900 }], { title: 'invented-lab' });
    const { page } = await open('/invented-lab');
    await expect.poll(() => page.locator(`article:has(a[href="/${id}"]) [data-hub-lens="badges"]`).count()).toBe(1);
    expect(await panel(page).count()).toBe(0);
    expect(apiCalls).toEqual([]); // no model's own API call (the list call mirrors the page's query)
    await page.close();
  });
});
