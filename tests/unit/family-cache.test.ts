import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { handlers } from '@/lib/features/family/background';
import type { BackgroundContext } from '@/lib/features/protocol';
import { createHistoryStore } from '@/lib/history-store';
import { createHubClient, type HubModel } from '@/lib/hub/client';
import { fromHub } from '@/lib/observation';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { openHistoryDB } from '@/lib/store/history-db';

// Invented repos: an original, its GGUF copy, and a copy of that copy (a re-quantisation).
const A = 'invented-lab/Base-7B';
const B = 'invented-quant/Base-7B-GGUF';
const C = 'invented-requant/Base-7B-GGUF-imatrix';
const NOW = Date.parse('2026-11-24T12:00:00Z');

const answers: Record<string, unknown> = {
  [A]: { id: A, likes: 900, downloads: 40_000, childrenModelCount: { quantized: 2, finetune: 0, adapter: 0, merge: 0 }, tags: [] },
  [B]: { id: B, likes: 40, downloads: 9_000, tags: [`base_model:quantized:${A}`, 'gguf'], gguf: {} },
};
const children = [{ id: B, likes: 40, downloads: 9_000, tags: [`base_model:quantized:${A}`, 'gguf'] }];

function setup() {
  const calls: string[] = [];
  let gate: Promise<void> | null = null;
  let open = () => undefined as void;
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    calls.push(url.pathname + url.search);
    if (gate) await gate;
    if (url.pathname === '/api/models') {
      return Response.json(url.searchParams.get('filter') ? children : []);
    }
    const id = decodeURIComponent(url.pathname.slice('/api/models/'.length));
    return answers[id] ? Response.json(answers[id]) : new Response('{}', { status: 404 });
  }) as typeof globalThis.fetch;
  const hub = createHubClient({ fetch, now: () => NOW });
  return {
    calls,
    hold: () => void (gate = new Promise<void>((r) => (open = r))),
    go: () => {
      gate = null;
      open();
    },
    hub,
  };
}

async function context(hub: ReturnType<typeof createHubClient>): Promise<BackgroundContext> {
  const db = await openHistoryDB(`family-cache-${Math.random()}`);
  const store = createHistoryStore(async () => db, () => NOW);
  const model = (id: string, base?: string): HubModel => ({
    id,
    tags: [],
    gguf: !!base,
    baseModels: base ? { relation: 'quantized', ids: [base] } : { ids: [] },
    childrenCount: { total: base ? 0 : 2, quantized: base ? 0 : 2 },
  });
  await store.record([fromHub(model(B, A), NOW), fromHub(model(C, B), NOW)]);
  return { store, hub: async () => hub, settings: async () => ({ ...DEFAULT_SETTINGS }), features: async () => [], now: () => NOW };
}

const get = handlers['family/get'];
const ask = (ctx: BackgroundContext, id: string) => get.run({ id }, ctx, { kind: 'hub', url: `https://huggingface.co/${id}` });

describe('the family cache', () => {
  it('serves a copy of a copy from the family its parent was placed in, with no call', async () => {
    const hub = setup();
    const ctx = await context(hub.hub);
    const first = await ask(ctx, B);
    expect(first?.head).toBe(A);
    expect(hub.calls.length).toBeGreaterThan(0);
    hub.calls.length = 0;
    const second = await ask(ctx, C);
    expect(second?.head).toBe(A);
    expect(hub.calls).toEqual([]);
  });

  it('fetches a family once for two pages asking at the same moment', async () => {
    const hub = setup();
    const ctx = await context(hub.hub);
    hub.hold();
    const both = Promise.all([ask(ctx, B), ask(ctx, B)]);
    await new Promise((r) => setTimeout(r, 20));
    hub.go();
    const [one, two] = await both;
    expect(one).toEqual(two);
    expect(hub.calls.filter((c) => c.startsWith(`/api/models/${A}`))).toHaveLength(1);
  });
});
