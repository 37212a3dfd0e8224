import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Harness } from './harness';

// A 100 MB history (invented) goes in through the options page's file input and comes back out
// through its Export button: the same models, the same snapshots.

const HOUR = 3_600_000;
const MODELS = 2_000;
const SNAPSHOTS = 520;

/** Invented hourly counters ending an hour ago; some fields unknown, as real histories have. */
function inventedBigHistory(): string {
  const end = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
  const models = Array.from({ length: MODELS }, (_, m) => ({
    id: `invented-big/model-${m}`,
    snapshots: Array.from({ length: SNAPSHOTS }, (_, i) => ({
      t: new Date(end - (SNAPSHOTS - 1 - i) * HOUR).toISOString(),
      likes: 3 * m + i,
      downloads: 1_000 * m + 37 * i,
      downloadsAllTime: i % 24 === 5 ? null : 9_000 * m + 101 * i,
      trendingScore: i % 11 === 0 ? null : (m + i) % 97,
    })),
  }));
  return JSON.stringify({ format: 'hub-lens-history', version: 1, exportedAt: new Date().toISOString(), models });
}

/** Models and snapshots, compared by value (times as instants: the text of a time may differ). */
const normalized = (file: { models: { id: string; snapshots: { t: string }[] }[] }) =>
  new Map(file.models.map((m) => [m.id, m.snapshots.map((s) => ({ ...s, t: Date.parse(s.t) }))]));

let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await launch();
  dir = mkdtempSync(path.join(tmpdir(), 'hub-lens-big-'));
});
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a 100 MB history', () => {
  it('round-trips through the options page: import by file input, export by button', async () => {
    const file = path.join(dir, 'invented-big-history.json');
    let text: string | null = inventedBigHistory();
    expect(text.length).toBeGreaterThan(100_000_000);
    writeFileSync(file, text);
    const imported = normalized(JSON.parse(text));
    text = null;

    const page = await h.context.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/options.html`);
    await page.locator('[data-stats]').filter({ hasNotText: 'Reading' }).waitFor();
    const started = Date.now();
    await page.locator('input[type="file"][accept^=".json"]').first().setInputFiles(file);
    const message = page.locator('[data-import-message]');
    await message.waitFor({ timeout: 240_000 });
    expect(await message.textContent()).toBe(`${MODELS.toLocaleString('en')} models, ${(MODELS * SNAPSHOTS).toLocaleString('en')} snapshots added, 0 already present.`);
    const importMs = Date.now() - started;

    const exportStarted = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 240_000 }),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    const exportMs = Date.now() - exportStarted;
    console.info(`100 MB history: import ${(importMs / 1000).toFixed(1)} s, export ${(exportMs / 1000).toFixed(1)} s`);

    expect(exported.format).toBe('hub-lens-history');
    const out = normalized(exported);
    expect(out.size).toBe(MODELS);
    for (const [id, snapshots] of imported) expect(out.get(id), id).toEqual(snapshots);
    await page.close();
  }, 480_000);
});
