// `npm run demo`: Hub Lens on replayed Hub pages, with no network. Headless (`--headless`, or no
// display) it writes screenshots to demo-screenshots/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { headerProps, listPage, modelPage } from '@/tests/fixtures/hub-pages';
import { importFrom } from '@/tests/browser/harness';
import { ATLAS, inventedChildren, inventedExpand, inventedHistoryFile, inventedList, NIMBUS, NIMBUS_GGUF, ZEPHYRINE } from '@/tests/fixtures/invented-hub';
// @ts-expect-error plain JS helpers
import { extensionArgs } from './chromium.mjs';
// @ts-expect-error plain JS helpers
import { ensureChromium } from './ensure-chromium.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'demo-screenshots');
const headless = process.argv.includes('--headless') || (process.platform === 'linux' && !process.env.DISPLAY);

const executablePath = await ensureChromium();
if (spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) process.exit(1);

// The invented Hub (tests/fixtures/invented-hub.ts): a big launch two days old, a steady workhorse
// and a bought-likes campaign, recorded until an hour ago; a GGUF copy of the launch seen for the
// first time; the trending list of 50 models.
const history = inventedHistoryFile([NIMBUS, ATLAS, ZEPHYRINE], Date.now() - 3_600_000);
const header = (id: string) => {
  const a = inventedExpand(id)!;
  return { id, likes: a.likes, downloads: a.downloads, downloadsAllTime: a.downloadsAllTime, trackDownloads: true, pipeline_tag: a.pipeline_tag, library_name: a.library_name, tags: a.tags, cardData: a.cardData, ...(a.gguf ? { gguf: {} } : {}) };
};
const pages: Record<string, (dark: boolean) => string> = {
  '/models': (dark) => listPage(inventedList(), { dark, title: 'Models (trending)' }),
};
for (const id of [NIMBUS, ATLAS, ZEPHYRINE, NIMBUS_GGUF]) pages[`/${id}`] = (dark) => modelPage(header(id), { dark, props: headerProps(header(id)) });
/** The API: one model's expand answer; lists: a family's children, else the trending list. */
const api = (url: URL): unknown => {
  if (url.pathname === '/api/models') {
    const filter = url.searchParams.get('filter');
    return filter?.startsWith('base_model:') ? inventedChildren(filter.slice('base_model:'.length)) : inventedList();
  }
  return inventedExpand(decodeURIComponent(url.pathname.slice('/api/models/'.length)));
};

const profile = mkdtempSync(path.join(tmpdir(), 'hub-lens-demo-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless,
  viewport: { width: 1280, height: 820 },
  args: extensionArgs(path.join(ROOT, '.output/chrome-mv3')),
});
let dark = false;
await context.route(/^https?:\/\//, (route) => route.abort('internetdisconnected'));
await context.route('https://huggingface.co/**', (route) => {
  const url = new URL(route.request().url());
  if (url.pathname.startsWith('/api/models')) {
    const body = api(url);
    return body ? route.fulfill({ json: body }) : route.fulfill({ status: 404, json: { error: 'Repository not found' } });
  }
  const page = pages[url.pathname];
  return page ? route.fulfill({ contentType: 'text/html', body: page(dark) }) : route.fulfill({ status: 404, body: 'Not in this replay' });
});

const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;
const seeder = await context.newPage();
await seeder.goto(`chrome-extension://${extensionId}/options.html`);
const imported = await importFrom(seeder, JSON.stringify(history));
await seeder.close();
console.log('Seeded the history with invented trajectories:', JSON.stringify(imported));

const page = context.pages()[0] ?? (await context.newPage());
if (headless) {
  mkdirSync(OUT, { recursive: true });
  for (const [name, url, isDark] of [
    ['launch-light', `/${NIMBUS}`, false],
    ['launch-dark', `/${NIMBUS}`, true],
    ['campaign-light', `/${ZEPHYRINE}`, false],
    ['workhorse-dark', `/${ATLAS}`, true],
    ['gguf-first-view', `/${NIMBUS_GGUF}`, false],
    ['list-light', '/models', false],
  ] as const) {
    dark = isDark;
    await page.goto(`https://huggingface.co${url}`);
    await page.locator(url === '/models' ? '[data-hub-lens="badges"]' : '[data-hub-lens="panel"] .stat').first().waitFor();
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(OUT, `${name}.png`), clip: { x: 0, y: 0, width: 1280, height: 560 } });
    console.log(`wrote ${path.relative(ROOT, path.join(OUT, `${name}.png`))}`);
  }
  await context.close();
  rmSync(profile, { recursive: true, force: true });
} else {
  await page.goto(`https://huggingface.co/${NIMBUS}`);
  console.log(`Replay open: ${Object.keys(pages).join(', ')}. Close the browser to end the demo.`);
  await new Promise((resolve) => context.on('close', resolve));
  rmSync(profile, { recursive: true, force: true });
}
