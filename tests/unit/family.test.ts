import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fetchFamily, MAX_CALLS, placeIn } from '@/lib/family/family';
import { looksLikeCopyOf, normaliseName } from '@/lib/family/names';
import { createHubClient } from '@/lib/hub/client';
import { parseModel, type HubModel } from '@/lib/hub/schemas';
import { inventedChildren, inventedExpand, inventedFull, inventedList, NIMBUS, NIMBUS_ABLITERATED, NIMBUS_GGUF, ORION, PRISM_LORA } from '@/tests/fixtures/invented-hub';
import { lacks, realJson, realQwqExpand } from '@/tests/real-data';

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

/** A re-upload family as a fake Hub serves it: its head's expand answer, members, the list answers. */
interface Cluster {
  head: string;
  headAnswer: unknown;
  gguf: HubModel;
  finetune: HubModel;
  adapter: HubModel;
  children: unknown[];
  list: unknown[];
  counts: Record<'quantized' | 'finetune' | 'adapter' | 'merge', number>;
  /** an original with children that names its successor */
  successor: { answer: unknown; newVersion: string };
}

/** The same behaviour on any cluster: the invented one always, the real one where its data is present. */
function familyCases(cluster: () => Cluster) {
  const undeclared = () => `invented-org/${cluster().head.split('/')[1]}-4bit`;
  const listAnswer = (url: URL) => {
    const c = cluster();
    if (url.searchParams.get('filter')?.startsWith('base_model:')) return { status: 200, body: c.children };
    if (url.searchParams.get('search')) return { status: 200, body: [...c.list, { id: undeclared(), downloads: 12, likes: 1, tags: [] }] };
    return { status: 200, body: [] };
  };

  it('finds the original from a GGUF re-upload and ranks the copy', async () => {
    const c = cluster();
    const { client, calls } = hub({ [c.head]: c.headAnswer }, listAnswer);
    const family = await fetchFamily(c.gguf, client, 0);
    expect(family.head).toBe(c.head);
    expect(family.counts).toEqual(c.counts);
    expect(family.top.map((m) => [m.id, m.relation])).toEqual(
      expect.arrayContaining([
        [c.gguf.id, 'quantized'],
        [c.finetune.id, 'finetune'],
      ]),
    );
    expect(family.undeclared.map((m) => m.id)).toEqual([undeclared()]);
    expect(family.partial).toBe(false);
    expect(calls.length).toBeLessThanOrEqual(MAX_CALLS);
    const place = placeIn(family, c.gguf);
    expect(place).toMatchObject({ role: 'copy', relation: 'quantized', rank: 1, of: c.counts.quantized, ggufInflated: true, newVersion: undefined });
    expect(place.share).toBeGreaterThan(0);
    expect(place.share).toBeLessThan(1);
  });

  it('puts a finetune of a finetune in its parent family', async () => {
    const c = cluster();
    const { client } = hub({ [c.head]: c.headAnswer }, listAnswer);
    const family = await fetchFamily(c.finetune, client, 0);
    expect(family.head).toBe(c.head);
    expect(placeIn(family, c.finetune)).toMatchObject({ role: 'copy', relation: 'finetune' });
  });

  it('heads its own family when it has children, naming its successor', async () => {
    const { answer, newVersion } = cluster().successor;
    const original = parseModel(answer)!;
    const { client, calls } = hub({}, listAnswer);
    const family = await fetchFamily(original, client, 0);
    expect(family.head).toBe(original.id);
    expect(calls.every((u) => u.pathname === '/api/models')).toBe(true); // no walk up
    expect(placeIn(family, original)).toMatchObject({ role: 'original', newVersion });
  });

  it('follows an adapter with two bases to the declared one', async () => {
    const { adapter } = cluster();
    const { client } = hub({}, () => ({ status: 200, body: [] }));
    const family = await fetchFamily(adapter, client, 0);
    const declared = adapter.baseModels.ids[0];
    // The base is not on this fake Hub (404): it stays the declared head, never the adapter itself.
    expect(family).toMatchObject({ head: declared, unreadableBase: { id: declared, reason: 'not found' }, partial: false });
    expect(placeIn(family, adapter)).toMatchObject({ role: 'copy', relation: 'adapter' });
  });

  it('returns what it got when the API fails part-way', async () => {
    const c = cluster();
    const { client } = hub({ [c.head]: c.headAnswer }, () => ({ status: 500, body: 'oops' }));
    const family = await fetchFamily(c.gguf, client, 0);
    expect(family).toMatchObject({ head: c.head, partial: true, top: [], undeclared: [] });
    expect(family.counts.quantized).toBe(c.counts.quantized);
  });
}

const invented: Cluster = {
  head: NIMBUS,
  headAnswer: inventedExpand(NIMBUS),
  gguf: parseModel(inventedFull(NIMBUS_GGUF))!,
  finetune: parseModel(inventedFull(NIMBUS_ABLITERATED))!,
  adapter: parseModel(inventedFull(PRISM_LORA))!,
  children: inventedChildren(NIMBUS),
  list: inventedList(),
  counts: { quantized: 64, finetune: 21, adapter: 37, merge: 3 },
  successor: { answer: inventedExpand(ORION), newVersion: 'invented-lab/Orion-13B' },
};
describe('families of the invented Nimbus cluster', () => familyCases(() => invented));

// The real QwQ cluster of 2 December 2024: its members come from the real list of that day.
let real: Cluster | undefined;
function realCluster(): Cluster {
  const file = (name: string) => realJson('fixtures/hub-api', name);
  const list: any[] = file('list-models-default-sort-trending-limit50-2024-12-02.json');
  const head = realQwqExpand();
  return (real ??= {
    head: head.id,
    headAnswer: head,
    gguf: parseModel(file('model-full-bartowski--QwQ-32B-Preview-GGUF--quantized-gguf-reupload.json'))!,
    finetune: parseModel(file('model-full-huihui-ai--QwQ-32B-Preview-abliterated--finetune-of-finetune.json'))!,
    adapter: parseModel(file('model-full-Djrango--Qwen2vl-Flux--trending-zero-downloads-adapter.json'))!,
    children: list.filter((m) => (m.tags as string[]).some((t) => t.endsWith(`:${head.id}`))),
    list,
    counts: head.childrenModelCount,
    successor: { answer: head, newVersion: head.cardData.new_version },
  });
}
describe.skipIf(lacks('fixtures/hub-api'))('families of the real QwQ cluster', () => familyCases(realCluster));

describe('failures and limits', () => {
  const copy = (id: string, parent: string): HubModel => ({ id, tags: [], gguf: false, baseModels: { relation: 'quantized', ids: [parent] } });

  it('is safe on a cycle', async () => {
    const { client, calls } = hub({ 'c/b': { id: 'c/b', tags: ['base_model:quantized:c/a'] } }, () => ({ status: 200, body: [] }));
    const family = await fetchFamily(copy('c/a', 'c/b'), client, 0);
    expect(family.head).toBe('c/b');
    expect(calls.length).toBeLessThanOrEqual(MAX_CALLS);
  });

  it('stays within five calls on a 5,000-child family (paged list, invented)', async () => {
    const page = Array.from({ length: 20 }, (_, i) => ({ id: `invented-org/child-${i}`, downloads: 5000 - i, tags: ['base_model:finetune:big/base'] }));
    const big = { id: 'big/base', childrenModelCount: { quantized: 1000, finetune: 4000, adapter: 0, merge: 0 } };
    const { client, calls } = hub({ 'big/base': big }, () => ({ status: 200, body: page, headers: { Link: '<https://huggingface.co/api/models?cursor=next>; rel="next"' } }));
    const family = await fetchFamily(copy('x/big-GGUF', 'big/base'), client, 0);
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
