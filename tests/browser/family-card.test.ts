import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelPage } from '@/tests/fixtures/hub-pages';
import { ATLAS, inventedChildren, inventedExpand, inventedFull, inventedList, NIMBUS, NIMBUS_ABLITERATED, NIMBUS_GGUF } from '@/tests/fixtures/invented-hub';
import { lacks, realJson, realQwqExpand } from '@/tests/real-data';
import { html, json, launch, routeHub, screenshot, type Harness } from './harness';

const gguf = inventedFull(NIMBUS_GGUF)!;

let h: Harness;
let listFails = false;
let listCalls = 0;
beforeAll(async () => {
  h = await launch();
  await routeHub(h.context, (route, url) => {
    if (url.pathname === '/api/models') {
      listCalls++;
      if (listFails) return route.fulfill({ status: 500, body: 'oops' });
      return json(route, url.searchParams.get('filter') ? inventedChildren(NIMBUS) : inventedList());
    }
    if (url.pathname.startsWith('/api/models/')) {
      const answer = inventedExpand(decodeURIComponent(url.pathname.slice('/api/models/'.length)));
      return answer ? json(route, answer) : route.fulfill({ status: 404, body: '' });
    }
    if (url.pathname === `/${gguf.id}`) {
      return html(route, modelPage({ id: gguf.id, likes: gguf.likes, downloads: gguf.downloads, trackDownloads: true, tags: gguf.tags, gguf: {} }));
    }
    return route.fulfill({ status: 404, body: '' });
  });
});
afterAll(() => h?.close());

describe('family card', () => {
  it('shows the family of a GGUF re-upload and where it stands', async () => {
    const page = await h.context.newPage();
    await page.goto(`https://huggingface.co/${gguf.id}`);
    const card = page.locator('[data-hub-lens="panel"] .family');
    await expect.poll(() => card.locator('.family-head').textContent(), { timeout: 15_000 }).toMatch(
      /Family of invented-lab\/Nimbus-7B: 64 quantized, 21 finetunes, 37 adapters, 3 merges/,
    );
    expect(await card.locator('.family-place').textContent()).toMatch(/Quantized copy of invented-lab\/Nimbus-7B, #1 of 64 by 30-day downloads/);
    expect(await card.locator('.family-place').textContent()).toMatch(/GGUF repos count every .gguf file/);
    expect(await card.locator('.copies tbody tr').count()).toBeGreaterThan(0);
    const hrefs = await card.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of hrefs) expect(href).toMatch(/^https:\/\/huggingface\.co\/[\w.-]+\/[\w.-]+$/);
    await screenshot(page, 'family-light');
    await page.close();
  });

  it('shares the cached family with every page of the family', async () => {
    const abl = inventedFull(NIMBUS_ABLITERATED)!;
    await h.context.route(`https://huggingface.co/${abl.id}`, (route) => html(route, modelPage({ id: abl.id, likes: abl.likes, downloads: abl.downloads, trackDownloads: true })));
    listCalls = 0;
    const page = await h.context.newPage();
    await page.goto(`https://huggingface.co/${abl.id}`);
    await expect.poll(() => page.locator('[data-hub-lens="panel"] .family-place').textContent(), { timeout: 15_000 }).toMatch(/^Finetune of invented-lab\/Nimbus-7B/);
    expect(listCalls).toBe(0);
    await page.close();
  });

  it('shows what it got when the API fails part-way, and the panel stays', async () => {
    listFails = true;
    // A GGUF copy of an original whose family is not cached yet.
    const id = 'invented-org/Atlas-8B-Instruct-Q4_K_M-GGUF';
    const copy = { id, likes: 3, downloads: 120, tags: ['gguf', `base_model:quantized:${ATLAS}`], gguf: {} };
    await h.context.route(`https://huggingface.co/${id}`, (route) => html(route, modelPage({ id, likes: 3, downloads: 120, trackDownloads: true, tags: copy.tags, gguf: {} })));
    await h.context.route(`https://huggingface.co/api/models/${id}?**`, (route) => json(route, copy));
    // The original answers without its children counts (a full answer): only the list could give them.
    await h.context.route(`https://huggingface.co/api/models/${ATLAS}?**`, (route) => json(route, inventedFull(ATLAS)));
    const page = await h.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`https://huggingface.co/${id}`);
    const head = page.locator('[data-hub-lens="panel"] .family-head');
    await expect.poll(() => head.textContent(), { timeout: 15_000 }).toBe(`Family of ${ATLAS} (partly fetched)`);
    expect(await page.locator('[data-hub-lens="panel"] .stat-value > [aria-hidden="true"]').first().textContent()).toBe('3');
    expect(errors).toEqual([]);
    await page.close();
    listFails = false;
  });
});

// Realism matters here: the real QwQ re-upload cluster of 2 December 2024, served from the real answers.
describe.skipIf(lacks('fixtures/hub-api'))('family card on real answers', () => {
  it('shows the real QwQ cluster from its GGUF re-upload', async () => {
    const real = (name: string) => realJson('fixtures/hub-api', name);
    const qwq = realQwqExpand();
    const copy = real('model-full-bartowski--QwQ-32B-Preview-GGUF--quantized-gguf-reupload.json');
    const list: any[] = real('list-models-default-sort-trending-limit50-2024-12-02.json');
    const children = list.filter((m) => (m.tags as string[]).some((t) => t.endsWith(`:${qwq.id}`)));
    const routes: [string, Parameters<typeof h.context.route>[1]][] = [
      ['https://huggingface.co/api/models?**', (route) => json(route, new URL(route.request().url()).searchParams.get('filter') ? children : list)],
      [`https://huggingface.co/api/models/${qwq.id}?**`, (route) => json(route, qwq)],
      [`https://huggingface.co/api/models/${copy.id}?**`, (route) => json(route, copy)],
      [`https://huggingface.co/${copy.id}`, (route) => html(route, modelPage({ id: copy.id, likes: copy.likes, downloads: copy.downloads, trackDownloads: true, tags: copy.tags, gguf: {} }))],
    ];
    for (const [url, handler] of routes) await h.context.route(url, handler);
    const page = await h.context.newPage();
    await page.goto(`https://huggingface.co/${copy.id}`);
    const card = page.locator('[data-hub-lens="panel"] .family');
    const c = qwq.childrenModelCount;
    await expect.poll(() => card.locator('.family-head').textContent(), { timeout: 15_000 }).toContain(
      `Family of ${qwq.id}: ${c.quantized} quantized, ${c.finetune} finetunes, ${c.adapter} adapters, ${c.merge} merges`,
    );
    expect(await card.locator('.family-place').textContent()).toContain(`Quantized copy of ${qwq.id}, #1 of ${c.quantized} by 30-day downloads`);
    await screenshot(page, 'family-real-light');
    await page.close();
    for (const [url] of routes) await h.context.unroute(url);
  });
});
