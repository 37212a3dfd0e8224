import { afterAll, beforeAll, expect, it } from 'vitest';
import { modelPage } from '@/tests/fixtures/hub-pages';
import { inEachBrowser, launchLens, textOf, type Lens } from '@/tests/browser/browsers';
import { html, json, notFound } from '@/tests/browser/hub-proxy';

const ID = 'invented-org/watch-me';

inEachBrowser('watch list', (name) => {
  let l: Lens;
  beforeAll(async () => {
    l = await launchLens(name);
    l.serve(({ url }) => {
      if (url.pathname === `/api/models/${ID}`) return json({ _id: '0123456789abcdef01234567', id: ID, likes: 42, downloads: 10, trendingScore: 1 });
      if (url.pathname === `/${ID}`) return html(modelPage({ id: ID, likes: 42, downloads: 10, trackDownloads: true }));
      return notFound();
    });
  });
  afterAll(() => l?.close());

  it('watches from the panel and lists the model in the popup', async () => {
    const { page, errors } = await l.openHub(`/${ID}`);
    const button = '[data-hub-lens="panel"] >>> button.watch';
    await expect.poll(() => textOf(page, button)).toBe('☆ Watch');
    await (await page.$(button))!.click();
    await expect.poll(() => textOf(page, button)).toBe('★ Watching');
    const popup = await l.openExtension('popup.html');
    const row = () => popup.run((win, id) => win.document.querySelector(`tr[data-model="${id}"]`)?.textContent ?? null, ID);
    await expect.poll(row).toContain('42');
    expect(errors).toEqual([]);
    expect(l.extensionErrors()).toEqual([]);
    await popup.close();
    await page.close();
  });
});
