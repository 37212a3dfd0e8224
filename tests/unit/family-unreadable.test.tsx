// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { familyCard } from '@/lib/family/card';
import { FamilyCard } from '@/lib/features/family/FamilyCard';
import { fetchFamily, knownCounts, placeIn, type Family } from '@/lib/family/family';
import { createHubClient, TIMEOUT_MS, type HubModel } from '@/lib/hub/client';

// Issue 14: a declared base that cannot be read is stated as such, never turned into "this
// repo is the original". Invented repos, shaped by the Hub's field table.

const BASE = 'invented-org/Base-7B';
const COPY = 'invented-quant/Base-7B-GGUF';
const quantizedCopy = (id: string, of: string): HubModel => ({ id, tags: ['gguf'], gguf: true, downloads: 500, baseModels: { relation: 'quantized', ids: [of] } });
const siblings = [
  { id: COPY, downloads: 500, tags: [`base_model:quantized:${BASE}`], gguf: {} },
  { id: 'invented-mlx/Base-7B-4bit', downloads: 90, tags: [`base_model:quantized:${BASE}`] },
  { id: 'invented-tune/Base-7B-chat', downloads: 40, tags: [`base_model:finetune:${BASE}`] },
];

type Answer = () => Response | Promise<Response>;
/** A Hub whose model calls give `model` and whose list calls give `list`, recording every URL. */
function hub(model: Answer, list: Answer = () => Response.json([])) {
  const calls: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push(url.pathname);
    if (url.pathname === '/api/models') return list();
    return Promise.race([
      model(),
      new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    ]);
  }) as typeof globalThis.fetch;
  return { client: createHubClient({ fetch }), calls };
}

const status = (code: number): Answer => () => new Response('{"error":"x"}', { status: code });
const failures: [string, Answer, NonNullable<Family['unreadableBase']>['reason']][] = [
  ['404', status(404), 'not found'],
  ['401', status(401), 'gated or private'],
  ['403', status(403), 'gated or private'],
  ['500', status(500), 'server error'],
  ['503', status(503), 'server error'],
  ['a network failure', () => Promise.reject(new TypeError('Failed to fetch')), 'offline'],
  ['429', () => new Response('', { status: 429, headers: { RateLimit: '"api";r=0;t=60' } }), 'rate-limited'],
  ['garbage', () => new Response('<html>'), 'malformed'],
];

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('a copy whose declared base cannot be read', () => {
  it.each(failures)('after %s: head stays the declared base, the copy stays a copy', async (_what, answer, reason) => {
    const { client } = hub(answer, () => Response.json(siblings));
    const family = await fetchFamily(quantizedCopy(COPY, BASE), client, 0);
    expect(family.head).toBe(BASE);
    expect(family.unreadableBase).toEqual({ id: BASE, reason, relation: 'quantized' });
    expect(family.chain).toEqual([COPY, BASE]);
    const place = placeIn(family, { id: COPY, downloads: 500, gguf: true });
    expect(place.role).toBe('copy');
    expect(place.relation).toBe('quantized');
  });

  it('after the time limit: offline, not the original', async () => {
    vi.useFakeTimers();
    const { client } = hub(() => new Promise<Response>(() => undefined));
    const pending = fetchFamily(quantizedCopy(COPY, BASE), client, 0);
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS * 4);
    const family = await pending;
    expect(family).toMatchObject({ head: BASE, unreadableBase: { reason: 'offline' }, partial: true });
    expect(placeIn(family, { id: COPY }).role).toBe('copy');
  });

  it('a missing base is a plain fact (not partial); a failed read is retried (partial)', async () => {
    expect((await fetchFamily(quantizedCopy(COPY, BASE), hub(status(404)).client, 0)).partial).toBe(false);
    expect((await fetchFamily(quantizedCopy(COPY, BASE), hub(status(503)).client, 0)).partial).toBe(true);
  });

  it('still counts the relatives it could list', async () => {
    const { client } = hub(status(404), () => Response.json(siblings));
    const family = await fetchFamily(quantizedCopy(COPY, BASE), client, 0);
    expect(family.counts).toEqual({ quantized: null, finetune: null, adapter: null, merge: null });
    expect(knownCounts(family)).toEqual([
      { relation: 'quantized', count: 2, atLeast: false },
      { relation: 'finetune', count: 1, atLeast: false },
    ]);
    expect(placeIn(family, { id: COPY })).toMatchObject({ role: 'copy', relation: 'quantized', rank: 1 });
  });

  it('a copy of a copy: the chain holds every repo on the way, each of them a copy', async () => {
    const middle = { id: 'invented-quant/Base-7B-AWQ', tags: [`base_model:quantized:${BASE}`] };
    let n = 0;
    const { client } = hub(() => (n++ === 0 ? Response.json(middle) : new Response('', { status: 404 })));
    const top = quantizedCopy('invented-re/Base-7B-AWQ-GGUF', middle.id);
    const family = await fetchFamily(top, client, 0);
    expect(family.chain).toEqual([top.id, middle.id, BASE]);
    expect(family.unreadableBase).toMatchObject({ id: BASE, reason: 'not found', relation: 'quantized' });
    expect(placeIn(family, { id: top.id })).toMatchObject({ role: 'copy', relation: 'quantized' });
    expect(placeIn(family, { id: middle.id })).toMatchObject({ role: 'copy', relation: 'quantized' });
  });

  it('a sibling using the cached family is placed by its own declaration', async () => {
    const family = await fetchFamily(quantizedCopy(COPY, BASE), hub(status(404)).client, 0);
    const sibling = { id: 'invented-tune/Base-7B-instruct', baseModels: { relation: 'finetune' as const, ids: [BASE] } };
    expect(placeIn(family, sibling)).toMatchObject({ role: 'copy', relation: 'finetune' });
    expect(placeIn(family, { id: 'invented-other/Unrelated' }).role).toBe('outside');
  });

  it('never walks to a base id with dot segments (x/../../whoami-v2), nor fetches it', async () => {
    const { client, calls } = hub(() => Response.json({ id: 'x/y' }));
    const hostile = quantizedCopy(COPY, 'x/../../whoami-v2');
    const family = await fetchFamily(hostile, client, 0);
    expect(calls.every((p) => p === '/api/models')).toBe(true);
    expect(family.chain).toEqual([COPY]);
    expect(family.head).toBe(COPY);
  });
});

describe('the family card', () => {
  const show = (family: Family, id: string) => {
    const root = document.createElement('div');
    document.body.append(root);
    const card = familyCard({ family, place: placeIn(family, { id }), likesPerDay: {}, counts: knownCounts(family) }, id);
    if (card) render(<FamilyCard card={card} />, root);
    return root;
  };

  it('says what the repo declares and why its base is missing, and counts what it knows', async () => {
    const { client } = hub(status(404), () => Response.json(siblings));
    const root = show(await fetchFamily(quantizedCopy(COPY, BASE), client, 0), COPY);
    const place = root.querySelector('.family-place')!.textContent!;
    expect(place).toContain(`Quantized copy of ${BASE}; ${BASE} could not be read: not found.`);
    expect(place).not.toMatch(/original/i);
    expect(root.querySelector('.family-head')!.textContent).toBe(`Family of ${BASE}: 2 quantized, 1 finetune`);
  });

  it.each(failures)('after %s, never "This repo is the original"', async (_what, answer, reason) => {
    const root = show(await fetchFamily(quantizedCopy(COPY, BASE), hub(answer).client, 0), COPY);
    expect(root.textContent).not.toContain('This repo is the original');
    expect(root.textContent).toContain(`could not be read: ${reason}`);
  });

  it('a declaration without a relation reads "Derived from"', async () => {
    const declared: HubModel = { id: 'invented-x/Base-7B-merge', tags: [], gguf: false, baseModels: { ids: [BASE] } };
    const family = await fetchFamily(declared, hub(status(403)).client, 0);
    const root = show(family, declared.id);
    expect(root.querySelector('.family-place')!.textContent).toContain(`Derived from ${BASE}; ${BASE} could not be read: gated or private.`);
  });

  it('a readable original is still the original on its own page', async () => {
    const family = await fetchFamily(quantizedCopy(COPY, BASE), hub(() => Response.json({ id: BASE, downloads: 9000, childrenModelCount: { quantized: 2, finetune: 1, adapter: 0, merge: 0 } }), () => Response.json(siblings)).client, 0);
    expect(family.unreadableBase).toBeUndefined();
    expect(show(family, BASE).querySelector('.family-place')!.textContent).toMatch(/^This repo is the original/);
  });
});
