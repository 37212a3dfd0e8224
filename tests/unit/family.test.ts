import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fetchFamily, MAX_CALLS, placeIn } from '@/lib/family/family';
import { looksLikeCopyOf, normaliseName } from '@/lib/family/names';
import { createHubClient } from '@/lib/hub/client';
import { parseModel, type HubModel } from '@/lib/hub/schemas';

const SHARED = path.resolve(__dirname, '../../../shared/fixtures/hub-api');
const real = (name: string) => JSON.parse(readFileSync(path.join(SHARED, name), 'utf8'));
const expandQwq = JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/hub-api/invented-expand-Qwen--QwQ-32B-Preview.json'), 'utf8'));
const list50: any[] = real('list-models-default-sort-trending-limit50-2024-12-02.json');
const gguf = parseModel(real('model-full-bartowski--QwQ-32B-Preview-GGUF--quantized-gguf-reupload.json'))!;
const abliterated = parseModel(real('model-full-huihui-ai--QwQ-32B-Preview-abliterated--finetune-of-finetune.json'))!;
const adapter = parseModel(real('model-full-Djrango--Qwen2vl-Flux--trending-zero-downloads-adapter.json'))!;

/** A routed Hub: /api/models/{id} from `models`, lists from `list`, counting calls. */
function hub(models: Record<string, unknown>, list: (url: URL) => { status: number; body: unknown; headers?: Record<string, string> }) {
  const calls: URL[] = [];
  const fakeFetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    calls.push(url);
    if (url.pathname.startsWith('/api/models/')) {
      const id = decodeURIComponent(url.pathname.slice('/api/models/'.length));
      const body = models[id];
      return new Response(JSON.stringify(body ?? { error: 'not found' }), { status: body ? 200 : 404 });
    }
    const r = list(url);
    return new Response(JSON.stringify(r.body), { status: r.status, headers: r.headers });
  }) as typeof globalThis.fetch;
  return { client: createHubClient({ fetch: fakeFetch }), calls };
}

// The real list holds the QwQ family's members of 2 December 2024: children and an undeclared copy are served from it.
const qwqChildren = list50.filter((m) => (m.tags as string[]).some((t) => t.endsWith(':Qwen/QwQ-32B-Preview')));
const listAnswer = (url: URL) => {
  if (url.searchParams.get('filter')?.startsWith('base_model:')) return { status: 200, body: qwqChildren };
  if (url.searchParams.get('search')) return { status: 200, body: [...list50, { id: 'invented-org/QwQ-32B-Preview-4bit', downloads: 12, likes: 1, tags: [] }] };
  return { status: 200, body: [] };
};

describe('families of the real QwQ cluster', () => {
  it('finds the original from a GGUF re-upload and ranks the copy', async () => {
    const { client, calls } = hub({ 'Qwen/QwQ-32B-Preview': expandQwq }, listAnswer);
    const family = await fetchFamily(gguf, client, 0);
    expect(family.head).toBe('Qwen/QwQ-32B-Preview');
    expect(family.counts).toEqual({ quantized: 190, finetune: 328, adapter: 716, merge: 19 });
    expect(family.top.map((m) => [m.id, m.relation])).toEqual(
      expect.arrayContaining([
        ['bartowski/QwQ-32B-Preview-GGUF', 'quantized'],
        ['huihui-ai/QwQ-32B-Preview-abliterated', 'finetune'],
      ]),
    );
    expect(family.undeclared.map((m) => m.id)).toEqual(['invented-org/QwQ-32B-Preview-4bit']);
    expect(family.partial).toBe(false);
    expect(calls.length).toBeLessThanOrEqual(MAX_CALLS);
    const place = placeIn(family, gguf);
    expect(place).toMatchObject({ role: 'copy', relation: 'quantized', rank: 1, of: 190, ggufInflated: true, newVersion: undefined });
    expect(place.share).toBeGreaterThan(0);
    expect(place.share).toBeLessThan(1);
  });

  it('puts a finetune of a finetune in its parent family', async () => {
    const { client } = hub({ 'Qwen/QwQ-32B-Preview': expandQwq }, listAnswer);
    const family = await fetchFamily(abliterated, client, 0);
    expect(family.head).toBe('Qwen/QwQ-32B-Preview');
    expect(placeIn(family, abliterated)).toMatchObject({ role: 'copy', relation: 'finetune' });
  });

  it('heads its own family when it has children, naming its successor', async () => {
    const qwq = parseModel(expandQwq)!;
    const { client, calls } = hub({}, listAnswer);
    const family = await fetchFamily(qwq, client, 0);
    expect(family.head).toBe(qwq.id);
    expect(calls.every((u) => u.pathname === '/api/models')).toBe(true); // no walk up
    expect(placeIn(family, qwq)).toMatchObject({ role: 'original', newVersion: 'Qwen/QwQ-32B' });
  });

  it('follows an adapter with two bases to the declared one', async () => {
    const { client } = hub({}, () => ({ status: 200, body: [] }));
    const family = await fetchFamily(adapter, client, 0);
    // The base is not on this fake Hub (404): it stays the declared head, never the adapter itself.
    expect(family).toMatchObject({ head: 'Qwen/Qwen2-VL-7B-Instruct', unreadableBase: { id: 'Qwen/Qwen2-VL-7B-Instruct', reason: 'not found' }, partial: false });
    expect(placeIn(family, adapter)).toMatchObject({ role: 'copy', relation: 'adapter' });
  });
});

describe('failures and limits', () => {
  const copy = (id: string, parent: string): HubModel => ({ id, tags: [], gguf: false, baseModels: { relation: 'quantized', ids: [parent] } });

  it('is safe on a cycle', async () => {
    const { client, calls } = hub({ 'c/b': { id: 'c/b', tags: ['base_model:quantized:c/a'] } }, () => ({ status: 200, body: [] }));
    const family = await fetchFamily(copy('c/a', 'c/b'), client, 0);
    expect(family.head).toBe('c/b');
    expect(calls.length).toBeLessThanOrEqual(MAX_CALLS);
  });

  it('returns what it got when the API fails part-way', async () => {
    const { client } = hub({ 'Qwen/QwQ-32B-Preview': expandQwq }, () => ({ status: 500, body: 'oops' }));
    const family = await fetchFamily(gguf, client, 0);
    expect(family).toMatchObject({ head: 'Qwen/QwQ-32B-Preview', partial: true, top: [], undeclared: [] });
    expect(family.counts.quantized).toBe(190);
  });

  it('stays within five calls on a 5,000-child family (paged list, invented)', async () => {
    const page = Array.from({ length: 20 }, (_, i) => ({ id: `invented-org/child-${i}`, downloads: 5000 - i, tags: ['base_model:finetune:big/base'] }));
    const big = { id: 'big/base', childrenModelCount: { quantized: 1000, finetune: 4000, adapter: 0, merge: 0 } };
    const { client, calls } = hub({ 'big/base': big }, () => ({ status: 200, body: page, headers: { Link: '<https://huggingface.co/api/models?cursor=next>; rel="next"' } }));
    const started = performance.now();
    const family = await fetchFamily(copy('x/big-GGUF', 'big/base'), client, 0);
    expect(performance.now() - started).toBeLessThan(500);
    expect(calls.length).toBeLessThanOrEqual(MAX_CALLS);
    expect(family.top).toHaveLength(20);
    expect(family.counts.finetune).toBe(4000);
  });
});

describe('names', () => {
  it('strips re-upload suffixes', () => {
    expect(normaliseName('bartowski/QwQ-32B-Preview-GGUF')).toBe('qwq-32b-preview');
    expect(normaliseName('mlx-community/QwQ-32B-Preview-4bit')).toBe('qwq-32b-preview');
    expect(normaliseName('x/QwQ-32B-Preview-Q4_K_M-GGUF')).toBe('qwq-32b-preview');
    expect(normaliseName('x/Llama-3.1-8B-Instruct-bnb-4bit')).toBe('llama-3.1-8b-instruct');
    expect(looksLikeCopyOf('x/QwQ-32B-Preview-AWQ', 'QwQ-32B-Preview')).toBe(true);
    expect(looksLikeCopyOf('Qwen/QwQ-32B-Preview', 'QwQ-32B-Preview')).toBe(false);
  });

  it('is idempotent and never throws', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normaliseName(normaliseName(s))).toBe(normaliseName(s));
      }),
    );
  });
});
