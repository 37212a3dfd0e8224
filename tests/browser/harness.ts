import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Route, type Worker } from 'playwright-core';
// @ts-expect-error plain JS helper shared with the scripts
import { extensionArgs, findChromium } from '../../scripts/chromium.mjs';

export const ROOT = path.resolve(__dirname, '../..');
export const EXTENSION = path.join(ROOT, '.output/chrome-mv3');
export const ARTIFACTS = path.join(ROOT, 'tests/artifacts');

export interface Harness {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/** A fresh profile with the built extension loaded, and no route to the real network. */
export async function launch(): Promise<Harness> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'hub-lens-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.HUB_LENS_CHROMIUM ?? findChromium() ?? undefined,
    headless: true,
    args: extensionArgs(EXTENSION),
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

/** An extension page, to talk to the background the way the extension's own pages do. */
export async function extensionPage(h: Harness): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/popup.html`);
  return page;
}

/** Seed history through the background's own import path. */
export async function importHistory(h: Harness, file: unknown): Promise<any> {
  const page = await extensionPage(h);
  const result = await page.evaluate(
    (text) => chrome.runtime.sendMessage({ type: 'history/import', text }),
    JSON.stringify(file),
  );
  await page.close();
  return result;
}

export async function screenshot(page: Page, name: string, selector = '[data-hub-lens="panel"]'): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const target = page.locator(selector).first();
  await target.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}
