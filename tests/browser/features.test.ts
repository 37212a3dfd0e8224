import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FEATURE_NAMES, FEATURES, SWITCHABLE, type FeatureName } from '@/lib/features/registry';
import { listPage, modelPage } from '@/tests/fixtures/hub-pages';
import { inventedChildren, inventedExpand, inventedList, ORION, ZEPHYRINE } from '@/tests/fixtures/invented-hub';
import { ask, extensionPage, html, importHistory, json, launch, ROOT, routeHub, type Harness } from './harness';

// Each feature switch turns off exactly its feature; a feature that throws, synchronously or
// later (a promise, a timer, a render after an answer), fails alone. Both run for every feature
// of the registry.

const orion = inventedExpand(ORION)!;
const header = { id: ORION, likes: orion.likes, downloads: orion.downloads, downloadsAllTime: orion.downloadsAllTime, trackDownloads: true, createdAt: orion.createdAt, cardData: orion.cardData };

/**
 * What each feature shows, where, from the registry: a feature with a content part shows on the
 * first kind of page it serves, in a host named for it (`data-hub-lens="<feature>"`: its own
 * host, or its piece of the panel) that holds some text.
 */
const SHOWS = Object.fromEntries(
  FEATURE_NAMES.flatMap((name) => {
    const pages: readonly string[] = FEATURES[name].pages;
    return pages.length && existsSync(path.join(ROOT, `lib/features/${name}/content.tsx`)) ? [[name, { page: pages[0] as 'model' | 'list' }]] : [];
  }),
) as Partial<Record<FeatureName, { page: 'model' | 'list' }>>;
const mark = (page: Page, feature: string) => page.locator(`[data-hub-lens="${feature}"]`).filter({ hasText: /\S/ });
const SHOWN = Object.keys(SHOWS).sort();

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

interface Visit {
  pages: Record<'model' | 'list', Page>;
  /** what the pages logged (their content script's reports among it) and threw */
  logged: string[];
  errors: string[];
  close(): Promise<void>;
}

async function visit(h: Harness): Promise<Visit> {
  const v: Visit = { pages: { model: await h.context.newPage(), list: await h.context.newPage() }, logged: [], errors: [], close: async () => undefined };
  for (const page of Object.values(v.pages)) {
    page.on('console', (m) => v.logged.push(m.text()));
    page.on('pageerror', (e) => v.errors.push(String(e)));
  }
  await v.pages.model.goto(`https://huggingface.co/${ORION}`);
  await v.pages.list.goto('https://huggingface.co/models');
  v.close = async () => {
    await v.pages.model.close();
    await v.pages.list.close();
  };
  return v;
}

/** The content script has started every feature that is on: a mark absent by now is absent for good (no fixed sleep). */
const started = (page: Page) => page.locator('html[data-hub-lens-started]').waitFor({ state: 'attached', timeout: 15_000 });

/** Which features' marks appear; those in `absent` are looked for only once their page has started and another feature's mark is there. */
async function present(h: Harness, absent: readonly string[]): Promise<string[]> {
  const v = await visit(h);
  const shown: string[] = [];
  for (const [feature, { page }] of Object.entries(SHOWS).filter(([f]) => !absent.includes(f))) {
    await mark(v.pages[page], feature).first().waitFor({ timeout: 15_000 }).then(() => shown.push(feature), () => undefined);
  }
  for (const page of Object.values(v.pages)) await started(page);
  // The panel renders every piece that is on at once: with another piece in it, a missing one is missing for good.
  if (absent.some((f) => SHOWS[f as FeatureName]?.page === 'model')) await v.pages.model.locator('[data-hub-lens="panel"] .panel').waitFor();
  for (const feature of absent) {
    const show = SHOWS[feature as FeatureName];
    if (show && (await v.pages[show.page].locator(`[data-hub-lens="${feature}"]`).count()) > 0) shown.push(feature);
  }
  await v.close();
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

  it('shows every feature with every switch on', async () => {
    expect(SHOWN).toEqual(expect.arrayContaining(['badges', 'family', 'numbers', 'velocity', 'warnings', 'watch']));
    expect(await present(h, [])).toEqual(SHOWN);
  });

  it('has a switch on the options page for each switch of the registry, and only those', async () => {
    const keys = await options.locator('input[data-setting]').evaluateAll((els) => els.map((e) => e.getAttribute('data-setting')));
    expect(keys).toEqual(SWITCHABLE);
  });

  for (const name of SWITCHABLE) {
    it(`turns off ${name} alone with its switch`, async () => {
      await options.evaluate((name) => chrome.storage.local.set({ settings: { [name]: false } }), name);
      expect(await present(h, [name])).toEqual(SHOWN.filter((f) => f !== name));
      await options.evaluate(() => chrome.storage.local.set({ settings: {} }));
    });
  }

  it('keeps recording page views with every panel piece switched off', async () => {
    await options.evaluate(() => chrome.storage.local.set({ settings: { numbers: false, velocity: false, warnings: false, family: false } }));
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'history/clear' }));
    const v = await visit(h);
    await started(v.pages.model);
    await expect.poll(async () => ((await ask(options, 'history/stats')).value as { models: number }).models, { timeout: 10_000 }).toBeGreaterThan(0);
    await mark(v.pages.model, 'watch').waitFor();
    await v.close();
    await options.evaluate(() => chrome.storage.local.set({ settings: {} }));
  });

  it('reads switches saved under their old names', async () => {
    await options.evaluate(() => chrome.storage.local.set({ settings: { listBadges: false } }));
    expect(await present(h, ['badges'])).toEqual(SHOWN.filter((f) => f !== 'badges'));
    await options.evaluate(() => chrome.storage.local.set({ settings: {} }));
  });

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

/** The test build whose features can be made to throw (lib/features/fault.tsx), built here when it is missing. */
const FAULT_BUILD = path.join(ROOT, '.output/chrome-mv3-fault');
const FAULT_COMMAND = 'WXT_FAULT=1 npx wxt build --mode fault';

function ensureFaultBuild() {
  if (existsSync(path.join(FAULT_BUILD, 'manifest.json'))) return;
  const built = spawnSync('npx', ['wxt', 'build', '--mode', 'fault'], { cwd: ROOT, env: { ...process.env, WXT_FAULT: '1' }, encoding: 'utf8' });
  if (built.status !== 0 || !existsSync(path.join(FAULT_BUILD, 'manifest.json'))) {
    throw new Error(`The fault build is missing and could not be made: run \`${FAULT_COMMAND}\` (npm test does).\n${built.stderr ?? ''}`);
  }
}

describe('a feature that throws', () => {
  let h: Harness;
  let options: Page;
  beforeAll(async () => {
    ensureFaultBuild();
    h = await launch(FAULT_BUILD);
    await serve(h);
    options = await extensionPage(h);
  }, 300_000);
  afterAll(() => h?.close());

  /** Who reported a failure in the background (the fault build keeps each report's feature). */
  const backgroundReports = () => h.worker.evaluate(() => (globalThis as { hubLensReports?: string[] }).hubLensReports ?? []);

  for (const feature of FEATURE_NAMES) {
    for (const mode of ['sync', 'async'] as const) {
      it(`${feature}, throwing ${mode === 'sync' ? 'at once' : 'later'}, fails alone and is reported by name`, async () => {
        await options.evaluate((fault) => chrome.storage.local.set({ fault }), { feature, mode });
        await h.worker.evaluate(() => ((globalThis as { hubLensReports?: string[] }).hubLensReports = []));
        const v = await visit(h);
        // Work of the feature that no page view starts: the options page asks for it.
        if (feature === 'history') expect(await ask(options, 'history/stats')).toMatchObject({ ok: false, kind: 'failed' });
        if (feature === 'watch') expect(await ask(options, 'watchlist/get')).toMatchObject({ ok: false, kind: 'failed' });
        // Every other feature stands.
        for (const [other, { page }] of Object.entries(SHOWS)) {
          if (other !== feature) await mark(v.pages[page], other).first().waitFor({ timeout: 15_000 });
        }
        // The failure is reported under the feature's name, in the page or in the background.
        const mine = `Hub Lens: ${feature} failed`;
        await expect
          .poll(async () => v.logged.some((l) => l.startsWith(mine)) || (await backgroundReports()).includes(feature), { timeout: 15_000 })
          .toBe(true);
        // A panel piece that threw is taken down (at once, or once its later work failed).
        const show = SHOWS[feature];
        if (show?.page === 'model') await expect.poll(() => v.pages.model.locator(`[data-hub-lens="${feature}"]`).count(), { timeout: 15_000 }).toBe(0);
        // No other feature was reported, and the page never saw an error.
        expect(v.logged.filter((l) => /^Hub Lens: \w+ failed/.test(l) && !l.startsWith(mine))).toEqual([]);
        expect((await backgroundReports()).filter((f) => f !== feature)).toEqual([]);
        expect(v.errors).toEqual([]);
        await v.close();
      });
    }
  }

  afterAll(() => options?.evaluate(() => chrome.storage.local.remove('fault')));
});
