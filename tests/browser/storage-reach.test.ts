import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { listPage, modelPage } from '@/tests/fixtures/hub-pages';
import { ATLAS, inventedExpand, inventedList, ORION } from '@/tests/fixtures/invented-hub';
import { ask, extensionPage, html, json, launch, pollNow, routeHub, statOf, type Harness } from './harness';

// What a huggingface.co tab's content script (a compromised one, say) can reach in extension
// storage: the settings it needs, read back checked; never the rate-limit window or polling's
// state, which live in storage.session at TRUSTED_CONTEXTS. Run in the content script's own world.

const orion = inventedExpand(ORION)!;
const header = { id: ORION, likes: orion.likes, downloads: orion.downloads, downloadsAllTime: orion.downloadsAllTime, trackDownloads: true, createdAt: orion.createdAt, cardData: orion.cardData };

let h: Harness;
let apiCalls = 0;

beforeAll(async () => {
  h = await launch();
  await routeHub(h.context, (route, url) => {
    if (url.pathname === '/api/models') return json(route, inventedList());
    if (url.pathname.startsWith('/api/models/')) {
      apiCalls++;
      return json(route, inventedExpand(decodeURIComponent(url.pathname.slice('/api/models/'.length))) ?? {});
    }
    if (url.pathname === `/${ORION}`) return html(route, modelPage(header));
    if (url.pathname === `/${ATLAS}`) return html(route, modelPage({ id: ATLAS, likes: 5 }));
    if (url.pathname === '/models') return html(route, listPage(inventedList(12), { title: 'Models' }));
    return route.fulfill({ status: 404, body: '' });
  });
});
afterAll(() => h?.close());

/** Evaluate `expression` in Hub Lens's content-script world of `page` (its isolated world), awaiting it. */
async function inContentScript(page: Page, expression: string): Promise<unknown> {
  const cdp: CDPSession = await h.context.newCDPSession(page);
  const worlds: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
  await cdp.send('Runtime.enable');
  const world = worlds.find((w) => w.auxData?.type === 'isolated' && w.origin === `chrome-extension://${h.extensionId}`);
  if (!world) throw new Error('no content-script world on this page');
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { contextId: world.id, expression, awaitPromise: true, returnByValue: true });
  await cdp.detach();
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value;
}

describe('what a content script can reach in storage', () => {
  it('cannot read the rate-limit window or polling’s state, and finds only the settings in storage.local', async () => {
    const page = await h.context.newPage();
    await page.goto(`https://huggingface.co/${ORION}`);
    await expect.poll(() => statOf(page, 'Trending score').textContent(), { timeout: 15_000 }).not.toBe('—');
    await pollNow(h); // polling's state now exists
    const options = await extensionPage(h);
    expect((await ask(options, 'watchlist/seen')).ok).toBe(true); // and the seen warnings (which name watched models)
    await options.close();
    const session = await h.worker.evaluate(() => chrome.storage.session.get(null));
    expect(Object.keys(session)).toEqual(expect.arrayContaining(['rate-limit', 'poll-state']));

    const read = await inContentScript(page, `chrome.storage.session.get(null).then((r) => Object.keys(r), (e) => 'refused: ' + e.message)`);
    expect(read).toMatch(/^refused/);
    const local = (await inContentScript(page, `chrome.storage.local.get(null).then((r) => Object.keys(r))`)) as string[];
    // Only the settings (and their version): nothing that names a watched model, nothing of the Hub's budget.
    expect(local.filter((k) => k !== 'settings' && k !== 'settings$')).toEqual([]);
    await page.close();
  });

  it('writes garbage in vain: settings read back as defaults, a planted rate-limit window is not read', async () => {
    const page = await h.context.newPage();
    await page.goto('https://huggingface.co/models');
    await page.locator('[data-hub-lens="badges"]').first().waitFor({ timeout: 15_000 });
    await inContentScript(
      page,
      `chrome.storage.local.set({ settings: { badges: 'off', numbers: 0, theme: { dark: true }, pollMinutes: 1e9 }, 'rate-limit': { strikes: 9, closedUntil: 9e15 }, 'poll-state': { calls: 'x', pausedUntil: 9e15, strikes: 0 } })`,
    );
    // A fresh background reads it all again (a running one keeps its rate-limit window in memory).
    const cdp = await h.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const list = await h.context.newPage();
    await list.goto('https://huggingface.co/models');
    await expect.poll(() => list.locator('[data-hub-lens="badges"]').count(), { timeout: 15_000 }).toBe(12);
    // A model not asked about yet: its one API call is made, no planted window holds it back.
    const calls = apiCalls;
    const model = await h.context.newPage();
    await model.goto(`https://huggingface.co/${ATLAS}`);
    await expect.poll(() => statOf(model, 'Trending score').textContent(), { timeout: 15_000 }).not.toBe('—');
    expect(apiCalls).toBe(calls + 1);
    expect(await model.locator('[data-hub-lens="panel"] .note').count()).toBe(0);
    await page.close();
    await list.close();
    await model.close();
  });
});
