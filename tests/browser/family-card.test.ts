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
beforeAll(async () => {
  h = await launch();
  await routeHub(h.context, (route, url) => {
    if (url.pathname === '/api/models') {
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

  it('shows what it got when the API fails part-way, and the panel stays', async () => {
    listFails = true;
    const id = 'invented-org/QwQ-32B-Preview-Q4_K_M-GGUF';
    const copy = { ...gguf, _id: undefined, id, likes: 3, downloads: 120 };
    await h.context.route(`https://huggingface.co/${id}`, (route) =>
      html(route, modelPage({ id, likes: 3, downloads: 120, trackDownloads: true, tags: gguf.tags, gguf: {} })),
    );
    await h.context.route(`https://huggingface.co/api/models/${id}?**`, (route) => json(route, copy));
    const page = await h.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`https://huggingface.co/${id}`);
    const head = page.locator('[data-hub-lens="panel"] .family-head');
    await expect.poll(() => head.textContent(), { timeout: 15_000 }).toMatch(/Family of Qwen\/QwQ-32B-Preview: 190 quantized.*\(partly fetched\)/);
    expect(await page.locator('[data-hub-lens="panel"] .stat-value').first().textContent()).toBe('3');
    expect(errors).toEqual([]);
    await page.close();
  });
});
