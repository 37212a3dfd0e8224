import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelPage } from '../fixtures/hub-pages';
import { html, json, launch, routeHub, screenshot, sharedJson, type Harness } from './harness';

const gguf = sharedJson('fixtures/hub-api/model-full-bartowski--QwQ-32B-Preview-GGUF--quantized-gguf-reupload.json');
const list50 = sharedJson<any[]>('fixtures/hub-api/list-models-default-sort-trending-limit50-2024-12-02.json');
const qwqExpand = JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/hub-api/invented-expand-Qwen--QwQ-32B-Preview.json'), 'utf8'));
const children = list50.filter((m) => (m.tags as string[]).some((t) => t.endsWith(':Qwen/QwQ-32B-Preview')));

let h: Harness;
let listFails = false;
let listCalls = 0;
beforeAll(async () => {
  h = await launch();
  await routeHub(h.context, (route, url) => {
    if (url.pathname === '/api/models') {
      listCalls++;
      if (listFails) return route.fulfill({ status: 500, body: 'oops' });
      return json(route, url.searchParams.get('filter') ? children : list50);
    }
    if (url.pathname === '/api/models/Qwen/QwQ-32B-Preview') return json(route, qwqExpand);
    if (url.pathname.startsWith('/api/models/bartowski/')) return json(route, gguf);
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
      /Family of Qwen\/QwQ-32B-Preview: 190 quantized, 328 finetunes, 716 adapters, 19 merges/,
    );
    expect(await card.locator('.family-place').textContent()).toMatch(/Quantized copy of Qwen\/QwQ-32B-Preview, #1 of 190 by 30-day downloads/);
    expect(await card.locator('.family-place').textContent()).toMatch(/GGUF repos count every .gguf file/);
    expect(await card.locator('.copies tbody tr').count()).toBeGreaterThan(0);
    const hrefs = await card.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of hrefs) expect(href).toMatch(/^https:\/\/huggingface\.co\/[\w.-]+\/[\w.-]+$/);
    await screenshot(page, 'family-light');
    await page.close();
  });

  it('shares the cached family with every page of the family', async () => {
    const id = 'huihui-ai/QwQ-32B-Preview-abliterated';
    const abl = sharedJson('fixtures/hub-api/model-full-huihui-ai--QwQ-32B-Preview-abliterated--finetune-of-finetune.json');
    await h.context.route(`https://huggingface.co/${id}`, (route) => html(route, modelPage({ id, likes: abl.likes, downloads: abl.downloads, trackDownloads: true })));
    await h.context.route(`https://huggingface.co/api/models/${id}?**`, (route) => json(route, abl));
    listCalls = 0;
    const page = await h.context.newPage();
    await page.goto(`https://huggingface.co/${id}`);
    await expect.poll(() => page.locator('[data-hub-lens="panel"] .family-place').textContent(), { timeout: 15_000 }).toMatch(/^Finetune of Qwen\/QwQ-32B-Preview/);
    expect(listCalls).toBe(0);
    await page.close();
  });

  it('shows what it got when the API fails part-way, and the panel stays', async () => {
    listFails = true;
    // An invented GGUF copy of a real original whose family is not cached yet.
    const llama = sharedJson('fixtures/hub-api/model-full-meta-llama--Llama-3.1-8B-Instruct--gated-manual-high-downloads.json');
    const id = 'invented-org/Llama-3.1-8B-Instruct-Q4_K_M-GGUF';
    const copy = { id, likes: 3, downloads: 120, tags: ['gguf', `base_model:quantized:${llama.id}`], gguf: {} };
    await h.context.route(`https://huggingface.co/${id}`, (route) => html(route, modelPage({ id, likes: 3, downloads: 120, trackDownloads: true, tags: copy.tags, gguf: {} })));
    await h.context.route(`https://huggingface.co/api/models/${id}?**`, (route) => json(route, copy));
    await h.context.route(`https://huggingface.co/api/models/${llama.id}?**`, (route) => json(route, llama));
    const page = await h.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`https://huggingface.co/${id}`);
    const head = page.locator('[data-hub-lens="panel"] .family-head');
    await expect.poll(() => head.textContent(), { timeout: 15_000 }).toBe(`Family of ${llama.id} (partly fetched)`);
    expect(await page.locator('[data-hub-lens="panel"] .stat-value').first().textContent()).toBe('3');
    expect(errors).toEqual([]);
    await page.close();
  });
});
