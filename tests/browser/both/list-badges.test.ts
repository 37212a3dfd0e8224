import { afterAll, beforeAll, expect, it } from 'vitest';
import { listPage } from '@/tests/fixtures/hub-pages';
import { inventedList, NIMBUS } from '@/tests/fixtures/invented-hub';
import { inEachBrowser, launchLens, shot, textOf, type Lens } from '@/tests/browser/browsers';
import { html, json, notFound } from '@/tests/browser/hub-proxy';

// The invented Hub's trending list (50 models, with trendingScore).
const list50 = inventedList();

inEachBrowser('list badges', (name) => {
  let l: Lens;
  const apiCalls: URL[] = [];
  beforeAll(async () => {
    l = await launchLens(name);
    l.serve(({ url }) => {
      if (url.pathname === '/api/models') return apiCalls.push(url), json(list50);
      if (url.pathname === '/models') return html(listPage(list50.map((m) => ({ id: m.id, likes: m.likes, downloads: m.downloads, pipeline_tag: m.pipeline_tag })), { title: 'Models (trending)' }));
      return notFound();
    });
  });
  afterAll(() => l?.close());

  it('badges every card of the trending list from one API call', async () => {
    const { page, errors } = await l.openHub('/models?sort=trending');
    await expect.poll(() => page.$$eval('[data-hub-lens="badges"]', (els) => els.length)).toBe(50);
    expect(apiCalls).toHaveLength(1);
    expect(apiCalls[0]!.searchParams.get('sort')).toBe('trendingScore');
    // No history yet: the rate is the trending score over 7 days, marked as an estimate.
    const nimbus = list50.find((m) => m.id === NIMBUS)!;
    const badge = `article:has(a[href="/${NIMBUS}"]) [data-hub-lens="badges"] >>> .badge`;
    await expect.poll(() => textOf(page, `${badge} .badge-rate`)).toBe(`≈${Math.round(nimbus.trendingScore / 7)}/d`);
    expect(await page.$eval(badge, (e) => e.getAttribute('title'))).toMatch(/^about \d+ likes a day over the last 7 days, estimated from the 7-day trending score/);
    await shot(page, `list-${name}`, '#cards');
    expect(errors).toEqual([]);
    expect(l.extensionErrors()).toEqual([]);
    await page.close();
  });
});
