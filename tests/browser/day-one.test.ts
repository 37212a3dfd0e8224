import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { modelPage } from '@/tests/fixtures/hub-pages';
import { inventedExpand, NIMBUS_GGUF, ORION } from '@/tests/fixtures/invented-hub';
import { extensionPage, html, importFrom, json, launch, routeHub, screenshot, type Harness } from './harness';

// The first view of a model already says how fast it moves, from the Hub's own windows, marked
// as estimates; as Hub Lens's history covers a window, the measured rate takes its place.

const HOUR = 3_600_000;
const orion = inventedExpand(ORION)!;
let h: Harness;
let likes = orion.likes;
let baseAnswers404 = false;

beforeAll(async () => {
  h = await launch();
  await routeHub(h.context, (route, url) => {
    if (url.pathname === '/api/models') return json(route, []);
    if (url.pathname.startsWith('/api/models/')) {
      const id = decodeURIComponent(url.pathname.slice('/api/models/'.length));
      if (baseAnswers404 && id !== NIMBUS_GGUF) return route.fulfill({ status: 404, body: '{"error":"Repository not found"}' });
      const answer = inventedExpand(id);
      return answer ? json(route, { ...answer, ...(id === ORION ? { likes } : {}) }) : route.fulfill({ status: 404, body: '' });
    }
    if (url.pathname === `/${ORION}`) {
      return html(route, modelPage({ id: ORION, likes, downloads: orion.downloads, downloadsAllTime: orion.downloadsAllTime, trackDownloads: true, createdAt: orion.createdAt }));
    }
    const gguf = inventedExpand(NIMBUS_GGUF)!;
    if (url.pathname === `/${NIMBUS_GGUF}`) {
      return html(route, modelPage({ id: gguf.id, likes: gguf.likes, downloads: gguf.downloads, trackDownloads: true, tags: gguf.tags, gguf: {} }));
    }
    return route.fulfill({ status: 404, body: '' });
  });
});
afterAll(() => h?.close());

const cell = (page: Page, row: 'Likes' | 'Downloads', column: number) =>
  page.locator('[data-hub-lens="panel"] table.rates tbody tr', { has: page.locator('th', { hasText: row }) }).locator('td').nth(column);
/** What the cell shows (a screen reader hears it in words, beside). */
const shown = (page: Page, row: 'Likes' | 'Downloads', column: number) => cell(page, row, column).locator('[aria-hidden="true"]').first();
const COLUMN = { '24h': 0, '7d': 1, '30d': 2, lifetime: 3 } as const;

describe('day-one velocity', () => {
  it('estimates likes and downloads a day from the Hub’s own windows on the first view, marked as estimates', async () => {
    const page = await h.context.newPage();
    await page.goto(`https://huggingface.co/${ORION}`);
    // Likes over 7 days from the trending score; downloads over 30 days from the 30-day counter.
    const likes7 = cell(page, 'Likes', COLUMN['7d']);
    await expect.poll(() => shown(page, 'Likes', COLUMN['7d']).textContent(), { timeout: 15_000 }).toBe(`≈${Math.round(orion.trendingScore / 7)}`);
    expect(await likes7.locator('.sr-only').textContent()).toBe(`about ${Math.round(orion.trendingScore / 7)}, estimated from the 7-day trending score`);
    expect(await likes7.getAttribute('data-estimated')).toBe('');
    expect(await likes7.getAttribute('title')).toMatch(/trending score/);
    const downloads30 = cell(page, 'Downloads', COLUMN['30d']);
    expect(await downloads30.getAttribute('data-estimated')).toBe('');
    expect(await downloads30.getAttribute('title')).toMatch(/30-day/);
    expect(await cell(page, 'Likes', COLUMN.lifetime).getAttribute('data-estimated')).toBe('');
    // Nothing gives 24 hours without history: no number is made up.
    expect(await shown(page, 'Likes', COLUMN['24h']).textContent()).toBe('—');
    expect(await page.locator('[data-hub-lens="panel"] [data-note="estimates"]').count()).toBe(1);
    await screenshot(page, 'day-one-estimates');
    await page.close();
  });

  it('shows measured rates a day later where the history covers the window', async () => {
    // A day later: the history holds yesterday's view (moved back 25 h, as if recorded then).
    const ext = await extensionPage(h);
    const exported: string = await ext.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const port = chrome.runtime.connect({ name: 'history-export' });
          let text = '';
          port.onMessage.addListener((m) => (m.type === 'piece' ? (text += m.text) : resolve(text)));
          port.postMessage({ kind: 'json' });
        }),
    );
    const file = JSON.parse(exported);
    for (const m of file.models) for (const s of m.snapshots) s.t = new Date(Date.parse(s.t) - 25 * HOUR).toISOString();
    await ext.evaluate(() => chrome.runtime.sendMessage({ type: 'history/clear' }));
    expect((await importFrom(ext, JSON.stringify(file))).ok).toBe(true);
    await ext.close();

    likes = orion.likes + 48;
    const page = await h.context.newPage();
    await page.goto(`https://huggingface.co/${ORION}`);
    const likes24 = cell(page, 'Likes', COLUMN['24h']);
    await expect.poll(() => shown(page, 'Likes', COLUMN['24h']).textContent(), { timeout: 15_000 }).toMatch(/^\+\d/);
    expect(await likes24.getAttribute('data-estimated')).toBeNull();
    const perDay = Number((await shown(page, 'Likes', COLUMN['24h']).textContent())!.replace(/[+ ▲▼]/g, ''));
    expect(perDay).toBeGreaterThan(40);
    expect(perDay).toBeLessThan(48);
    // Seven days are not covered yet: still the estimate.
    expect(await cell(page, 'Likes', COLUMN['7d']).getAttribute('data-estimated')).toBe('');
    await page.close();
  });
});

describe('a copy whose base cannot be read', () => {
  it('is never called the original: the card says what it declares and that the base could not be read', async () => {
    baseAnswers404 = true;
    const page = await h.context.newPage();
    await page.goto(`https://huggingface.co/${NIMBUS_GGUF}`);
    const place = page.locator('[data-hub-lens="panel"] .family-place');
    await expect.poll(() => place.textContent(), { timeout: 15_000 }).toMatch(/^Quantized copy of invented-lab\/Nimbus-7B; invented-lab\/Nimbus-7B could not be read: not found/);
    expect(await page.locator('[data-hub-lens="panel"] .family').textContent()).not.toMatch(/is the original/);
    await screenshot(page, 'family-unreadable-base');
    await page.close();
    baseAnswers404 = false;
  });
});
