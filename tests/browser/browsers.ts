// One way to launch either browser with the built extension and a stand-in huggingface.co, so that a
// test written once runs in Chromium and in Firefox. Both are driven by puppeteer-core: Chromium over
// CDP, Firefox ESR over WebDriver BiDi (Playwright's Firefox is a patched build of its own, which
// cannot be had where only the system's browsers can). The Hub is served by a local proxy
// (hub-proxy.ts), which sees every request, the background's too.
//
// To test a feature in both browsers, add a file to tests/browser/both/:
//   inEachBrowser('the Field page', (name) => {
//     let l: Lens;
//     beforeAll(async () => { l = await launchLens(name); l.serve(({ url }) => json(...)); });
//     afterAll(() => l?.close());
//     it('…', async () => { const { page } = await l.openHub('/models'); … });
//   });
// Hub pages are puppeteer pages (`>>>` reaches into shadow roots); extension pages are driven by
// functions of their window (ExtensionView.run), as Firefox lets no WebDriver into them.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helpers shared with the scripts
import { extensionArgs, findChromium } from '@/scripts/chromium.mjs';
// @ts-expect-error plain JS helpers shared with the scripts
import { FIREFOX_HELP, findFirefox } from '@/scripts/firefox.mjs';
import { ARTIFACTS, ROOT } from './harness';
import { ExtensionConsole } from './firefox-devtools';
import { startHubProxy, type HubHandler, type HubProxy } from './hub-proxy';

export type BrowserName = 'chromium' | 'firefox';

/** The browsers `npm test` runs the shared tests in: both, or the one `HUB_LENS_BROWSER` names. */
export const BROWSERS: BrowserName[] = (() => {
  const only = process.env.HUB_LENS_BROWSER;
  return only === 'chromium' || only === 'firefox' ? [only] : ['chromium', 'firefox'];
})();

/**
 * `describe('<title> in <browser>', body)` once per browser: a test written once runs in both. Where
 * no Firefox is installed its half is skipped (npm test says what is missing), except with
 * HUB_LENS_REQUIRE_FIREFOX=1 (CI), where it runs and fails.
 */
export function inEachBrowser(title: string, body: (name: BrowserName) => void): void {
  for (const name of BROWSERS) {
    const missing = name === 'firefox' && !findFirefox();
    if (missing && process.env.HUB_LENS_REQUIRE_FIREFOX === '1') {
      describe(`${title} in ${name}`, () => it('has a Firefox to run in', () => expect.fail(FIREFOX_HELP)));
      continue;
    }
    describe.skipIf(missing)(`${title} in ${name}`, () => body(name));
  }
}

const PACKAGE: Record<BrowserName, string> = {
  chromium: path.join(ROOT, '.output/chrome-mv3'),
  firefox: path.join(ROOT, '.output/firefox-mv3'),
};
const GECKO_ID = 'hub-lens@hub-lens.dev';

/**
 * An extension page, driven by functions of its window: `fn` is sent as text, so it may use only
 * its arguments (in Firefox it runs in the background page's realm, on the page's window: make
 * events and files with `win.Event`, `win.File`).
 */
export interface ExtensionView {
  run<T, A = undefined>(fn: (win: Window & typeof globalThis, arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  close(): Promise<void>;
}

export interface Lens {
  name: BrowserName;
  browser: Browser;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  origin: string;
  /** Serve https://huggingface.co from this handler (replacing the previous one). */
  serve(handler: HubHandler): void;
  /** A huggingface.co page in a new tab, its own errors collected. */
  openHub(pathname: string): Promise<{ page: Page; errors: string[] }>;
  /** One of the extension's pages (`options.html`, `popup.html`) in a new tab, once its body has content. */
  openExtension(file: string): Promise<ExtensionView>;
  /** Errors the extension's own pages and background reported, as far as the browser lets a test see them. */
  extensionErrors(): string[];
  /** The files the browser downloaded, by name (each test's export lands here). */
  downloads: string;
  close(): Promise<void>;
}

/** Launch a fresh profile of `name` with the built extension, offline but for the stand-in Hub. */
export async function launchLens(name: BrowserName): Promise<Lens> {
  const extension = PACKAGE[name];
  if (!existsSync(path.join(extension, 'manifest.json'))) throw new Error(`No built extension at ${extension}: run npm test (it builds both).`);
  const proxy = await startHubProxy();
  const profile = mkdtempSync(path.join(tmpdir(), `hub-lens-${name}-`));
  const downloads = path.join(profile, 'downloads');
  mkdirSync(downloads);
  try {
    return name === 'firefox' ? await launchFirefox(extension, proxy, profile, downloads) : await launchChromium(extension, proxy, profile, downloads);
  } catch (e) {
    await proxy.close();
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
}

async function launchChromium(extension: string, proxy: HubProxy, profile: string, downloads: string): Promise<Lens> {
  const browser = await puppeteer.launch({
    browser: 'chrome',
    executablePath: process.env.HUB_LENS_CHROMIUM ?? findChromium() ?? undefined,
    headless: true,
    userDataDir: path.join(profile, 'chromium'),
    enableExtensions: true,
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 860 },
    args: [...extensionArgs(extension), `--proxy-server=http://127.0.0.1:${proxy.port}`, '--proxy-bypass-list=<-loopback>', '--ignore-certificate-errors'],
  });
  const errors: string[] = [];
  const worker = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 20_000 });
  const origin = `chrome-extension://${new URL(worker.url()).host}`;
  (await worker.worker())?.on('console', (m) => m.type() === 'error' && errors.push(`background: ${m.text()}`));
  const session = await browser.target().createCDPSession();
  await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, eventsEnabled: true });
  return lens('chromium', browser, origin, proxy, profile, downloads, () => errors, async (file) => {
    const page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(`${file}: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`${file}: ${e}`));
    await page.goto(`${origin}/${file}`);
    await waitFor(() => page.evaluate(() => document.readyState === 'complete' && (document.body?.childElementCount ?? 0) > 0));
    return {
      run: (fn, arg) => page.evaluate(`(${fn})(window, ${JSON.stringify(arg ?? null)})`) as Promise<any>,
      close: () => page.close(),
    };
  }, async () => {});
}

async function launchFirefox(extension: string, proxy: HubProxy, profile: string, downloads: string): Promise<Lens> {
  const firefox = findFirefox();
  if (!firefox) throw new Error(FIREFOX_HELP);
  const uuid = randomUUID();
  const devtoolsPort = await freePort();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefox,
    headless: true,
    userDataDir: path.join(profile, 'firefox'),
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 860 },
    args: ['--start-debugger-server', String(devtoolsPort)],
    extraPrefsFirefox: {
      // The remote debugging protocol, on this run's port, without a prompt (see firefox-devtools.ts).
      'devtools.debugger.remote-enabled': true,
      'devtools.chrome.enabled': true,
      'devtools.debugger.prompt-connection': false,
      // Every request goes through the stand-in Hub's proxy, which refuses all but huggingface.co.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxy.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.dns.disableIPv6': true,
      'network.http.http3.enable': false,
      // The extension's pages get a known origin.
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      // Errors of extension pages and the background are written to standard output.
      'devtools.console.stdout.content': true,
      // Downloads land in the profile without asking.
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.alwaysOpenPanel': false,
    },
  });
  const errors: string[] = [];
  const origin = `moz-extension://${uuid}`;
  // Firefox writes (stdout, stderr) console.error calls of pages (the content script's among them) and uncaught
  // errors with their script's URL: ours are in moz-extension://<uuid>/…, or "debugger eval code"
  // for code a test ran in an extension page. The test pages of huggingface.co log no errors.
  const ours = new RegExp(`^(console\\.error: |JavaScript error: (${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|debugger eval code))`);
  for (const stream of [browser.process()?.stdout, browser.process()?.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (ours.test(line)) errors.push(line.trim());
    });
  }
  await browser.installExtension(extension);
  const devtools = await ExtensionConsole.attach(devtoolsPort, GECKO_ID);
  return lens('firefox', browser, origin, proxy, profile, downloads, () => errors, async (file) => {
    const tabId = await devtools.run<number>(null, String(async (bg: any, url: string) => (await bg.browser.tabs.create({ url })).id), `${origin}/${file}`);
    const ready = String((win: any) => !!win && win.document.readyState === 'complete' && win.document.body.childElementCount > 0);
    await waitFor(() => devtools.run<boolean>(file, ready, null));
    return {
      run: (fn, arg) => devtools.run(file, String(fn), arg ?? null),
      close: () => devtools.run(null, String((bg: any, id: number) => bg.browser.tabs.remove(id)), tabId),
    };
  }, async () => devtools.close());
}

function lens(
  name: BrowserName,
  browser: Browser,
  origin: string,
  proxy: HubProxy,
  profile: string,
  downloads: string,
  errors: () => string[],
  openExtension: (file: string) => Promise<ExtensionView>,
  detach: () => Promise<void>,
): Lens {
  return {
    name,
    browser,
    origin,
    downloads,
    serve: (handler) => proxy.serve(handler),
    async openHub(pathname) {
      const page = await browser.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      await page.goto(`https://huggingface.co${pathname}`);
      return { page, errors: pageErrors };
    },
    openExtension,
    extensionErrors: errors,
    async close() {
      await detach();
      await browser.close().catch(() => {});
      await proxy.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Poll `check` until it holds (every 50 ms, up to `timeout` ms). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeout = 15_000): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`waited ${timeout} ms for ${check.toString().slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The downloaded file whose name matches, once it is complete. */
export async function downloaded(l: Lens, name: RegExp): Promise<string> {
  let file = '';
  await waitFor(() => {
    file = readdirSync(l.downloads).find((f) => name.test(f)) ?? '';
    return file !== '' && !readdirSync(l.downloads).some((f) => /\.(part|crdownload)$/.test(f));
  });
  return readFileSync(path.join(l.downloads, file), 'utf8');
}

export async function shot(page: Page, name: string, selector: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const target = await page.$(selector);
  await target?.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) as `${string}.png` });
}

/** The text of the first element matching `selector` (`>>>` goes into shadow roots), or null. */
export async function textOf(page: Page, selector: string): Promise<string | null> {
  const el = await page.$(selector);
  return el ? el.evaluate((e) => e.textContent) : null;
}
