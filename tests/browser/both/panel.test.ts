import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { modelPage } from '@/tests/fixtures/hub-pages';
import { inventedExpand, inventedFull, NIMBUS } from '@/tests/fixtures/invented-hub';
import { inEachBrowser, launchLens, shot, type Lens } from '@/tests/browser/browsers';
import { html, json, notFound } from '@/tests/browser/hub-proxy';

// A big launch of the invented Hub: the page's props carry what its answers hold.
const full = inventedFull(NIMBUS)!;
const header = {
  id: full.id,
  likes: full.likes,
  downloads: full.downloads,
  downloadsAllTime: inventedExpand(NIMBUS)!.downloadsAllTime,
  trackDownloads: true,
  createdAt: full.createdAt,
  pipeline_tag: full.pipeline_tag,
  library_name: full.library_name,
  tags: full.tags,
  cardData: full.cardData,
};

/** The text of one of the panel's counters, by its label (null until it is there). */
const stat = (page: Page, label: string) =>
  page.evaluate((label) => {
    const root = document.querySelector('[data-hub-lens="panel"]')?.shadowRoot;
    const stat = [...(root?.querySelectorAll('.stat') ?? [])].find((s) => s.querySelector('.stat-label')?.textContent === label);
    // What it shows: a screen reader hears the exact count beside it (components/said.tsx).
    return stat?.querySelector('.stat-value > [aria-hidden="true"]')?.textContent ?? null;
  }, label);

inEachBrowser('model page panel', (name) => {
  let l: Lens;
  let apiCalls: string[];
  beforeAll(async () => {
    l = await launchLens(name);
    apiCalls = [];
    l.serve(({ url }) => {
      if (url.pathname.startsWith('/api/models/')) {
        apiCalls.push(url.pathname + url.search);
        const model = inventedExpand(decodeURIComponent(url.pathname.slice('/api/models/'.length)));
        return model ? json(model) : json({ error: 'Repository not found' }, 404);
      }
      return url.pathname === `/${NIMBUS}` ? html(modelPage(header)) : notFound();
    });
  });
  afterAll(() => l?.close());

  it('shows the page numbers at once, then the trending score from the one API call', async () => {
    const { page, errors } = await l.openHub(`/${NIMBUS}`);
    await expect.poll(() => stat(page, 'Likes')).toBe('2,480');
    expect(await stat(page, 'Downloads, 30 days')).toBe('48.3K');
    expect(await stat(page, 'Downloads, all-time')).toBe('48.3K');
    await expect.poll(() => stat(page, 'Trending score'), { timeout: 10_000 }).toBe('2,476');
    expect(apiCalls.filter((c) => c.startsWith(`/api/models/${NIMBUS}?`))).toHaveLength(1);
    expect(await page.evaluate(() => document.querySelector('[data-hub-lens="panel"]')?.previousElementSibling?.getAttribute('data-target'))).toBe('ModelHeader');
    await shot(page, `panel-${name}`, '[data-hub-lens="panel"]');
    expect(errors).toEqual([]);
    expect(l.extensionErrors()).toEqual([]);
    await page.close();
  });
});
