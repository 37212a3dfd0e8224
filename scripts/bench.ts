// `npm run bench`: budgets measured in real Chromium, printed as tables.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { listPage } from '../tests/fixtures/hub-pages';
import { ATLAS, inventedList, inventedSnapshots } from '../tests/fixtures/invented-hub';
import { realPath } from '../tests/real-data';
import { importFrom } from '../tests/browser/harness';
import { budgetLeft, planPoll, POLL_BUDGET, TICK_MS, type PollCandidate } from '../lib/features/watch/poll-plan';
// @ts-expect-error plain JS helpers
import { extensionArgs } from './chromium.mjs';
// @ts-expect-error plain JS helpers
import { ensureChromium } from './ensure-chromium.mjs';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const options = { models: arg('models', 1000), days: arg('days', 365), reads: arg('reads', 200) };
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

const executablePath = await ensureChromium();
function build(target: string[]): boolean {
  const r = spawnSync('npx', ['wxt', 'build', ...target], { encoding: 'utf8' });
  if (r.status !== 0) console.error(r.stdout, r.stderr);
  return r.status === 0;
}

async function withExtension<T>(
  dir: string,
  run: (context: BrowserContext, extensionId: string) => Promise<T>,
  afterClose?: (profile: string) => void,
): Promise<T> {
  const profile = mkdtempSync(path.join(tmpdir(), 'hub-lens-bench-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: extensionArgs(path.resolve(dir)) });
  try {
    await context.route(/^https?:\/\//, (route) => route.abort('internetdisconnected'));
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    return await run(context, new URL(worker.url()).host);
  } finally {
    await context.close();
    afterClose?.(profile);
    rmSync(profile, { recursive: true, force: true });
  }
}

if (!only || only === 'list') {
  if (!build([])) process.exit(1);
  await withExtension('.output/chrome-mv3', benchListPage);
}
if (!only || only === 'popup') {
  if (!build([])) process.exit(1);
  await withExtension('.output/chrome-mv3', benchPopup);
  benchPolling();
}
if (!only || only === 'storage') {
  if (!build(['-b', 'bench'])) process.exit(1);
  await benchStorage();
}

/** A list page of 30 cards: requests, time to the last badge, long tasks, layout shift. */
async function benchListPage(context: BrowserContext) {
  // The real trending list where the real Hub data is at hand (tests/real-data.ts), else the invented one.
  const realList = realPath('fixtures/hub-api', 'list-models-default-sort-trending-limit50-2024-12-02.json');
  const [list, source] = existsSync(realList)
    ? [JSON.parse(readFileSync(realList, 'utf8')).slice(0, 30), 'real cards (trending list of 2024-12-02)']
    : [inventedList(30), 'invented cards (the invented trending list)'];
  let apiCalls = 0;
  let answeredAt = 0;
  await context.route('https://huggingface.co/**', async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/api/models') {
      apiCalls++;
      answeredAt = Date.now();
      return route.fulfill({ json: list });
    }
    return route.fulfill({ contentType: 'text/html', body: listPage(list, { title: 'Models' }) });
  });
  const runs = 5;
  const rows: number[][] = [];
  for (let i = 0; i < runs; i++) {
    apiCalls = 0;
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as any;
      w.__longTasks = [];
      w.__shift = 0;
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__longTasks.push([e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
      new PerformanceObserver((l) => l.getEntries().forEach((e: any) => (w.__shift += e.hadRecentInput ? 0 : e.value))).observe({ type: 'layout-shift', buffered: true });
    });
    // A new search each run, so the background makes its list call every time.
    await page.goto(`https://huggingface.co/models?sort=trending&search=run-${i}`);
    const loadedAt = await page.evaluate(() => performance.now());
    await page.waitForFunction(() => document.querySelectorAll('[data-hub-lens="badge"]').length === 30, null, { timeout: 20_000 });
    const doneAt = Date.now();
    await page.waitForTimeout(300);
    const m = await page.evaluate((since) => {
      const w = window as any;
      const tasks = w.__longTasks.filter(([start]: number[]) => start! >= since).map(([, d]: number[]) => d);
      return { longest: Math.max(0, ...tasks), count: tasks.length, shift: w.__shift };
    }, loadedAt);
    rows.push([apiCalls, doneAt - answeredAt, m.count, m.longest, m.shift]);
    await page.close();
  }
  const worst = (c: number) => Math.max(...rows.map((r) => r[c]!));
  const median = (c: number) => rows.map((r) => r[c]!).sort((a, b) => a - b)[Math.floor(rows.length / 2)]!;
  console.log(`List page: 30 ${source}, ${runs} fresh loads\n`);
  table([
    ['figure', 'median', 'worst', 'target'],
    ['Hub API requests per page', String(median(0)), String(worst(0)), '≤ 2 (with the one batched background message)'],
    ['list response → last badge', `${median(1)} ms`, `${worst(1)} ms`, '≤ 100 ms'],
    ['long tasks after load', String(median(2)), String(worst(2)), '0 over 50 ms'],
    ['longest task after load', `${median(3).toFixed(0)} ms`, `${worst(3).toFixed(0)} ms`, '≤ 50 ms'],
    ['layout shift of the page', median(4).toFixed(4), worst(4).toFixed(4), '0'],
  ]);
  console.log('');
}

/** The popup with 1,000 watched models (an invented workhorse's 60 days, repeated under invented names). */
async function benchPopup(context: BrowserContext, id: string) {
  const snapshots = inventedSnapshots(ATLAS, Date.now() - 3_600_000).map((s) => ({ ...s, t: new Date(s.t).toISOString() }));
  const models = Array.from({ length: 1000 }, (_, i) => ({ id: `invented-org/watched-${i}`, watched: true, snapshots }));
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/popup.html`);
  const file = JSON.stringify({ format: 'hub-lens-history', version: 1, exportedAt: new Date().toISOString(), models });
  await importFrom(page, file);
  const rows: number[][] = [];
  for (let i = 0; i < 5; i++) {
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('hub-lens:rows-rendered').length > 0, null, { timeout: 30_000 });
    await page.waitForTimeout(50);
    rows.push(
      // No helper functions inside: the page cannot see the bundler's wrappers.
      await page.evaluate(() => {
        const loaded = performance.getEntriesByName('hub-lens:rows-loaded')[0]!.startTime;
        const rendered = performance.getEntriesByName('hub-lens:rows-rendered')[0]!.startTime;
        return [loaded, rendered - loaded, document.querySelectorAll('tbody tr').length];
      }),
    );
  }
  const median = (c: number) => rows.map((r) => r[c]!).sort((a, b) => a - b)[2]!;
  console.log(`Popup: 1,000 watched models of ${snapshots.length} snapshots each, 5 opens\n`);
  table([
    ['figure', 'median', 'worst', 'target'],
    ['open → rows from the background', `${median(0).toFixed(0)} ms`, `${Math.max(...rows.map((r) => r[0]!)).toFixed(0)} ms`, ''],
    ['render of the table', `${median(1).toFixed(0)} ms`, `${Math.max(...rows.map((r) => r[1]!)).toFixed(0)} ms`, '≤ 100 ms'],
    ['rows in the DOM (virtualised, of 1,000)', String(median(2)), '', ''],
  ]);
  console.log('');
}

/** Polling 1,000 watched models: the real schedule (planPoll, budget) run on a simulated clock. */
function benchPolling() {
  const rows: string[][] = [['period', 'calls per 5-min window, peak', 'time to poll all 1,000 once', 'budget']];
  for (const minutes of [15, 60, 1440]) {
    const periodMs = minutes * 60_000;
    const models: PollCandidate[] = Array.from({ length: 1000 }, (_, i) => ({ id: `m${i}` }));
    const calls: number[] = [];
    let allAt = -1;
    for (let now = 0; now < 3 * periodMs && now < 48 * 3_600_000; now += TICK_MS) {
      for (const id of planPoll(models, now, periodMs, budgetLeft(calls, now))) {
        calls.push(now);
        models.find((m) => m.id === id)!.lastApiFetch = now;
      }
      if (allAt < 0 && models.every((m) => m.lastApiFetch !== undefined)) allAt = now;
    }
    let peak = 0;
    for (const t of calls) peak = Math.max(peak, calls.filter((c) => c >= t && c < t + POLL_BUDGET.windowMs).length);
    rows.push([`${minutes} min`, String(peak), `${(allAt / 60_000).toFixed(0)} min`, `≤ ${POLL_BUDGET.calls} (80% of 500)`]);
  }
  console.log('Polling: 1,000 watched models, all due at once (simulated clock, the shipped scheduler)\n');
  table(rows);
  console.log('');
}

/** Packed history against a one-record-per-snapshot layout, inside the extension's origin. */
async function benchStorage() {
  const o = options;
  console.log(`Storage: ${o.models} models × ${o.days} days of hourly snapshots (invented random walks)\n`);
  const onPage = <T>(fn: (page: Page) => Promise<T>, afterClose?: (profile: string) => void) =>
    withExtension(
      '.output/bench-mv3',
      async (context, id) => {
        const page = await context.newPage();
        await page.goto(`chrome-extension://${id}/bench.html`);
        return fn(page);
      },
      afterClose,
    );
  const call = (page: Page, fn: string, ...args: unknown[]) =>
    page.evaluate(([f, a]) => (globalThis as any)[f as string](...(a as unknown[])), [fn, args] as const) as Promise<any>;

  const ingest = await onPage(async (page) => ({ packed: await call(page, 'benchIngest', 'packed', o), naive: await call(page, 'benchIngest', 'naive', o) }));
  // Size and reads: each layout alone in a fresh profile, holding what retention keeps.
  const layouts: Record<string, any> = {};
  for (const layout of ['packed', 'naive']) {
    let disk = 0;
    const result = await onPage(async (page) => {
      const before = await call(page, 'benchUsage');
      const retained = await call(page, 'benchWriteRetained', layout, o);
      await page.waitForTimeout(2000); // the quota manager updates usage asynchronously
      const after = await call(page, 'benchUsage');
      const reads = await call(page, 'benchReads', layout, o);
      return { retained, estimate: after - before, reads };
    }, (profile) => (disk = diskBytes(profile)));
    layouts[layout] = { ...result, disk };
  }
  const p = layouts.packed;
  const n = layouts.naive;
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const per = (bytes: number) => (bytes / p.retained).toFixed(1);
  table([
    ['figure', 'packed (Hub Lens)', 'naive (1 record/snapshot)', 'ratio', 'target'],
    ['ingest, snapshots/s', fmt(ingest.packed.perSec), fmt(ingest.naive.perSec), `${(ingest.packed.perSec / ingest.naive.perSec).toFixed(1)}× faster`, ''],
    ['bytes/retained snapshot (storage.estimate)', per(p.estimate), per(n.estimate), `${(n.estimate / p.estimate).toFixed(1)}× smaller`, '≤ 32, ≥ 3× smaller'],
    ['bytes/retained snapshot (IndexedDB files on disk)', per(p.disk), per(n.disk), `${(n.disk / p.disk).toFixed(1)}× smaller`, ''],
    ['30-day read p50', ms(p.reads.read30.p50), ms(n.reads.read30.p50), `${(n.reads.read30.p50 / p.reads.read30.p50).toFixed(1)}× faster`, ''],
    ['30-day read p95', ms(p.reads.read30.p95), ms(n.reads.read30.p95), `${(n.reads.read30.p95 / p.reads.read30.p95).toFixed(1)}× faster`, '≤ 5 ms, ≥ 3× faster'],
    ['all-time read p50', ms(p.reads.readAll.p50), ms(n.reads.readAll.p50), `${(n.reads.readAll.p50 / p.reads.readAll.p50).toFixed(1)}× faster`, ''],
    ['all-time read p95', ms(p.reads.readAll.p95), ms(n.reads.readAll.p95), `${(n.reads.readAll.p95 / p.reads.readAll.p95).toFixed(1)}× faster`, ''],
  ]);
  console.log(`\n${fmt(o.models * o.days * 24)} snapshots ingested, ${fmt(p.retained)} retained (${(p.retained / o.models).toFixed(0)} a model); retention pass over every model: ${(ingest.packed.compactMs / 1000).toFixed(1)} s; rows per 30-day read: ${p.reads.read30.rowsPerRead.toFixed(0)}, all-time: ${p.reads.readAll.rowsPerRead.toFixed(0)}`);
}

/** Bytes of the IndexedDB files a closed profile holds. */
function diskBytes(profile: string): number {
  const dir = path.join(profile, 'Default', 'IndexedDB');
  const walk = (d: string): number =>
    readdirSync(d, { withFileTypes: true }).reduce((sum, e) => {
      const full = path.join(d, e.name);
      return sum + (e.isDirectory() ? walk(full) : statSync(full).size);
    }, 0);
  return existsSync(dir) ? walk(dir) : 0;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en');
}

function table(rows: string[][]) {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  rows.forEach((r, i) => {
    console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}
