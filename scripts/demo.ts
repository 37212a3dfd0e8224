// `npm run demo`: Hub Lens on replayed Hub pages, with no network. Headless (`--headless`, or no
// display) it writes screenshots to demo-screenshots/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { headerProps, modelPage } from '../tests/fixtures/hub-pages';
// @ts-expect-error plain JS helpers
import { extensionArgs } from './chromium.mjs';
// @ts-expect-error plain JS helpers
import { ensureChromium } from './ensure-chromium.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const DATA = path.join(ROOT, 'tests/fixtures/demo');
const OUT = path.join(ROOT, 'demo-screenshots');
const headless = process.argv.includes('--headless') || (process.platform === 'linux' && !process.env.DISPLAY);
const readJson = (file: string) => JSON.parse(readFileSync(path.join(DATA, file), 'utf8'));

const executablePath = await ensureChromium();
if (spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) process.exit(1);

// A real trending trajectory (GLM-5.2, June–August 2026), shifted so that it ends an hour ago.
const history = readJson('history-GLM-5.2.json');
const snaps = history.models[0].snapshots as { t: string; likes: number; downloads: number }[];
const shift = Date.now() - 3_600_000 - Date.parse(snaps[snaps.length - 1]!.t);
for (const s of snaps) s.t = new Date(Date.parse(s.t) + shift).toISOString();
const last = snaps[snaps.length - 1]!;
const glm = { id: 'zai-org/GLM-5.2', likes: last.likes, downloads: last.downloads, trackDownloads: true, pipeline_tag: 'text-generation', library_name: 'transformers' };
// QwQ-32B-Preview: the real API responses of 2 December 2024, seen for the first time.
const qwqFull = readJson('model-full-Qwen--QwQ-32B-Preview.json');
const qwqList = readJson('list-entry-Qwen--QwQ-32B-Preview.json');
const qwq = { id: qwqFull.id, likes: qwqFull.likes, downloads: qwqFull.downloads, trackDownloads: true, pipeline_tag: qwqFull.pipeline_tag, library_name: qwqFull.library_name, tags: qwqFull.tags, cardData: qwqFull.cardData };

const pages: Record<string, (dark: boolean) => string> = {
  '/zai-org/GLM-5.2': (dark) => modelPage(glm, { dark, props: headerProps(glm) }),
  '/Qwen/QwQ-32B-Preview': (dark) => modelPage(qwq, { dark }),
};
const api: Record<string, unknown> = {
  // No real expand[] answer was saved for GLM-5.2: this one repeats its last real snapshot.
  'zai-org/GLM-5.2': { _id: '6853c0a1e0b2a1f0c0ffee52', id: glm.id, likes: glm.likes, downloads: glm.downloads, trendingScore: 290, pipeline_tag: 'text-generation', tags: [] },
  'Qwen/QwQ-32B-Preview': qwqList,
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
  if (url.pathname.startsWith('/api/models/')) {
    const body = api[decodeURIComponent(url.pathname.slice('/api/models/'.length))];
    return body ? route.fulfill({ json: body }) : route.fulfill({ status: 404, json: { error: 'Repository not found' } });
  }
  const page = pages[url.pathname];
  return page ? route.fulfill({ contentType: 'text/html', body: page(dark) }) : route.fulfill({ status: 404, body: 'Not in this replay' });
});

const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;
const seeder = await context.newPage();
await seeder.goto(`chrome-extension://${extensionId}/popup.html`);
const imported = await seeder.evaluate((text) => chrome.runtime.sendMessage({ type: 'history/import', text }), JSON.stringify(history));
await seeder.close();
console.log('Seeded the history with a real trajectory:', JSON.stringify(imported));

const page = context.pages()[0] ?? (await context.newPage());
if (headless) {
  mkdirSync(OUT, { recursive: true });
  for (const [name, url, isDark] of [
    ['glm-light', '/zai-org/GLM-5.2', false],
    ['glm-dark', '/zai-org/GLM-5.2', true],
    ['qwq-first-view', '/Qwen/QwQ-32B-Preview', false],
  ] as const) {
    dark = isDark;
    await page.goto(`https://huggingface.co${url}`);
    await page.locator('[data-hub-lens="panel"] .stat').first().waitFor();
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(OUT, `${name}.png`), clip: { x: 0, y: 0, width: 1280, height: 560 } });
    console.log(`wrote ${path.relative(ROOT, path.join(OUT, `${name}.png`))}`);
  }
  await context.close();
  rmSync(profile, { recursive: true, force: true });
} else {
  await page.goto('https://huggingface.co/zai-org/GLM-5.2');
  console.log('Replay open: /zai-org/GLM-5.2 and /Qwen/QwQ-32B-Preview. Close the browser to end the demo.');
  await new Promise((resolve) => context.on('close', resolve));
  rmSync(profile, { recursive: true, force: true });
}
