import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { listPage, modelPage } from '@/tests/fixtures/hub-pages';
import { inventedChildren, inventedExpand, inventedFull, inventedList, NIMBUS, NIMBUS_GGUF } from '@/tests/fixtures/invented-hub';
import { axeViolations, keyboardWalk, smallText, zoom } from './a11y';
import { extensionPage, html, importFrom, json, launch, openPopup, routeHub, screenshot, type Harness } from './harness';

// Every screen of Hub Lens, light and dark, as a keyboard, a screen reader and a zoomed-in reader
// meet it: no axe violation (WCAG 2.2 AA, target size included) in Hub Lens's own nodes, every
// control reached by Tab with a visible focus, no text under 12 px.

const gguf = inventedFull(NIMBUS_GGUF)!;
const list = inventedList();
const POPUP_MODELS = 1000;
const HOUR = 3_600_000;

/** Invented hourly snapshots over `days`, ending at `end`; with `campaign`, 400 likes in six hours four days ago and no downloads behind them. */
function invented(seed: number, days: number, end: number, campaign: boolean) {
  const n = days * 24;
  const rate = 1 + (seed % 40);
  let likes = 100 + ((seed * 7919) % 5000);
  let all = 1_000_000 + seed * 1_234;
  return Array.from({ length: n }, (_, i) => {
    likes += (i * seed) % 24 < rate ? 1 : 0;
    if (campaign && i >= n - 96 && i < n - 90) likes += 67;
    all += rate * 300;
    return { t: end - (n - 1 - i) * HOUR, likes, downloads: rate * 300 * 24 * 30, downloadsAllTime: all, trendingScore: rate * 7 };
  });
}

let h: Harness;
beforeAll(async () => {
  h = await launch();
  await routeHub(h.context, (route, url) => {
    if (url.pathname === '/api/models') return json(route, url.searchParams.get('filter') ? inventedChildren(NIMBUS) : list);
    if (url.pathname.startsWith('/api/models/')) {
      const answer = inventedExpand(decodeURIComponent(url.pathname.slice('/api/models/'.length)));
      return answer ? json(route, answer) : route.fulfill({ status: 404, body: '' });
    }
    if (url.pathname === `/${gguf.id}`) return html(route, pages.model!);
    if (url.pathname === '/models') return html(route, pages.list!);
    return route.fulfill({ status: 404, body: '' });
  });
  // The GGUF copy has a recorded history with bought likes (a like burst with no downloads behind it).
  const seeded = await extensionPage(h);
  const end = Date.now() - 3_600_000;
  const series = invented(7, 20, end, true);
  const file = (models: unknown[]) => JSON.stringify({ format: 'hub-lens-history', version: 1, exportedAt: new Date().toISOString(), source: 'invented: accessibility test', models });
  const model = (id: string, snapshots: typeof series, watched: boolean) => ({
    id,
    trackDownloads: true,
    watched,
    snapshots: snapshots.map((s) => ({ ...s, t: new Date(s.t).toISOString() })),
  });
  expect((await importFrom(seeded, file([model(gguf.id, series, false)]))).ok).toBe(true);
  const last = series[series.length - 1]!;
  pages.model = modelPage({ id: gguf.id, likes: last.likes, downloads: last.downloads, trackDownloads: true, tags: gguf.tags, gguf: {} });
  pages.list = listPage(list.map((m) => ({ id: m.id, likes: m.likes, downloads: m.downloads, pipeline_tag: m.pipeline_tag })));
  // The popup's 1,000 watched models: 10 days each, one in 25 with bought likes.
  const ids = Array.from({ length: POPUP_MODELS }, (_, i) => `invented-org-${i % 37}/a11y-model-${i}`);
  for (let from = 0; from < ids.length; from += 200) {
    const models = ids.slice(from, from + 200).map((id, k) => model(id, invented(from + k, 10, end, (from + k) % 25 === 0), true));
    expect((await importFrom(seeded, file(models))).ok).toBe(true);
  }
  await seeded.close();
}, 300_000);
afterAll(() => h?.close());

const pages: { model?: string; list?: string } = {};

async function openPanel(): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`https://huggingface.co/${gguf.id}`);
  const panel = page.locator('[data-hub-lens="panel"]');
  await expect.poll(() => panel.locator('.family .copies tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => panel.locator('li.warning').count()).toBeGreaterThan(0);
  await expect.poll(() => panel.locator('figure.spark').count()).toBeGreaterThan(0);
  return page;
}

const setDark = (page: Page, dark: boolean) =>
  page.evaluate((dark) => document.documentElement.classList.toggle('dark', dark), dark).then(() => page.waitForTimeout(100));

describe('the model-page panel', () => {
  it('has no axe violation, light and dark, with warnings and the family card open', async () => {
    const page = await openPanel();
    const panel = page.locator('[data-hub-lens="panel"]');
    // What a screen reader hears: estimates in words, counts exact, no read-out at each mouse move.
    const estimate = panel.locator('table.rates td[data-estimated] .sr-only').first();
    expect(await estimate.textContent()).toMatch(/^about [\d.,K]+, estimated (from|since) /);
    const downloads = panel.locator('.stat', { hasText: 'Downloads, 30 days' });
    expect(await downloads.locator('[aria-hidden="true"]').textContent()).toMatch(/K$/);
    expect(await downloads.locator('.sr-only').textContent()).toMatch(/^\d{1,3}(,\d{3})+$/);
    expect(await panel.locator('[aria-live]').count()).toBe(0);
    // Headers sit over their columns: text columns start where their header starts.
    const starts = (table: string, column: number) =>
      panel.locator(`${table} tr > :nth-child(${column})`).evaluateAll((cells) =>
        cells.map((c) => {
          const range = document.createRange();
          range.selectNodeContents(c);
          return Math.round(range.getBoundingClientRect().left);
        }),
      );
    for (const [table, column] of [['table.copies', 1], ['table.copies', 2], ['table.rates', 1]] as const) {
      expect(new Set(await starts(table, column)).size, `${table} column ${column}`).toBe(1);
    }
    expect(await panel.locator('.spark-readout[aria-hidden="true"]').count()).toBeGreaterThan(0);
    // Every disclosure open: what it holds is checked too.
    await page.locator('[data-hub-lens="panel"] details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    for (const dark of [false, true]) {
      await setDark(page, dark);
      expect(await axeViolations(page, 'hub-lens'), dark ? 'dark' : 'light').toEqual([]);
      expect(await smallText(page, 'hub-lens')).toEqual([]);
      await screenshot(page, `a11y-panel-${dark ? 'dark' : 'light'}`);
    }
    await page.close();
  });

  it('is walked by the keyboard: every control reached, each with a visible focus', async () => {
    const page = await openPanel();
    const stops = (await keyboardWalk(page)).filter((s) => s.ours);
    const names = stops.map((s) => s.name);
    expect(names).toContainEqual(expect.stringMatching(/^button .*Watch/));
    for (const range of ['7d', '30d', '90d', 'all']) expect(names).toContain(`button ${range}`);
    const warnings = await page.locator('[data-hub-lens="panel"] li.warning').count();
    expect(names.filter((n) => /^summary why\?/.test(n))).toHaveLength(warnings);
    const links = await page.locator('[data-hub-lens="panel"] .family a').count();
    expect(names.filter((n) => n.startsWith('a '))).toHaveLength(links);
    expect(stops.filter((s) => !s.visible)).toEqual([]);
    // A focused control, as a keyboard user sees it.
    await page.locator('[data-hub-lens="panel"] button.watch').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await screenshot(page, 'a11y-panel-focus-watch');
    await page.close();
  });
});

describe('list badges', () => {
  it('have no axe violation, light and dark, and their watch stars are reached by Tab', async () => {
    const page = await h.context.newPage();
    await page.goto('https://huggingface.co/models');
    const badges = page.locator('[data-hub-lens="badges"]');
    await expect.poll(() => badges.count(), { timeout: 15_000 }).toBeGreaterThan(10);
    for (const dark of [false, true]) {
      await setDark(page, dark);
      expect(await axeViolations(page, 'hub-lens'), dark ? 'dark' : 'light').toEqual([]);
      expect(await smallText(page, 'hub-lens')).toEqual([]);
      await screenshot(page, `a11y-list-${dark ? 'dark' : 'light'}`, '#cards');
    }
    const stops = (await keyboardWalk(page, 60)).filter((s) => s.ours);
    expect(stops.length).toBeGreaterThan(5);
    for (const s of stops) expect(s.name).toMatch(/^button Watch \S+\/\S+/);
    expect(stops.filter((s) => !s.visible)).toEqual([]);
    await setDark(page, false);
    await page.locator('[data-hub-lens="badges"] button').first().focus();
    await screenshot(page, 'a11y-list-focus-star', 'article >> nth=0');
    await page.close();
  });
});

/** The popup with its 1,000 rows all in (sorting is enabled once the whole list is). */
async function openFullPopup(): Promise<Page> {
  const popup = await openPopup(h);
  await expect.poll(() => popup.locator('table').getAttribute('aria-rowcount'), { timeout: 20_000 }).toBe(String(POPUP_MODELS + 1));
  await expect.poll(() => popup.locator('thead button').first().isEnabled()).toBe(true);
  return popup;
}

describe('the popup', () => {
  it('has no axe violation with 1,000 rows, light and dark, and no text under 12 px', async () => {
    const popup = await openFullPopup();
    for (const dark of [false, true]) {
      await popup.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
      expect(await axeViolations(popup, 'page'), dark ? 'dark' : 'light').toEqual([]);
      expect(await smallText(popup, 'page')).toEqual([]);
      await screenshot(popup, `a11y-popup-${dark ? 'dark' : 'light'}`, 'body');
    }
    await popup.close();
  });

  it('announces its size and takes the arrow keys from row to row, to the last of 1,000', async () => {
    const popup = await openFullPopup();
    const focused = () => popup.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('aria-rowindex') ?? null);
    // Tab reaches the rows: the first row's link.
    const stops = await keyboardWalk(popup, 40);
    expect(stops.map((s) => s.name)).toContainEqual(expect.stringMatching(/^a invented-org-/));
    expect(stops.filter((s) => !s.visible)).toEqual([]);
    await popup.locator('tbody tr[aria-rowindex="2"] a').focus();
    await popup.keyboard.press('ArrowDown');
    expect(await focused()).toBe('3');
    await popup.keyboard.press('End');
    await expect.poll(focused).toBe(String(POPUP_MODELS + 1));
    await popup.keyboard.press('ArrowUp');
    await expect.poll(focused).toBe(String(POPUP_MODELS));
    await popup.keyboard.press('Home');
    await expect.poll(focused).toBe('2');
    await screenshot(popup, 'a11y-popup-focus-row', 'body');
    await popup.close();
  });

  it('reflows at 320 px and at 200% zoom: every column stays on screen', async () => {
    for (const name of ['zoom-200', '320px'] as const) {
      const popup = await openFullPopup();
      // The toolbar popup at its largest (800 × 600 device pixels) at 200% zoom is 400 × 300 px; or a 320 px window.
      const zoomed = name === 'zoom-200' ? await zoom(popup, 2, { width: 800, height: 600 }) : null;
      if (!zoomed) await popup.setViewportSize({ width: 320, height: 600 });
      await popup.waitForTimeout(200);
      const { width, cells } = await popup.evaluate(() => ({
        width: document.documentElement.clientWidth,
        cells: [...document.querySelectorAll('thead th, tbody tr[aria-rowindex="2"] > *')].map((c) => {
          const r = c.getBoundingClientRect();
          return { text: c.textContent, left: r.left, right: r.right, width: r.width };
        }),
      }));
      expect(width).toBe(zoomed ? 400 : 320);
      expect(cells.length).toBe(14);
      for (const c of cells) {
        expect(c.left, `${name}: ${c.text}`).toBeGreaterThanOrEqual(0);
        expect(c.right, `${name}: ${c.text}`).toBeLessThanOrEqual(width);
        expect(c.width, `${name}: ${c.text}`).toBeGreaterThan(10);
      }
      expect(await popup.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      expect(await smallText(popup, 'page')).toEqual([]);
      if (zoomed) await zoomed.screenshot(`a11y-popup-${name}`);
      else await screenshot(popup, `a11y-popup-${name}`, 'body');
      await popup.close();
    }
  });
});

describe('the options page', () => {
  it('has no axe violation, light and dark; the keyboard reaches both Import controls and every other control', async () => {
    const page = await extensionPage(h);
    await page.locator('[data-stats]').filter({ hasText: /models/ }).waitFor();
    await page.locator('select').first().waitFor();
    for (const dark of [false, true]) {
      await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
      expect(await axeViolations(page, 'page'), dark ? 'dark' : 'light').toEqual([]);
      expect(await smallText(page, 'page')).toEqual([]);
      await screenshot(page, `a11y-options-${dark ? 'dark' : 'light'}`, 'main');
    }
    // The drop-downs line up: one left edge.
    const lefts = await page.locator('select').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
    expect(new Set(lefts).size).toBe(1);
    const stops = await keyboardWalk(page);
    const names = stops.map((s) => s.name);
    for (const control of ['Export JSON', 'Export CSV', 'Import history…', 'Export settings', 'Import settings…', 'Clear history…']) {
      expect(names.some((n) => n.includes(control)), control).toBe(true);
    }
    const controls = await page.locator('button, input, select, a[href]').count();
    expect(stops).toHaveLength(controls);
    expect(stops.filter((s) => !s.visible)).toEqual([]);
    // The confirmation's contrast, dark and light.
    await page.locator('button', { hasText: 'Clear history…' }).click();
    for (const dark of [false, true]) {
      await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
      expect(await axeViolations(page, 'page')).toEqual([]);
    }
    // Import history…, as the keyboard reaches it.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('button', { hasText: 'Export CSV' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).labels?.[0]?.textContent?.trim())).toBe('Import history…');
    await screenshot(page, 'a11y-options-focus-import', 'main');
    await page.close();
  });
});
