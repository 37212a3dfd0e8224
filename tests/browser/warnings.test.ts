import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectAnomalies } from '../../lib/anomalies';
import type { ModelHistory, Severity } from '../../lib/types';
import { modelPage } from '../fixtures/hub-pages';
import { generateCorpus } from '../scenarios/corpus';
import { html, importHistory, launch, routeHub, screenshot, type Harness } from './harness';

// Invented scenarios from the labelled corpus, shifted to end an hour ago and seeded through the
// background; the panel must show what the detectors say (the same code), each with its evidence.

const HOUR = 3_600_000;
const corpus = generateCorpus(4, 7);

/** The history as the panel will see it: shifted to now, plus the page view's own snapshot. */
function shifted(h: ModelHistory, at: number, now: number) {
  const d = now - HOUR - at;
  const snapshots = h.snapshots.filter((s) => s.t <= at).map((s) => ({ ...s, t: s.t + d }));
  const last = snapshots[snapshots.length - 1]!;
  const viewed = { ...h, snapshots: [...snapshots, { ...last, t: now, trendingScore: null }] };
  return { history: { ...h, snapshots }, viewed, last };
}

function pick(severity: Severity, now: number) {
  for (const s of corpus) {
    const { history, viewed, last } = shifted(s.history, s.at, now);
    const top = detectAnomalies(viewed, now)[0];
    if (top?.severity === severity && last.likes !== null) return { history, last, expected: detectAnomalies(viewed, now) };
  }
  throw new Error(`no scenario gives ${severity}`);
}

let h: Harness;
const pages: Record<string, string> = {};
beforeAll(async () => {
  h = await launch();
  await routeHub(h.context, (route, url) => {
    const page = pages[url.pathname];
    if (page) return html(route, page);
    return route.fulfill({ status: 404, body: '{"error":"not in this test"}' }); // the API too: the panel keeps the page's numbers
  });
});
afterAll(() => h?.close());

describe('warnings on a model page', () => {
  for (const severity of ['alert', 'warn', 'info'] as const) {
    it(`shows a ${severity} with its evidence, since, confidence and why`, async () => {
      const now = Date.now();
      const { history, last, expected } = pick(severity, now);
      const file = {
        format: 'hub-lens-history',
        version: 1,
        exportedAt: new Date().toISOString(),
        models: [{ ...history, snapshots: history.snapshots.map((s) => ({ ...s, t: new Date(s.t).toISOString() })) }],
      };
      expect((await importHistory(h, file)).ok).toBe(true);
      pages[`/${history.id}`] = modelPage({
        id: history.id,
        likes: last.likes ?? undefined,
        downloads: last.downloads ?? undefined,
        downloadsAllTime: last.downloadsAllTime ?? undefined,
        trackDownloads: history.trackDownloads,
        createdAt: history.createdAt,
      });
      const page = await h.context.newPage();
      await page.goto(`https://huggingface.co/${history.id}`);
      const items = page.locator('[data-hub-lens="panel"] li.warning');
      await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(expected.length);
      const shown = await items.evaluateAll((els) => els.map((e) => [e.getAttribute('data-kind'), e.className.match(/sev-(\w+)/)![1], e.querySelector('.evidence')!.textContent]));
      expect(shown).toEqual(expected.map((w) => [w.kind, w.severity, w.evidence]));
      expect(await items.first().locator('.muted').textContent()).toMatch(/since .* · confidence \d+%/);
      await items.first().locator('summary').click();
      expect((await items.first().locator('details p').textContent())!.length).toBeGreaterThan(20);
      expect(await page.locator('[data-hub-lens="panel"] .head-alert').count()).toBe(severity === 'info' ? 0 : 1);
      await screenshot(page, `warnings-${severity}`);
      if (severity === 'alert') {
        await page.evaluate(() => document.documentElement.classList.add('dark'));
        await screenshot(page, 'warnings-alert-dark');
      }
      await page.close();
    });
  }
});
