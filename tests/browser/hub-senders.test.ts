import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKGROUND_PARTS } from '@/lib/features/background-parts';
import { FEATURE_NAMES } from '@/lib/features/registry';
import { modelPage } from '@/tests/fixtures/hub-pages';
import { inventedExpand, inventedFull, NIMBUS } from '@/tests/fixtures/invented-hub';
import { ask, extensionPage, html, importHistory, json, launch, openSettled, routeHub, statOf, type Harness } from './harness';

// What a huggingface.co page could do if it took over the content script: send, from the
// content script's own world in a real Hub tab, every message and open every port that only the
// extension's pages may use, and see each refused with nothing changed. The list is read from
// the handlers' declarations. The content script's world is reached through the page's
// renderer (CDP's isolated-world execution context, harness.ts openSettled), as the browser
// runs it: no test hook in the product.

const handlers = FEATURE_NAMES.flatMap((feature) => Object.entries(BACKGROUND_PARTS[feature]?.handlers ?? {}));
const extensionOnly = handlers.filter(([, h]) => !h.from.includes('hub')).map(([type]) => type);
const ports = FEATURE_NAMES.flatMap((feature) => Object.keys(BACKGROUND_PARTS[feature]?.ports ?? {}));
/** Inputs the handlers accept, so that a refusal is the sender's and not the input's. */
const VALID_INPUT: Record<string, unknown> = { 'watchlist/top': { count: 3 } };

const full = inventedFull(NIMBUS)!;
const header = { id: full.id, likes: full.likes, downloads: full.downloads, trackDownloads: true };
const NOW = Date.now();
const history = {
  format: 'hub-lens-history',
  version: 1,
  exportedAt: new Date(NOW).toISOString(),
  models: [
    {
      id: NIMBUS,
      watched: true,
      snapshots: [1, 2, 3].map((d) => ({ t: new Date(NOW - d * 86_400_000).toISOString(), likes: 2400 - d * 20, downloads: 40_000, downloadsAllTime: null, trendingScore: null })),
    },
  ],
};

let h: Harness;
beforeAll(async () => {
  h = await launch();
  await routeHub(h.context, (route, url) => {
    if (url.pathname.startsWith('/api/models/')) return json(route, inventedExpand(decodeURIComponent(url.pathname.slice(12))) ?? {}, 200);
    if (url.pathname === `/${NIMBUS}`) return html(route, modelPage(header));
    return route.fulfill({ status: 404, body: 'not found' });
  });
  expect(await importHistory(h, history)).toMatchObject({ ok: true });
});
afterAll(() => h?.close());

/** A Hub tab whose content script has shown the panel, and a way to run code in that script's world. */
async function hubTab() {
  const tab = await openSettled(h, `/${NIMBUS}`);
  await expect.poll(() => statOf(tab.page, 'Likes').textContent()).toBe('2,480');
  return tab;
}

/** What the background answered a message sent from the content script's world: its envelope, or how it failed. */
const sendFromScript = (type: string, input = VALID_INPUT[type]) =>
  `chrome.runtime.sendMessage(${JSON.stringify({ type, input })}).then((answer) => ({ answer: answer ?? null }), (e) => ({ failed: String(e) }))`;

describe('a content script in a huggingface.co tab', () => {
  it('is answered what is open to it (the channel works)', async () => {
    const { page, inScript } = await hubTab();
    expect(await inScript(sendFromScript('family/get', { id: NIMBUS }))).toMatchObject({ answer: { ok: true } });
    await page.close();
  });

  it('is refused every message only the extension’s pages may send, and nothing changes', async () => {
    expect(extensionOnly).toContain('history/clear');
    const { page, inScript } = await hubTab();
    for (const type of extensionOnly) {
      const got = await inScript<{ answer?: unknown; failed?: string }>(sendFromScript(type));
      expect(got.answer ?? null, type).toBeNull();
    }
    // The history and the watch list are as they were: the options page still sees them.
    const options = await extensionPage(h);
    expect(await ask(options, 'history/stats')).toMatchObject({ ok: true, value: { models: 1 } });
    expect(await ask(options, 'watchlist/get')).toMatchObject({ ok: true, value: [{ id: NIMBUS }] });
    await options.close();
    await page.close();
  });

  it('is disconnected from the import and export ports without a word', async () => {
    expect(ports.length).toBeGreaterThanOrEqual(2);
    const { page, inScript } = await hubTab();
    for (const name of ports) {
      const got = await inScript<{ disconnected: boolean; received: unknown[] }>(`new Promise((resolve) => {
        const received = [];
        const port = chrome.runtime.connect({ name: ${JSON.stringify(name)} });
        port.onMessage.addListener((m) => received.push(m));
        port.onDisconnect.addListener(() => resolve({ disconnected: true, received }));
        port.postMessage({ kind: 'json' });
        port.postMessage({ type: 'piece', text: ${JSON.stringify(JSON.stringify({ ...history, models: [] }))} });
        port.postMessage({ type: 'end' });
        setTimeout(() => resolve({ disconnected: false, received }), 5000);
      })`);
      expect(got, name).toEqual({ disconnected: true, received: [] });
    }
    await page.close();
  });
});
