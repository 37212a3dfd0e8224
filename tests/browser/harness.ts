import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Route, type Worker } from 'playwright-core';
// @ts-expect-error plain JS helper shared with the scripts
import { extensionArgs, findChromium } from '@/scripts/chromium.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const EXTENSION = path.join(ROOT, '.output/chrome-mv3');
export const ARTIFACTS = path.join(ROOT, 'tests/artifacts');

export interface Harness {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/** A fresh profile with the built extension loaded, and no route to the real network. */
export async function launch(extension = EXTENSION): Promise<Harness> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'hub-lens-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.HUB_LENS_CHROMIUM ?? findChromium() ?? undefined,
    headless: true,
    args: extensionArgs(extension),
    viewport: { width: 1280, height: 860 },
  });
  // Anything not routed by a test is refused: tests never reach the network.
  await context.route(/^https?:\/\//, (route) => route.abort('internetdisconnected'));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export type Handler = (route: Route, url: URL) => Promise<void> | void;

/** Serve https://huggingface.co/** from a handler (routes added later win). */
export async function routeHub(context: BrowserContext, handler: Handler): Promise<void> {
  await context.route('https://huggingface.co/**', (route) => handler(route, new URL(route.request().url())));
}

export const json = (route: Route, body: unknown, status = 200, headers: Record<string, string> = {}) =>
  route.fulfill({ status, contentType: 'application/json', headers, body: JSON.stringify(body) });

export const html = (route: Route, body: string) => route.fulfill({ status: 200, contentType: 'text/html', body });

/** An extension page to talk to the background as the extension's own pages do: the options page (the popup marks warnings seen). */
export async function extensionPage(h: Harness): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/options.html`);
  return page;
}

/** The toolbar popup, opened as a page. */
export async function openPopup(h: Harness): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
  return page;
}

/** Ask the background as the extension's own pages do: `{ ok, value }` or `{ ok: false, error }`. */
export const ask = (page: Page, type: string, input?: unknown) =>
  page.evaluate(([type, input]) => chrome.runtime.sendMessage({ type, input }), [type, input] as const);

/** Import a history file from an extension page, the way the options page does (a port, in pieces). */
export const importFrom = (page: Page, text: string): Promise<any> =>
  page.evaluate(
    (text) =>
      new Promise((resolve) => {
        const port = chrome.runtime.connect({ name: 'history-import' });
        port.onMessage.addListener((m) => m.type === 'result' && resolve(m.result));
        const PIECE = 4 * 1024 * 1024;
        for (let i = 0; i < text.length; i += PIECE) port.postMessage({ type: 'piece', text: text.slice(i, i + PIECE) });
        port.postMessage({ type: 'end' });
      }),
    text,
  );

/** Seed history through the background's own import path. */
export async function importHistory(h: Harness, file: unknown): Promise<any> {
  const page = await extensionPage(h);
  const result = await importFrom(page, JSON.stringify(file));
  await page.close();
  return result;
}

/** The service worker as it is now (it may have been stopped and started again). */
export async function currentWorker(h: Harness): Promise<Worker> {
  return h.context.serviceWorkers()[0] ?? h.context.waitForEvent('serviceworker');
}

/** Fire the watch list's poll alarm now and wait for its tick to end; returns the tick's record. */
export async function pollNow(h: Harness): Promise<any> {
  const worker = await currentWorker(h);
  const lastRun = () => worker.evaluate(async () => ((await chrome.storage.session.get('poll-state'))['poll-state'] as any)?.lastRun);
  const before = (await lastRun())?.at ?? 0;
  // An unpacked extension's alarm fires at the time asked for; the tick records when it ends.
  await worker.evaluate(() => chrome.alarms.create('poll-watched', { when: Date.now() }));
  let run: any;
  for (let i = 0; i < 200 && !(run && run.at > before); i++) {
    await new Promise((r) => setTimeout(r, 50));
    run = await lastRun();
  }
  await worker.evaluate(() => chrome.alarms.create('poll-watched', { periodInMinutes: 1, delayInMinutes: 1 }));
  if (!(run && run.at > before)) throw new Error('the poll alarm did not run');
  return run;
}

export async function screenshot(page: Page, name: string, selector = '[data-hub-lens="panel"]'): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const target = page.locator(selector).first();
  await target.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Open a huggingface.co path in a new tab, collecting the page's own errors. */
export async function openHub(h: Harness, path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await h.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`https://huggingface.co${path}`);
  return { page, errors };
}

export const panelOf = (page: Page) => page.locator('[data-hub-lens="panel"]');
/** The value of one of the panel's counters as shown, by its label (a screen reader hears it exact, beside). */
export const statOf = (page: Page, label: string) =>
  panelOf(page).locator('.stat', { has: page.locator('.stat-label', { hasText: label }) }).locator('.stat-value > [aria-hidden="true"]');

/** The name of the content script's isolated world, as the renderer reports it (the extension's name). */
const SCRIPT_WORLD = 'Hub Lens';

export interface SettledPage {
  page: Page;
  errors: string[];
  /** did the content script's world appear in the page's main frame? */
  scriptLoaded: boolean;
  /** evaluate an expression in the content script's world (its `chrome.runtime`), as the page cannot */
  inScript<T>(expression: string): Promise<T>;
}

/**
 * Open a huggingface.co path and return once the browser has decided about the content script:
 * the page has loaded and its event loop gone idle (document_idle, when Chrome injects it), and
 * every world the renderer made for it has been reported (CDP's execution contexts). A positive
 * sign to wait for before asserting that something is absent, instead of a fixed sleep.
 */
export async function openSettled(h: Harness, path: string): Promise<SettledPage> {
  const page = await h.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const cdp = await h.context.newCDPSession(page);
  const worlds: { id: number; name: string; frameId?: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push({ id: context.id, name: context.name, frameId: context.auxData?.frameId }));
  cdp.on('Runtime.executionContextsCleared', () => (worlds.length = 0));
  await cdp.send('Runtime.enable');
  await page.goto(`https://huggingface.co${path}`, { waitUntil: 'load' });
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
  // A round trip on the same session: every context reported before it has arrived.
  await cdp.send('Runtime.evaluate', { expression: '0' });
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const world = worlds.find((w) => w.name === SCRIPT_WORLD && w.frameId === frameTree.frame.id);
  return {
    page,
    errors,
    scriptLoaded: world !== undefined,
    async inScript<T>(expression: string) {
      if (!world) throw new Error(`the content script is not loaded on ${path}`);
      const r = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      return r.result.value as T;
    },
  };
}
