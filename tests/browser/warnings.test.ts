import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectAnomalies } from '@/lib/anomalies';
import type { ModelHistory, Severity } from '@/lib/types';
import { modelPage } from '@/tests/fixtures/hub-pages';
import { generateCorpus } from '@/tests/scenarios/corpus';
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

describe('velocity on a model page', () => {
  it('draws sparklines and the rates of a seeded history, and says so plainly when it cannot', async () => {
    const now = Date.now();
    const { history, last } = pick('info', now);
    const id = `${history.id}-velocity`;
    const file = {
      format: 'hub-lens-history',
      version: 1,
      exportedAt: new Date().toISOString(),
      models: [{ ...history, id, snapshots: history.snapshots.map((s) => ({ ...s, t: new Date(s.t).toISOString() })) }],
    };
    expect((await importHistory(h, file)).ok).toBe(true);
    pages[`/${id}`] = modelPage({ id, likes: last.likes ?? undefined, downloads: last.downloads ?? undefined, trackDownloads: history.trackDownloads });
    const page = await h.context.newPage();
    await page.goto(`https://huggingface.co/${id}`);
    const spark = page.locator('[data-hub-lens="panel"] figure.spark svg').first();
    await expect.poll(() => spark.getAttribute('aria-label'), { timeout: 15_000 }).toMatch(/^Likes: [\d,.K]+ on .* to [\d,.K]+ on .*, [\d,]+ snapshots$/);
    // The 7-day likes rate in the table is the velocity of what the background holds (page view included).
    const viewed = [...history.snapshots, { ...last, t: now, trendingScore: null }];
    const e = viewed[viewed.length - 1]!;
    const b = [...viewed].reverse().find((s) => s.t <= e.t - 7 * 86_400_000)!;
    const expected = ((e.likes! - b.likes!) / (e.t - b.t)) * 86_400_000;
    const cell = await page.locator('[data-hub-lens="panel"] table.rates tbody tr').first().locator('td').nth(1).locator('[aria-hidden="true"]').first().textContent();
    expect(Number(cell!.replace(/[^\d.]/g, ''))).toBeCloseTo(Math.abs(expected), expected < 10 ? 0 : -1);
    // Hovering shows a value and a date.
    const box = (await spark.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    expect(await page.locator('[data-hub-lens="panel"] .spark-readout').first().textContent()).toMatch(/ · \w{3} \d+, \d\d:\d\d UTC$/);
    await page.close();

    // A model seen for the first time: words, not a flat line.
    pages['/invented-org/first-view'] = modelPage({ id: 'invented-org/first-view', likes: 5, downloads: 1, trackDownloads: true });
    const fresh = await h.context.newPage();
    await fresh.goto('https://huggingface.co/invented-org/first-view');
    await expect.poll(() => fresh.locator('[data-hub-lens="panel"] [data-empty="seen-once"]').textContent()).toMatch(/^Seen once so far/);
    expect(await fresh.locator('[data-hub-lens="panel"] figure.spark').count()).toBe(0);
    await screenshot(fresh, 'panel-first-view');
    await fresh.close();
  });
});

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
      // Why, in plain words: what was compared with what; the statistics one step further.
      await items.first().locator('summary', { hasText: 'why?' }).click();
      const why = (await items.first().locator('details > p').first().textContent())!;
      expect(why.length).toBeGreaterThan(20);
      expect(why).not.toMatch(/median|deviation|robust|StarScout|MAD\b|baseline/i);
      await items.first().locator('summary', { hasText: 'how it is measured' }).click();
      expect((await items.first().locator('details details p').textContent())!.length).toBeGreaterThan(20);
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
