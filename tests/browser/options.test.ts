import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inventedHistoryFile, inventedIds, LIST_AT } from '@/tests/fixtures/invented-hub';
import { lacks, readReal } from '@/tests/real-data';
import { ARTIFACTS, launch, screenshot, type Harness } from './harness';

// Two invented exports, as two people might have recorded them: ten models are in both.
const TOP = JSON.stringify(inventedHistoryFile(inventedIds().slice(0, 30), LIST_AT - 3_600_000));
const TRENDING = JSON.stringify(inventedHistoryFile(inventedIds().slice(20), LIST_AT - 1_033_000));
const snapshotsIn = (text: string) => JSON.parse(text).models.reduce((n: number, m: any) => n + m.snapshots.length, 0);
const modelsIn = (text: string) => JSON.parse(text).models.length;
// The history holds each model once.
const MODELS = new Set([TOP, TRENDING].flatMap((t) => JSON.parse(t).models.map((m: any) => m.id))).size;
const SNAPSHOTS = snapshotsIn(TOP) + snapshotsIn(TRENDING);
const n = (x: number) => x.toLocaleString('en');

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(() => h?.close());

async function options(harness = h): Promise<Page> {
  const page = await harness.context.newPage();
  await page.goto(`chrome-extension://${harness.extensionId}/options.html`);
  await page.locator('[data-stats]').filter({ hasNotText: 'Reading' }).waitFor();
  return page;
}

async function importText(page: Page, name: string, text: string): Promise<string> {
  await page.locator('input[type="file"][accept^=".json"]').first().setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  const message = page.locator('[data-import-message]');
  await message.waitFor();
  return (await message.textContent()) ?? '';
}

const stats = async (page: Page) => {
  await page.reload();
  const el = page.locator('[data-stats]');
  await expect.poll(() => el.textContent()).not.toBe('Reading…');
  return el.textContent();
};

describe('options page', () => {
  it('imports histories with a summary, and importing again adds nothing', async () => {
    const page = await options();
    expect(await importText(page, 'top.json', TOP)).toMatch(new RegExp(`^${modelsIn(TOP)} models, ${n(snapshotsIn(TOP))} snapshots added, 0 already present`));
    expect(await importText(page, 'top.json', TOP)).toMatch(new RegExp(`^${modelsIn(TOP)} models, 0 snapshots added, ${n(snapshotsIn(TOP))} already present`));
    expect(await importText(page, 'trending.json', TRENDING)).toMatch(new RegExp(`^${modelsIn(TRENDING)} models, ${n(snapshotsIn(TRENDING))} snapshots added`));
    expect(await stats(page)).toMatch(new RegExp(`^${n(MODELS)} models, ${n(SNAPSHOTS)} snapshots`));
    await screenshot(page, 'options', 'main');
    await page.close();
  });

  it('refuses a bad file whole with a message naming the first bad place, changing nothing', async () => {
    const page = await options();
    const before = await stats(page);
    const bad = JSON.parse(TRENDING);
    const i = bad.models.findIndex((m: any) => m.snapshots.length > 17);
    bad.models[i].snapshots[17].likes = -4;
    expect(await importText(page, 'bad.json', JSON.stringify(bad))).toMatch(new RegExp(`^Not imported: models\\[${i}\\]\\.snapshots\\[17\\]\\.likes`));
    expect(await importText(page, 'broken.json', '{"format": "hub-lens-history", "vers')).toMatch(/^Not imported: .*JSON/i);
    const newer = { ...JSON.parse(TRENDING), version: 2 };
    expect(await importText(page, 'newer.json', JSON.stringify(newer))).toMatch(/^Not imported: .*version 2/);
    expect(await stats(page)).toBe(before);
    await page.close();
  });

  it('exports JSON that a fresh profile imports into the same history, and CSV', async () => {
    const page = await options();
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    expect(json.suggestedFilename()).toMatch(/^hub-lens-history-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = readFileSync(await json.path(), 'utf8');
    const file = JSON.parse(exported);
    expect(file.format).toBe('hub-lens-history');
    expect(file.models).toHaveLength(MODELS);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const lines = readFileSync(await csv.path(), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('model_id,t,likes,downloads,downloads_all_time,trending_score');
    expect(lines).toHaveLength(SNAPSHOTS + 1);
    await page.close();

    const fresh = await launch();
    try {
      const other = await options(fresh);
      expect(await importText(other, 'export.json', exported)).toMatch(new RegExp(`^${n(MODELS)} models, ${n(SNAPSHOTS)} snapshots added`));
      const [again] = await Promise.all([other.waitForEvent('download'), other.getByRole('button', { name: 'Export JSON' }).click()]);
      const roundTrip = JSON.parse(readFileSync(await again.path(), 'utf8'));
      expect(roundTrip.models).toEqual(file.models);
    } finally {
      await fresh.close();
    }
  });

  it('clears the history only after a confirmation', async () => {
    const page = await options();
    await page.getByRole('button', { name: 'Clear history…' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await stats(page)).toMatch(new RegExp(`^${n(MODELS)} models`));
    await page.getByRole('button', { name: 'Clear history…' }).click();
    await page.getByRole('button', { name: 'Clear history', exact: true }).click();
    expect(await stats(page)).toMatch(/^0 models, 0 snapshots/);
    await page.close();
  });

  it('imports a 50 MB file with progress (invented data)', async () => {
    const page = await options();
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const models = Array.from({ length: 2000 }, (_, m) => ({
      id: `invented-org/large-import-${m}`,
      snapshots: Array.from({ length: 270 }, (_, i) => ({ t: new Date(t0 + i * 3_600_000).toISOString(), likes: m + i, downloads: 1000 * i, downloadsAllTime: 5000 * i, trendingScore: i % 9 })),
    }));
    const text = JSON.stringify({ format: 'hub-lens-history', version: 1, exportedAt: new Date().toISOString(), models });
    expect(text.length).toBeGreaterThan(50_000_000);
    const progress = page.locator('progress');
    const input = page.locator('input[type="file"][accept^=".json"]').first();
    const file = path.join(ARTIFACTS, 'invented-large-import.json');
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(file, text);
    await input.setInputFiles(file);
    await progress.waitFor();
    const message = page.locator('[data-import-message]');
    await message.waitFor({ timeout: 120_000 });
    expect(await message.textContent()).toMatch(/^2,000 models, 540,000 snapshots added, 0 already present/);
    await page.close();
  }, 180_000);

  it('saves feature switches where the content script reads them', async () => {
    const page = await options();
    await page.getByLabel(/List badges/).uncheck();
    await page.getByLabel('Record watched models every').selectOption('15');
    const stored = await page.evaluate(() => chrome.storage.local.get('settings'));
    expect(stored.settings).toMatchObject({ badges: false, pollMinutes: 15, numbers: true });
    await page.close();
  });
});

// Realism matters here: the real histories carry every quirk of two real exporters.
describe.skipIf(lacks('data/history'))('options page on the real histories', () => {
  it('imports both real files whole, and importing again adds nothing', async () => {
    const files = ['top-likes-downloads-2026-08.json', 'trending-2026-03-to-08.json'].map((name) => readReal('data/history', name));
    const fresh = await launch();
    try {
      const page = await options(fresh);
      for (const text of files) {
        expect(await importText(page, 'real.json', text)).toMatch(new RegExp(`^${modelsIn(text)} models, ${n(snapshotsIn(text))} snapshots added, 0 already present`));
      }
      expect(await importText(page, 'real.json', files[0]!)).toMatch(new RegExp(`^${modelsIn(files[0]!)} models, 0 snapshots added, ${n(snapshotsIn(files[0]!))} already present`));
      const models = new Set(files.flatMap((t) => JSON.parse(t).models.map((m: any) => m.id))).size;
      expect(await stats(page)).toMatch(new RegExp(`^${n(models)} models, ${n(snapshotsIn(files[0]!) + snapshotsIn(files[1]!))} snapshots`));
    } finally {
      await fresh.close();
    }
  });
});
