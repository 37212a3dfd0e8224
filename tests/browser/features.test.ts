import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FEATURE_NAMES, FEATURES, type FeatureDeclaration } from '../../lib/features/registry';
import { listPage, modelPage } from '../fixtures/hub-pages';
import { inventedChildren, inventedExpand, inventedList, ORION, ZEPHYRINE } from '../fixtures/invented-hub';
import { ask, extensionPage, html, importHistory, json, launch, ROOT, routeHub, type Harness } from './harness';

// Each feature switch turns off exactly its feature; a feature that throws fails alone.

const orion = inventedExpand(ORION)!;
const header = { id: ORION, likes: orion.likes, downloads: orion.downloads, downloadsAllTime: orion.downloadsAllTime, trackDownloads: true, createdAt: orion.createdAt, cardData: orion.cardData };

/** What each feature shows, where: its presence on a model page or on a list page. */
const SHOWS: Record<string, { page: 'model' | 'list'; selector: string }> = {
  numbers: { page: 'model', selector: '[data-hub-lens="panel"] .stats' },
  velocity: { page: 'model', selector: '[data-hub-lens="panel"] .velocity' },
  warnings: { page: 'model', selector: '[data-hub-lens="panel"] .warnings' },
  family: { page: 'model', selector: '[data-hub-lens="panel"] .family' },
  badges: { page: 'list', selector: '[data-hub-lens="badge"]' },
};

async function serve(h: Harness) {
  await routeHub(h.context, (route, url) => {
    if (url.pathname === '/api/models') return json(route, url.searchParams.get('filter') ? inventedChildren(ORION) : inventedList());
    if (url.pathname.startsWith('/api/models/')) {
      const answer = inventedExpand(decodeURIComponent(url.pathname.slice('/api/models/'.length)));
      return answer ? json(route, answer) : route.fulfill({ status: 404, body: '' });
    }
    if (url.pathname === `/${ORION}`) return html(route, modelPage(header));
    if (url.pathname === '/models') return html(route, listPage(inventedList(12), { title: 'Models' }));
    return route.fulfill({ status: 404, body: '' });
  });
}

/** Which features' marks appear on the model page and the list page (waiting for the slowest, the family card). */
async function present(h: Harness, expectAbsent: string[]): Promise<string[]> {
  const pages: Record<'model' | 'list', Page> = { model: await h.context.newPage(), list: await h.context.newPage() };
  await pages.model.goto(`https://huggingface.co/${ORION}`);
  await pages.list.goto('https://huggingface.co/models');
  const shown: string[] = [];
  for (const [feature, { page, selector }] of Object.entries(SHOWS)) {
    const locator = pages[page].locator(selector).first();
    if (expectAbsent.includes(feature)) {
      // Absent for good: give it the time the others needed, then look.
      await pages[page].waitForTimeout(1_500);
      if ((await locator.count()) > 0) shown.push(feature);
    } else {
      await locator.waitFor({ timeout: 15_000 }).then(() => shown.push(feature), () => undefined);
    }
  }
  await pages.model.close();
  await pages.list.close();
  return shown.sort();
}

describe('feature switches', () => {
  let h: Harness;
  let options: Page;
  beforeAll(async () => {
    h = await launch();
    await serve(h);
    options = await extensionPage(h);
  });
  afterAll(() => h?.close());

  const switches = FEATURE_NAMES.flatMap((name) => {
    const decl: FeatureDeclaration = FEATURES[name];
    return decl.setting ? [{ name, key: decl.setting.key }] : [];
  });

  it('shows every feature with every switch on', async () => {
    expect(await present(h, [])).toEqual(Object.keys(SHOWS).sort());
  });

  for (const { name, key } of switches) {
    it(`turns off ${name} alone with its switch (${key})`, async () => {
      await options.evaluate(async (key) => {
        const { settings } = await chrome.storage.local.get('settings');
        await chrome.storage.local.set({ settings: { ...(settings ?? {}), panel: true, sparklines: true, warnings: true, familyCard: true, listBadges: true, [key]: false } });
      }, key);
      // The panel holds the velocity, warnings and family parts: without it they have nowhere to show.
      const gone = name === 'numbers' ? ['numbers', 'velocity', 'warnings', 'family'] : [name];
      expect(await present(h, gone)).toEqual(Object.keys(SHOWS).filter((f) => !gone.includes(f)).sort());
    });
  }

  it('takes the warnings out of the popup rows and the toolbar count too', async () => {
    // A campaign-shaped model (likes far beyond its downloads), watched.
    const z = inventedExpand(ZEPHYRINE)!;
    const snapshot = { t: new Date().toISOString(), likes: z.likes, downloads: z.downloads, downloadsAllTime: z.downloadsAllTime, trendingScore: z.trendingScore };
    const file = { format: 'hub-lens-history', version: 1, exportedAt: snapshot.t, models: [{ id: ZEPHYRINE, createdAt: z.createdAt, trackDownloads: true, watched: true, snapshots: [snapshot] }] };
    expect((await importHistory(h, file)).ok).toBe(true);
    const row = async () => ((await ask(options, 'watchlist/get')).value as any[]).find((r) => r.id === ZEPHYRINE);
    const badgeText = () => h.worker.evaluate(() => chrome.action.getBadgeText({}));
    await options.evaluate(() => chrome.storage.local.set({ settings: {} }));
    await expect.poll(async () => (await row())?.severity, { timeout: 10_000 }).toBe('warn');
    await expect.poll(badgeText).not.toBe('');
    await options.evaluate(() => chrome.storage.local.set({ settings: { warnings: false } }));
    await expect.poll(async () => (await row())?.warnings, { timeout: 10_000 }).toEqual([]);
    await expect.poll(badgeText).toBe('');
    await options.evaluate(() => chrome.storage.local.set({ settings: {} }));
  });
});

describe('a feature that throws', () => {
  let h: Harness;
  beforeAll(async () => {
    // The test build whose velocity feature throws in the page and in the background.
    h = await launch(path.join(ROOT, '.output/chrome-mv3-fault'));
    await serve(h);
  });
  afterAll(() => h?.close());

  it('fails alone: the panel, its other parts and the badges stay, and the error names the feature', async () => {
    const page = await h.context.newPage();
    const logged: string[] = [];
    page.on('console', (m) => logged.push(m.text()));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`https://huggingface.co/${ORION}`);
    await page.locator('[data-hub-lens="panel"] .family').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-hub-lens="panel"] .stats').count()).toBe(1);
    expect(await page.locator('[data-hub-lens="panel"] .warnings').count()).toBe(1);
    expect(await page.locator('[data-hub-lens="panel"] .velocity').count()).toBe(0);
    expect(logged.some((l) => l.startsWith('Hub Lens: velocity failed'))).toBe(true);
    expect(errors).toEqual([]);
    const list = await h.context.newPage();
    await list.goto('https://huggingface.co/models');
    await expect.poll(() => list.locator('[data-hub-lens="badge"]').count(), { timeout: 10_000 }).toBe(12);
    await page.close();
    await list.close();
  });
});
