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
/** The value of one of the panel's counters, by its label. */
export const statOf = (page: Page, label: string) =>
  panelOf(page).locator('.stat', { has: page.locator('.stat-label', { hasText: label }) }).locator('.stat-value');
