// `npm run bench`: budgets measured in real Chromium, printed as tables.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
// @ts-expect-error plain JS helpers
import { extensionArgs } from './chromium.mjs';
// @ts-expect-error plain JS helpers
import { ensureChromium } from './ensure-chromium.mjs';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const options = { models: arg('models', 1000), days: arg('days', 365), reads: arg('reads', 200) };

const executablePath = await ensureChromium();
if (spawnSync('npx', ['wxt', 'build', '-b', 'bench'], { stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) process.exit(1);
const extension = path.resolve('.output/bench-mv3');
const profile = mkdtempSync(path.join(tmpdir(), 'hub-lens-bench-'));
const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: extensionArgs(extension) });

try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/bench.html`);

  console.log(`Storage: ${options.models} models × ${options.days} days of hourly snapshots (invented random walks)\n`);
  const r: any = await page.evaluate((o) => (globalThis as any).runStorageBench(o), options);
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const rows: [string, string, string, string, string][] = [
    ['figure', 'packed (Hub Lens)', 'naive (1 record/snapshot)', 'ratio', 'target'],
    ['ingest, snapshots/s', fmt(r.packed.ingestPerSec), fmt(r.naive.ingestPerSec), `${(r.packed.ingestPerSec / r.naive.ingestPerSec).toFixed(1)}×`, ''],
    ['bytes/retained snapshot', r.packed.bytesPerSnapshot.toFixed(1), r.naive.bytesPerSnapshot.toFixed(1), `${(r.naive.bytesPerSnapshot / r.packed.bytesPerSnapshot).toFixed(1)}× smaller`, '≤ 32, ≥ 3× smaller'],
    ['30-day read p50', ms(r.packed.read30.p50), ms(r.naive.read30.p50), `${(r.naive.read30.p50 / r.packed.read30.p50).toFixed(1)}× faster`, ''],
    ['30-day read p95', ms(r.packed.read30.p95), ms(r.naive.read30.p95), `${(r.naive.read30.p95 / r.packed.read30.p95).toFixed(1)}× faster`, '≤ 5 ms, ≥ 3× faster'],
    ['all-time read p50', ms(r.packed.readAll.p50), ms(r.naive.readAll.p50), `${(r.naive.readAll.p50 / r.packed.readAll.p50).toFixed(1)}× faster`, ''],
    ['all-time read p95', ms(r.packed.readAll.p95), ms(r.naive.readAll.p95), `${(r.naive.readAll.p95 / r.packed.readAll.p95).toFixed(1)}× faster`, ''],
  ];
  table(rows);
  console.log(`\n${fmt(r.snapshots)} snapshots ingested, ${fmt(r.retained)} retained (${(r.retained / options.models).toFixed(0)} a model); retention pass over every model: ${(r.compactMs / 1000).toFixed(1)} s; rows per 30-day read: ${r.packed.read30.rowsPerRead.toFixed(0)}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
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
