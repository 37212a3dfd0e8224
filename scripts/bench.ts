// `npm run bench`: the budgets of Hub Lens measured in real Chromium, printed as tables of figures
// (no timed assertions: a slow machine prints slow figures). `--only <name>` runs one of size,
// list, popup, storage, analysis; the storage benchmark (~35 min in full) takes --models, --days, --reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inventedIds, inventedSeries } from '@/entrypoints/bench/invented-series';
import { detectAnomalies } from '@/lib/anomalies';
import { parseHistoryFile } from '@/lib/history-format';
import { decodeChunk, encodeChunk } from '@/lib/store/chunk-codec';
import { rate, WINDOWS } from '@/lib/velocity';
import { budgetLeft, planPoll, POLL_BUDGET, TICK_MS, type PollCandidate } from '@/lib/features/watch/poll-plan';
import { FIRST_ROWS, FIRST_SCREEN_KEY } from '@/lib/features/watch/row-order';
import { importFrom } from '@/tests/browser/harness';
import { listPage } from '@/tests/fixtures/hub-pages';
import { hubIdOf, inventedList } from '@/tests/fixtures/invented-hub';
import { realPath } from '@/tests/real-data';
// @ts-expect-error plain JS helpers
import { extensionArgs } from './chromium.mjs';
// @ts-expect-error plain JS helpers
import { ensureChromium } from './ensure-chromium.mjs';

/** The budgets of issues 12 (content script, list page) and 13 (popup). */
const BUDGET = { contentScriptGzip: 15 * 1024, unservedScriptMs: 1, popupMs: 100, longTaskMs: 50 };
const CHROME = '.output/chrome-mv3';
const DAY_MS = 86_400_000;
/** Histories seeded for the popup and the 1,000-card list: 30 days, hourly. */
const SEEDED = { models: 1000, days: 30 };

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const options = { models: arg('models', 1000), days: arg('days', 365), reads: arg('reads', 200) };
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

const built = new Set<string>();
const BENCHES: Record<string, () => Promise<void>> = {
  size: async () => {
    build([]);
    benchContentScriptSize();
    await withExtension(CHROME, benchUnservedPage);
  },
  list: async () => {
    build([]);
    await withExtension(CHROME, (context) => benchListPage(context, trendingList()));
    await withExtension(CHROME, async (context, id) => {
      await seedHistories(context, id, { watched: false });
      await benchListPage(context, seededList());
    });
  },
  popup: async () => {
    build([]);
    await withExtension(CHROME, benchPopup);
    benchPolling();
  },
  storage: async () => {
    build(['-b', 'bench']);
    await benchStorage();
  },
  analysis: async () => benchAnalysis(),
};
if (only && !BENCHES[only]) {
  console.error(`No benchmark "${only}": pick one of ${Object.keys(BENCHES).join(', ')}.`);
  process.exit(1);
}
const executablePath = await ensureChromium();
for (const [name, run] of Object.entries(BENCHES)) if (!only || only === name) await run();

/** Build once per target for the whole run. */
function build(target: string[]) {
  const key = target.join(' ');
  if (built.has(key)) return;
  const r = spawnSync('npx', ['wxt', 'build', ...target], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    process.exit(1);
  }
  built.add(key);
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

// ---- Content-script size ----

/** Every file the manifest's content scripts load, minified as built and gzipped at level 9. */
function benchContentScriptSize() {
  const manifest = JSON.parse(readFileSync(path.join(CHROME, 'manifest.json'), 'utf8')) as { content_scripts: { js?: string[]; css?: string[] }[] };
  const names = [...new Set(manifest.content_scripts.flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]))];
  const files = names.map((name) => {
    const bytes = readFileSync(path.join(CHROME, name));
    return { name, minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const total = { minified: sum(files.map((f) => f.minified)), gzip: sum(files.map((f) => f.gzip)) };
  console.log(`Content scripts: ${files.length} file(s) in ${CHROME}/manifest.json\n`);
  table([
    ['file', 'minified', 'gzip -9', 'gzip -9, bytes', 'budget (gzip, all together)'],
    ...files.map((f) => [f.name, kb(f.minified), kb(f.gzip), fmt(f.gzip), '']),
    ['total', kb(total.minified), kb(total.gzip), fmt(total.gzip), verdict(total.gzip, BUDGET.contentScriptGzip, kb)],
  ]);
  console.log('');
}

/**
 * The content script's work on pages it cannot serve (the manifest keeps it off them: there
 * should be none) and, for scale, on a model page: from a trace of each load, the evaluation of
 * the script (compiling included) and every call into it during the 2 s after load.
 */
async function benchUnservedPage(context: BrowserContext) {
  await context.route('https://huggingface.co/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Invented Hub page</title><main><h1>Invented</h1></main>' }),
  );
  const LOADS = 6;
  const pages = [
    { path: '/', label: 'home page', budget: true },
    { path: '/docs/hub/index', label: 'docs page', budget: true },
    { path: '/datasets?sort=trending', label: 'datasets list', budget: true },
    { path: '/invented-org/Model-7B', label: 'model page (served, for scale)', budget: false },
  ];
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const rows: string[][] = [['page', 'script loaded', 'script work, median', 'worst', 'budget']];
  for (const { path: where, label, budget } of pages) {
    const runs: { evaluate: number; later: number }[] = [];
    for (let i = 0; i < LOADS; i++) {
      const page = await context.newPage();
      const trace = await startTrace(page);
      await page.goto(`https://huggingface.co${where}${where.includes('?') ? '&' : '?'}run=${i}`);
      await page.waitForTimeout(2000);
      runs.push(extensionScriptTime(await trace.stop()));
      await page.close();
    }
    const total = spread(runs.map((r) => r.evaluate + r.later));
    const loaded = runs.filter((r) => r.evaluate > 0).length;
    rows.push([`${label} (${where})`, `${loaded} of ${LOADS} loads`, ms(total.median), ms(total.worst), budget ? verdict(total.worst, BUDGET.unservedScriptMs, ms) : '']);
  }
  console.log(`The content script's main-thread work per page (traced loads):\n`);
  table(rows);
  console.log('');
}

/** The content script's main-thread time in a trace: its evaluation, and the calls into it after. */
function extensionScriptTime(events: TraceEvent[]) {
  const page = events.find((e) => e.name === 'ParseHTML' && String(e.args?.beginData?.url).startsWith('https://huggingface.co/'));
  const ours = (e: TraceEvent) => e.ph === 'X' && e.pid === page?.pid && String(e.args?.data?.url ?? '').startsWith('chrome-extension://');
  const evaluate = events.filter((e) => e.name === 'EvaluateScript' && ours(e)).reduce((t, e) => t + e.dur!, 0);
  const later = events.filter((e) => e.name === 'FunctionCall' && ours(e)).reduce((t, e) => t + e.dur!, 0);
  return { evaluate: evaluate / 1000, later: later / 1000 };
}

// ---- List pages ----

interface ListCase {
  /** list API entries, in the list's order; the page shows one card each */
  entries: { id: string; likes?: number; downloads?: number; pipeline_tag?: string }[];
  source: string;
  runs: number;
}

/** The real trending list where the real Hub data is at hand (tests/real-data.ts), else the invented one. */
function trendingList(): ListCase {
  const real = realPath('fixtures/hub-api', 'list-models-default-sort-trending-limit50-2024-12-02.json');
  return existsSync(real)
    ? { entries: JSON.parse(readFileSync(real, 'utf8')).slice(0, 30), source: 'real cards (trending list of 2024-12-02)', runs: 5 }
    : { entries: inventedList(30), source: 'invented cards (the invented trending list)', runs: 5 };
}

/** 1,000 cards of the seeded models; their last snapshot gives the numbers on the cards. */
function seededList(): ListCase {
  const end = Date.now();
  const entries = inventedIds(SEEDED.models).map((id, i) => {
    const last = inventedSeries(i, SEEDED.days, end).at(-1)!;
    return {
      _id: hubIdOf(id),
      id,
      likes: last.likes ?? 0,
      trendingScore: last.trendingScore ?? 0,
      private: false,
      downloads: last.downloads ?? 0,
      tags: ['transformers', 'text-generation', 'region:us'],
      pipeline_tag: 'text-generation',
      library_name: 'transformers',
      createdAt: new Date(end - 400 * DAY_MS).toISOString(),
      modelId: id,
    };
  });
  return { entries, source: `invented cards, each with ${SEEDED.days} days of hourly history`, runs: 3 };
}

/**
 * Fresh loads of a list page, then a read to its end a screen at a time: Hub API calls, time
 * to the badges of the first screen, long tasks, layout shift. The list API answers as the Hub
 * does: the first `limit` entries. Badges mount as their cards come near the screen.
 */
async function benchListPage(context: BrowserContext, { entries, source, runs }: ListCase) {
  const calls = { list: 0, model: 0 };
  let answeredAt = 0;
  await context.route('https://huggingface.co/**', async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/api/models') {
      calls.list++;
      answeredAt = Date.now();
      return route.fulfill({ json: entries.slice(0, Number(url.searchParams.get('limit') ?? 30)) });
    }
    if (url.pathname.startsWith('/api/')) {
      calls.model++;
      return route.fulfill({ status: 404, json: { error: 'not in this benchmark' } });
    }
    return route.fulfill({ contentType: 'text/html', body: listPage(entries, { title: 'Models' }) });
  });
  /** One fresh load; a new search each time, so the background makes its list call every time. */
  async function load(search: string, traced: boolean) {
    calls.list = calls.model = 0;
    const page = await context.newPage();
    await page.addInitScript(observeListPage);
    const trace = traced ? await startTrace(page) : undefined;
    await page.goto(`https://huggingface.co/models?sort=trending&search=${search}`);
    await page.waitForFunction(firstScreenBadged, null, { timeout: 120_000, polling: 'raf' });
    const firstScreenAt = Date.now();
    const loadToFirstScreen = await page.evaluate(() => performance.now() - (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart);
    while (await page.evaluate(() => (window.scrollBy(0, window.innerHeight), window.scrollY + window.innerHeight < document.documentElement.scrollHeight - 1))) {
      await page.waitForTimeout(100); // a fast reader: ten screens a second
    }
    await page.waitForFunction((n) => (window as any).__bench.badges >= n, entries.length, { timeout: 120_000, polling: 100 });
    await page.waitForTimeout(1000); // long tasks and shifts that follow the last badge
    const run: ListRun = {
      ...(await page.evaluate(readListPage)),
      loadToFirstScreen,
      listCalls: calls.list,
      modelCalls: calls.model,
      answerToFirstScreen: firstScreenAt - answeredAt,
    };
    const tasks = trace ? longTasksOf(await trace.stop()) : [];
    await page.close();
    return { run, tasks };
  }
  const results: ListRun[] = [];
  for (let i = 0; i < runs; i++) results.push((await load(`run-${i}`, false)).run);
  const { tasks } = await load('traced', true);
  console.log(`List page: ${fmt(entries.length)} ${source}, ${runs} fresh loads\n`);
  const row = (label: string, values: number[], show: (x: number) => string, target: string) => {
    const { median, worst } = spread(values);
    return [label, show(median), show(worst), target];
  };
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const n = (x: number) => String(x);
  table([
    ['figure', 'median', 'worst', 'budget'],
    row('list API calls (/api/models?) per page', results.map((r) => r.listCalls), n, '≤ 1 (one batched list/view query)'),
    row('model API calls per page', results.map((r) => r.modelCalls), n, '0'),
    row('badges shown', results.map((r) => r.badges), n, `${entries.length}`),
    row('load → badges on the first screen', results.map((r) => r.loadToFirstScreen), ms, ''),
    row('list answer → badges on the first screen (node clock)', results.map((r) => r.answerToFirstScreen), ms, ''),
    row('long tasks after load (scrolling to the end included)', results.map((r) => r.longTasksAfterLoad), n, '0'),
    row('longest task after load', results.map((r) => r.longestAfterLoad), ms, verdict(spread(results.map((r) => r.longestAfterLoad)).worst, BUDGET.longTaskMs, ms)),
    row('longest task before load', results.map((r) => r.longestBeforeLoad), ms, ''),
    row('layout shift of the page', results.map((r) => r.shift), (x) => x.toFixed(4), '0'),
  ]);
  printLongTasks(tasks);
  console.log('');
}

interface ListRun {
  listCalls: number;
  modelCalls: number;
  answerToFirstScreen: number;
  badges: number;
  loadToFirstScreen: number;
  longTasksAfterLoad: number;
  longestAfterLoad: number;
  longestBeforeLoad: number;
  shift: number;
}

/** Runs in the page before its own scripts (serialised by Playwright: no outside or named helpers in here). */
function observeListPage() {
  const b = { tasks: [] as number[][], shift: 0, badges: 0 };
  (window as any).__bench = b;
  new PerformanceObserver((l) => l.getEntries().forEach((e) => b.tasks.push([e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e: any) => (b.shift += e.hadRecentInput ? 0 : e.value))).observe({ type: 'layout-shift', buffered: true });
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n instanceof Element && n.getAttribute('data-hub-lens') === 'badges') {
          b.badges++;
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Runs in the page: has every card on screen its badge? */
function firstScreenBadged() {
  const onScreen = [...document.querySelectorAll('article')].filter((a) => a.getBoundingClientRect().top < window.innerHeight);
  return onScreen.length > 0 && onScreen.every((a) => a.querySelector('[data-hub-lens="badges"]'));
}

/** Runs in the page (no named helpers in here): the figures of one load. */
function readListPage() {
  const b = (window as any).__bench;
  const load = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart;
  const after = b.tasks.filter(([start]: number[]) => start! >= load).map(([, d]: number[]) => d!);
  const before = b.tasks.filter(([start]: number[]) => start! < load).map(([, d]: number[]) => d!);
  return {
    badges: b.badges,
    longTasksAfterLoad: after.length,
    longestAfterLoad: Math.max(0, ...after),
    longestBeforeLoad: Math.max(0, ...before),
    shift: b.shift,
  };
}

// ---- What the long tasks were made of ----

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: any;
}

/** Trace the page's renderer (Chromium's timeline categories) until `stop`. */
async function startTrace(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected' as any, (d: { value: TraceEvent[] }) => events.push(...d.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete' as any, resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] }, transferMode: 'ReportEvents' });
  return {
    async stop() {
      await cdp.send('Tracing.end');
      await complete;
      return events;
    },
  };
}

interface TaskMakeup {
  /** ms from the page's load event (negative: before it) */
  at: number;
  ms: number;
  /** the content script's first evaluation */
  evaluate: number;
  /** callbacks, promise continuations, frames and timers: script of the extension (the page has none) */
  script: number;
  style: number;
  layout: number;
  parse: number;
}

/** Tasks over the budget on the page's main thread, each split into what filled it. */
function longTasksOf(events: TraceEvent[]): TaskMakeup[] {
  const threads = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]));
  const page = events.find((e) => e.name === 'ParseHTML' && String(e.args?.beginData?.url).startsWith('https://huggingface.co/'));
  const main = events.filter((e) => e.ph === 'X' && e.pid === page?.pid && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
  const loadAt = events.find((e) => e.name === 'MarkLoad' && e.pid === page?.pid)?.ts ?? 0;
  // A task of the main thread's scheduler, as Chromium's trace names it.
  const tasks = main.filter((e) => e.name === 'RunTask' && e.dur! > BUDGET.longTaskMs * 1000);
  return tasks.map((task) => {
    const inside = main.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!);
    // Outermost events of these names only: they nest (a microtask run holds function calls).
    const time = (names: string[]) => {
      let total = 0;
      let end = -Infinity;
      for (const e of inside.filter((x) => names.includes(x.name)).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)) {
        if (e.ts < end) continue;
        total += e.dur!;
        end = e.ts + e.dur!;
      }
      return total / 1000;
    };
    return {
      at: (task.ts - loadAt) / 1000,
      ms: task.dur! / 1000,
      evaluate: time(['EvaluateScript']),
      script: time(['BlinkScheduler_PerformMicrotaskCheckpoint', 'FunctionCall', 'FireAnimationFrame', 'TimerFire', 'EventDispatch']),
      style: time(['UpdateLayoutTree']),
      layout: time(['Layout']),
      parse: time(['ParseHTML']),
    };
  });
}

function printLongTasks(tasks: TaskMakeup[]) {
  console.log(`\nWhat one more load's long tasks were made of (traced, so a little slower; the page runs no script of its own):\n`);
  if (tasks.length === 0) return console.log('no task over 50 ms');
  const ms = (x: number) => (x >= 0.5 ? `${x.toFixed(0)} ms` : '');
  // "Other" is mostly paint and compositing; style and layout forced by a script count twice, so it is a floor.
  const other = (t: TaskMakeup) => Math.max(0, t.ms - t.evaluate - t.script - t.style - t.layout - t.parse);
  table([
    ['from load', 'task', 'content script evaluated', 'extension script', 'style', 'layout', 'HTML parse', 'other (paint…)'],
    ...tasks.map((t) => [`${t.at >= 0 ? '+' : ''}${t.at.toFixed(0)} ms`, ms(t.ms), ms(t.evaluate), ms(t.script), ms(t.style), ms(t.layout), ms(t.parse), ms(other(t))]),
  ]);
}

// ---- Popup ----

/** The seeded models as history files of 100 models each (8 MB, not one 80 MB message). */
function* seededFiles(watched: boolean) {
  const end = Date.now() - 60_000;
  const ids = inventedIds(SEEDED.models);
  for (let from = 0; from < ids.length; from += 100) {
    const models = ids.slice(from, from + 100).map((id, k) => ({
      id,
      trackDownloads: true,
      watched,
      // One model in 25 had likes bought four days ago: the popup shows warnings too.
      snapshots: inventedSeries(from + k, SEEDED.days, end, { campaign: (from + k) % 25 === 0 }).map((s) => ({ ...s, t: new Date(s.t).toISOString() })),
    }));
    yield JSON.stringify({ format: 'hub-lens-history', version: 1, exportedAt: new Date().toISOString(), source: 'invented: Hub Lens benchmark', models });
  }
}

/** Import the seeded histories through the background's import port; returns how long it took. */
async function seedHistories(context: BrowserContext, extensionId: string, { watched }: { watched: boolean }): Promise<number> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const t0 = Date.now();
  for (const file of seededFiles(watched)) {
    const result = await importFrom(page, file);
    if (!result?.ok) throw new Error(`the seed import failed: ${JSON.stringify(result).slice(0, 300)}`);
  }
  const ms = Date.now() - t0;
  await page.close();
  return ms;
}

/**
 * 1,000 watched models: the popup opened as a fresh page, its background awake (opened again and
 * again) and asleep (stopped before each open, as it is after 30 s idle), then the reads alone.
 */
async function benchPopup(context: BrowserContext, id: string) {
  const importMs = await seedHistories(context, id, { watched: true });
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html`);
  // The background builds the rows as the import lands, and keeps the first screen of them.
  const t0 = Date.now();
  const kept = () => page.evaluate((key) => chrome.storage.session.get(key).then((r) => r[key] as { total: number } | undefined), FIRST_SCREEN_KEY);
  while ((await kept())?.total !== SEEDED.models) {
    if (Date.now() - t0 > 600_000) throw new Error('the rows were not all built after 10 minutes');
    await page.waitForTimeout(500);
  }
  const rowsMs = Date.now() - t0;
  // The reads the popup makes, alone: its first screen (kept in session storage, or asked), then the whole list.
  const timed = (read: string) =>
    page.evaluate(
      async ({ read, key, count }) => {
        // No named helpers in here: the page gets this function's text alone.
        const out: { ms: number; bytes: number }[] = [];
        for (let i = 0; i < 20; i++) {
          const t = performance.now();
          const answer = await (read === 'session'
            ? chrome.storage.session.get(key)
            : chrome.runtime.sendMessage(read === 'top' ? { type: 'watchlist/top', input: { count } } : { type: 'watchlist/get' }));
          out.push({ ms: performance.now() - t, bytes: JSON.stringify(answer).length });
        }
        return out;
      },
      { read, key: FIRST_SCREEN_KEY, count: FIRST_ROWS },
    );
  const [sessionReads, topTrips, wholeTrips] = [await timed('session'), await timed('top'), await timed('get')];

  // Asleep as after 30 s idle with no page of the extension open: the worker is stopped, and the
  // extension's process may go with it (so no Intl or code of an earlier page is warm).
  await page.goto('about:blank');
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  // A second between opens, as between a person's: the last popup's work is over.
  const open = async (asleep: boolean) => {
    if (asleep) await cdp.send('ServiceWorker.stopAllWorkers');
    await page.waitForTimeout(1000);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${id}/popup.html`);
    await popup.waitForFunction(() => performance.getEntriesByName('hub-lens:all-rows-rendered').length > 0, null, { timeout: 30_000 });
    const o = await popup.evaluate(readPopupOpen);
    await popup.close();
    return o;
  };
  const awake: PopupOpen[] = [];
  const asleep: PopupOpen[] = [];
  // Interleaved, so that a slow spell of the machine falls on both alike.
  for (let i = 0; i < 8; i++) {
    asleep.push(await open(true));
    awake.push(await open(false), await open(false));
  }
  await page.close();

  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const row = (label: string, values: number[], target = '') => {
    const { median, worst } = spread(values);
    return [label, ms(median), ms(worst), target];
  };
  const rendered = (opens: PopupOpen[]) => opens.map((o) => o.rendered);
  console.log(`Popup: ${fmt(SEEDED.models)} watched models of ${SEEDED.days} days hourly (${fmt(SEEDED.models * SEEDED.days * 24)} snapshots)\n`);
  table([
    ['figure', 'median', 'worst', 'budget'],
    row(`open → first rows rendered, background awake (${awake.length} opens)`, rendered(awake), verdict(spread(rendered(awake)).worst, BUDGET.popupMs, ms)),
    row('  open → first rows asked (popup-early.js ran)', awake.map((o) => o.asked)),
    row(`  asked → first rows in hand (${FIRST_ROWS} rows)`, awake.map((o) => o.arrived - o.asked)),
    row('  open → popup script ran', awake.map((o) => o.scriptRan)),
    row('  script → rows in hand (0: they came first)', awake.map((o) => o.loaded - o.scriptRan)),
    row('  rows → rendered (painted)', awake.map((o) => o.rendered - o.loaded)),
    row(`open → first rows rendered, background asleep (${asleep.length} opens)`, rendered(asleep), verdict(spread(rendered(asleep)).worst, BUDGET.popupMs, ms)),
    row('  open → first rows asked (a new process for the popup, often)', asleep.map((o) => o.asked)),
    row('  asked → rendered', asleep.map((o) => o.rendered - o.asked)),
    row('open → whole list rendered (sorting, filtering), awake', awake.map((o) => o.wholeRendered)),
    row('open → whole list rendered, asleep', asleep.map((o) => o.wholeRendered)),
    row(`first screen read from session storage alone (${sessionReads.length} reads)`, sessionReads.map((r) => r.ms)),
    row(`watchlist/top round trip alone (${topTrips.length} asks)`, topTrips.map((r) => r.ms)),
    row(`watchlist/get round trip alone (${wholeTrips.length} asks)`, wholeTrips.map((r) => r.ms)),
  ]);
  console.log(
    `\nrows in the DOM (virtualised): ${spread(awake.map((o) => o.rowsInDom)).median} of ${fmt(SEEDED.models)}; ` +
      `first screen: ${kb(sessionReads[0]!.bytes)} of JSON, whole list: ${kb(wholeTrips[0]!.bytes)}; ` +
      `seeding: import ${(importMs / 1000).toFixed(1)} s, then ${(rowsMs / 1000).toFixed(1)} s until all rows were built\n`,
  );
}

interface PopupOpen {
  asked: number;
  arrived: number;
  scriptRan: number;
  loaded: number;
  rendered: number;
  wholeRendered: number;
  rowsInDom: number;
}

/** Runs in the popup (serialised by Playwright: no named helpers in here): its marks, from navigation start. */
function readPopupOpen(): PopupOpen {
  const [asked, arrived, scriptRan, loaded, rendered, wholeRendered] = [
    'hub-lens:rows-asked',
    'hub-lens:rows-arrived',
    'hub-lens:popup-ran',
    'hub-lens:rows-loaded',
    'hub-lens:rows-rendered',
    'hub-lens:all-rows-rendered',
  ].map((name) => performance.getEntriesByName(name)[0]!.startTime);
  return {
    asked: asked!,
    arrived: arrived!,
    scriptRan: scriptRan!,
    loaded: loaded!,
    rendered: rendered!,
    wholeRendered: wholeRendered!,
    rowsInDom: document.querySelectorAll('tbody tr[data-model]').length,
  };
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

// ---- Analysis (pure code, in Node) ----

/** The pure parts on long inputs: figures the unit tests once asserted, on invented data. */
function benchAnalysis() {
  const END = Date.UTC(2026, 10, 24, 12);
  const history = { id: 'bench-org-1/invented-model-1', snapshots: inventedSeries(1, 420, END, { campaign: true }).slice(-10_000) };
  const long = history.snapshots;
  const rows: string[][] = [['figure', 'median', 'worst', 'runs']];
  const timed = (name: string, runs: number, fn: () => unknown, warmup = 3) => {
    for (let i = 0; i < warmup; i++) fn();
    const times = Array.from({ length: runs }, () => {
      const start = performance.now();
      fn();
      return performance.now() - start;
    });
    const { median, worst } = spread(times);
    rows.push([name, ms(median), ms(worst), String(runs)]);
  };
  const ms = (x: number) => `${x.toFixed(2)} ms`;

  timed('detectAnomalies, 10,000 hourly snapshots (target ≤ 5 ms)', 60, () => detectAnomalies(history, END), 30);
  timed('velocity: 100,000 rate() reads of a 10,000-snapshot series', 5, () => {
    for (let i = 0; i < 100_000; i++) rate(long, 'likes', WINDOWS['7d'], long[i % long.length]!.t);
  });
  // Decoding is linear in a chunk's size, damaged or not: compare the sizes' figures.
  for (const count of [10_000, 40_000]) {
    const chunk = new Uint8Array(encodeChunk(inventedSeries(2, Math.ceil(count / 24), END).slice(-count)));
    const cut = chunk.slice(0, chunk.length - 1).buffer; // damaged at its very end: read through, then refused
    timed(`decodeChunk, ${fmt(count)} snapshots (${kb(chunk.length)})`, 20, () => decodeChunk(chunk.buffer));
    timed(`decodeChunk, the same cut short by a byte (refused)`, 20, () => {
      try {
        decodeChunk(cut);
      } catch {
        // refused as damaged: what is timed
      }
    });
  }
  const file = JSON.stringify({
    format: 'hub-lens-history',
    version: 1,
    exportedAt: new Date(END).toISOString(),
    models: inventedIds(2000).map((id, i) => ({
      id,
      snapshots: inventedSeries(i, 10, END).slice(-220).map((s) => ({ ...s, t: new Date(s.t).toISOString() })),
    })),
  });
  timed(`parseHistoryFile, ${(file.length / 1e6).toFixed(0)} M characters (2,000 models × 220 snapshots)`, 3, () => parseHistoryFile(file), 1);
  console.log('Analysis: the pure parts on long invented inputs (Node)\n');
  table(rows);
  console.log('');
}

// ---- Storage ----

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
  return existsSync(dir) ? sum(filesUnder(dir).map((f) => statSync(f).size)) : 0;
}

// ---- Helpers ----

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** Median (the lower middle of an even count) and worst (largest). */
function spread(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor((s.length - 1) / 2)]!, worst: s[s.length - 1]! };
}

/** The budget and whether `value` keeps to it. */
function verdict(value: number, limit: number, show: (x: number) => string): string {
  return `≤ ${show(limit)}: ${value <= limit ? 'met' : `MISSED (${show(value)})`}`;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
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
