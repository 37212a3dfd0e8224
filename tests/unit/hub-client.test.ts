import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHubClient, nextLink } from '@/lib/hub/client';
import { parseQuota, parseRateLimit, RateLimiter } from '@/lib/hub/rate-limit';
import { baseModelsFromTags, parseModel, parseModelList } from '@/lib/hub/schemas';
import { ATLAS, CANVAS, hubIdOf, inventedExpand, inventedFull, inventedIds, inventedList, NIMBUS, NIMBUS_GGUF, ORION, PRISM_LORA } from '@/tests/fixtures/invented-hub';
import { lacks, realJson, realPath } from '@/tests/real-data';

const real = (name: string) => realJson('fixtures/hub-api', name);
const expand = inventedExpand(NIMBUS)!;

describe.skipIf(lacks('fixtures/hub-api'))('schemas on real answers', () => {
  it('parses every real model and list file', () => {
    for (const file of readdirSync(realPath('fixtures/hub-api')).filter((f) => f.endsWith('.json'))) {
      const json = real(file);
      if (file.startsWith('list-')) expect(parseModelList(json)?.length, file).toBe(json.length);
      else if (file.startsWith('model-')) expect(parseModel(json)?.id, file).toBe(json.id);
    }
  });

  it('reads the family relations the Hub declares', () => {
    const gguf = parseModel(real('model-full-bartowski--QwQ-32B-Preview-GGUF--quantized-gguf-reupload.json'))!;
    expect(gguf).toMatchObject({ gguf: true, baseModels: { relation: 'quantized', ids: ['Qwen/QwQ-32B-Preview'] } });
    const adapter = parseModel(real('model-full-Djrango--Qwen2vl-Flux--trending-zero-downloads-adapter.json'))!;
    expect(adapter).toMatchObject({ downloads: 0, likes: 316, gguf: false, baseModels: { relation: 'adapter', ids: ['Qwen/Qwen2-VL-7B-Instruct'] } });
    const gated = parseModel(real('model-full-meta-llama--Llama-3.1-8B-Instruct--gated-manual-high-downloads.json'))!;
    expect(gated.gated).toBe('manual');
    const raw: any[] = real('list-models-default-sort-trending-limit50-2024-12-02.json');
    const entry = raw.find((m) => m.id === 'Qwen/QwQ-32B-Preview');
    expect(parseModelList(raw)!.find((m) => m.id === entry.id)).toMatchObject({ likes: entry.likes, trendingScore: entry.trendingScore, hubId: entry._id });
  });
});

describe('schemas on invented answers', () => {
  it('parses every invented model answer, full and expanded, and the list', () => {
    for (const id of inventedIds()) {
      expect(parseModel(inventedFull(id))?.id, id).toBe(id);
      expect(parseModel(inventedExpand(id))?.id, id).toBe(id);
    }
    expect(parseModelList(inventedList())?.map((m) => m.id)).toEqual(inventedIds());
  });

  it('reads the family relations the Hub declares', () => {
    expect(parseModel(inventedFull(NIMBUS_GGUF))).toMatchObject({ gguf: true, baseModels: { relation: 'quantized', ids: [NIMBUS] } });
    // Two bases on its card, one declared in its tags: the tags say what it is.
    expect(parseModel(inventedFull(PRISM_LORA))).toMatchObject({ downloads: 0, likes: 412, gguf: false, baseModels: { relation: 'adapter', ids: [CANVAS] } });
    expect(parseModel(inventedFull(ATLAS))!.gated).toBe('manual');
    expect(parseModel(inventedFull(CANVAS))!.gated).toBe('auto');
    const list = parseModelList(inventedList())!;
    expect(list.find((m) => m.id === NIMBUS)).toMatchObject({ likes: 2480, trendingScore: 2476, hubId: hubIdOf(NIMBUS) });
  });

  it('accepts both shapes of baseModels and childrenModelCount', () => {
    expect(parseModel(expand)).toMatchObject({
      downloadsAllTime: 48_310,
      baseModels: { relation: 'finetune', ids: ['invented-lab/Nimbus-7B-Base'] },
      childrenCount: { quantized: 64, finetune: 21, adapter: 37, merge: 3, total: 125 },
    });
    expect(parseModel(inventedExpand(ORION))).toMatchObject({ newVersion: 'invented-lab/Orion-13B' });
    expect(parseModel({ id: 'a/b', baseModels: ['c/d'], childrenModelCount: 12 })).toMatchObject({ baseModels: { ids: ['c/d'] }, childrenCount: { total: 12 } });
  });

  it('splits base_model tags at the second colon', () => {
    expect(baseModelsFromTags(['base_model:a/b', 'base_model:merge:c/d', 'base_model:merge:a/b', 'gguf'])).toEqual({ relation: 'merge', ids: ['a/b', 'c/d'] });
  });

  it('drops one malformed field and keeps the rest', () => {
    expect(parseModel({ ...expand, likes: 'lots', trendingScore: null, tags: 'x' })).toMatchObject({ id: expand.id, likes: undefined, downloads: 48_310, tags: [] });
    expect(parseModel({ likes: 3 })).toBeNull();
  });

  it('never throws on any JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (json) => {
      parseModel(json);
      parseModelList(json);
    }));
  });
});

/** A fake fetch answering from a queue, counting calls. */
function fakeFetch(answers: (() => Response | Promise<Response>)[]) {
  const calls: string[] = [];
  const fn = (async (url: RequestInfo | URL) => {
    calls.push(String(url));
    const next = answers.shift();
    if (!next) throw new TypeError('no more answers');
    return next();
  }) as typeof fetch;
  return { fn, calls };
}
const res = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });

describe('client outcomes', () => {
  it('makes the one expand call and parses it', async () => {
    const f = fakeFetch([() => res(200, expand)]);
    const r = await createHubClient({ fetch: f.fn }).getModel(NIMBUS);
    expect(r.ok && r.value.trendingScore).toBe(2476);
    expect(f.calls[0]).toMatch(/^https:\/\/huggingface\.co\/api\/models\/invented-lab\/Nimbus-7B\?expand\[\]=likes&/);
    expect(f.calls[0]).toContain('expand[]=trendingScore');
  });

  it.each([
    [404, 'not-found'],
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [500, 'server-error'],
    [503, 'server-error'],
  ])('answers %i as %s', async (status, kind) => {
    const r = await createHubClient({ fetch: fakeFetch([() => res(status, { error: 'x' })]).fn }).getModel('a/b');
    expect(!r.ok && r.error.kind).toBe(kind);
  });

  it('says offline when fetch fails and malformed for garbage', async () => {
    const offline = await createHubClient({ fetch: fakeFetch([]).fn }).getModel('a/b');
    expect(!offline.ok && offline.error.kind).toBe('offline');
    const garbage = await createHubClient({ fetch: fakeFetch([() => res(200, '<html>')]).fn }).getModel('a/b');
    expect(!garbage.ok && garbage.error.kind).toBe('malformed');
    const noId = await createHubClient({ fetch: fakeFetch([() => res(200, { likes: 1 })]).fn }).getModel('a/b');
    expect(!noId.ok && noId.error.kind).toBe('malformed');
  });

  it('never calls into a window a 429 closed, and reopens it at its reset', async () => {
    let now = 1_000_000;
    const f = fakeFetch([() => res(429, '', { RateLimit: '"api";r=0;t=120' }), () => res(200, expand)]);
    const client = createHubClient({ fetch: f.fn, now: () => now });
    const first = await client.getModel('a/b');
    expect(!first.ok && first.error).toMatchObject({ kind: 'rate-limited', retryAt: now + 120_000 });
    now += 119_000;
    const second = await client.getModel('a/b');
    expect(!second.ok && second.error.kind).toBe('rate-limited');
    expect(f.calls).toHaveLength(1);
    now += 1_000;
    expect((await client.getModel('a/b')).ok).toBe(true);
    expect(f.calls).toHaveLength(2);
  });

  it('backs off exponentially after 429s without headers', async () => {
    let now = 0;
    const f = fakeFetch([() => res(429, ''), () => res(429, ''), () => res(429, '')]);
    const client = createHubClient({ fetch: f.fn, now: () => now });
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await client.getModel('a/b');
      if (!r.ok) waits.push(r.error.retryAt! - now);
      now = r.ok ? now : r.error.retryAt!;
    }
    expect(waits).toEqual([30_000, 60_000, 120_000]);
  });

  it('keeps a fifth of the quota for pages: background calls stop early', async () => {
    const f = fakeFetch([() => res(200, expand, { RateLimit: '"api";r=90;t=200', 'RateLimit-Policy': '"fixed window";"api";q=500;w=300' }), () => res(200, expand)]);
    const client = createHubClient({ fetch: f.fn, now: () => 0 });
    expect((await client.getModel('a/b', { priority: 'background' })).ok).toBe(true);
    const held = await client.getModel('a/b', { priority: 'background' });
    expect(!held.ok && held.error).toMatchObject({ kind: 'rate-limited', retryAt: 200_000 });
    expect((await client.getModel('a/b', { priority: 'interactive' })).ok).toBe(true);
  });

  it('follows Link pages only on the Hub', async () => {
    const list = inventedList(10);
    const f = fakeFetch([() => res(200, list, { Link: '<https://huggingface.co/api/models?cursor=abc&limit=10>; rel="next"' })]);
    const r = await createHubClient({ fetch: f.fn }).listModels({ sort: 'downloads', limit: 10, filter: ['base_model:quantized:a/b'] });
    expect(r.ok && r.value).toMatchObject({ next: 'https://huggingface.co/api/models?cursor=abc&limit=10' });
    expect(r.ok && r.value.models).toHaveLength(10);
    expect(f.calls[0]).toContain('filter=base_model%3Aquantized%3Aa%2Fb');
    expect(nextLink('<https://evil.example/api/models?cursor=x>; rel="next"', 'https://huggingface.co')).toBeUndefined();
    const refused = await createHubClient({ fetch: fakeFetch([]).fn }).listModels({ nextUrl: 'https://evil.example/x' });
    expect(!refused.ok && refused.error.kind).toBe('malformed');
  });

  it('asks a list of 1 to 1,000 models, whatever limit it is given (30 by default)', async () => {
    const asked = async (limit: number | undefined) => {
      const f = fakeFetch([() => res(200, [])]);
      await createHubClient({ fetch: f.fn }).listModels({ search: 'invented', limit });
      return new URL(f.calls[0]!).searchParams.get('limit');
    };
    const cases: [number | undefined, string][] = [[undefined, '30'], [-5, '1'], [0, '1'], [1, '1'], [999, '999'], [1000, '1000'], [1001, '1000'], [50_000, '1000']];
    for (const [limit, sent] of cases) expect(await asked(limit), String(limit)).toBe(sent);
  });

  it('refuses ids that are not author/name without calling', async () => {
    const f = fakeFetch([]);
    const r = await createHubClient({ fetch: f.fn }).getModel('../../etc');
    expect(r.ok).toBe(false);
    expect(f.calls).toEqual([]);
  });
});

describe('RateLimit headers', () => {
  it('reads remaining, reset and quota, and never throws', () => {
    expect(parseRateLimit('"api";r=12;t=34')).toEqual({ remaining: 12, resetSeconds: 34 });
    expect(parseQuota('"fixed window";"api";q=500;w=300')).toBe(500);
    fc.assert(fc.property(fc.string(), (s) => {
      parseRateLimit(s);
      parseQuota(s);
    }));
  });

  it('keeps state that a restarted worker can reuse', () => {
    const a = new RateLimiter(() => 0);
    a.observe(429, new Headers({ RateLimit: '"api";r=0;t=60' }));
    const b = new RateLimiter(() => 1000, JSON.parse(JSON.stringify(a.state)));
    expect(b.blockedUntil('interactive')).toBe(60_000);
  });
});
