import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHubClient, MAX_LIST_BYTES, MAX_MODEL_BYTES, TIMEOUT_MS } from '@/lib/hub/client';
import { parseModel } from '@/lib/hub/schemas';
import { parseHistoryFile } from '@/lib/history-format';
import { serializeHistory } from './serialize';

// Faults of the network and of hostile data, on invented answers only.

const model = (id: string, extra: Record<string, unknown> = {}) => ({ _id: '0123456789abcdef01234567', id, likes: 12, downloads: 340, ...extra });
const json = (body: unknown, init: ResponseInit = {}) => new Response(JSON.stringify(body), { status: 200, ...init });

/** A Response that says where it ended up, as a followed redirect does. */
function landedAt(url: string, body: unknown): Response {
  const res = json(body);
  Object.defineProperty(res, 'url', { value: url });
  Object.defineProperty(res, 'redirected', { value: true });
  return res;
}

/** A fake fetch answering with `answer`, recording every call. */
function fakeFetch(answer: (url: string, init?: RequestInit) => Promise<Response>) {
  const calls: string[] = [];
  const fn = ((url: RequestInfo | URL, init?: RequestInit) => {
    calls.push(String(url));
    return answer(String(url), init);
  }) as typeof fetch;
  return { fn, calls };
}

/** A fetch that never answers unless aborted, like a stalled connection. */
const stalled = (_url: string, init?: RequestInit) =>
  new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));

afterEach(() => {
  vi.useRealTimers();
});

describe('time limit', () => {
  it('a stalled call becomes offline after the limit, and frees its URL', async () => {
    vi.useFakeTimers();
    const f = fakeFetch(stalled);
    const client = createHubClient({ fetch: f.fn });
    let settled = false;
    const pending = client.getModel('invented-org/invented-model').then((r) => ((settled = true), r));
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const r = await pending;
    expect(!r.ok && r.error.kind).toBe('offline');
    // The next call is a new request, not the stalled one.
    void client.getModel('invented-org/invented-model');
    expect(f.calls).toHaveLength(2);
  });

  it('is 15 s: a call stalled 16 s is abandoned, an answer after 14 s is used', async () => {
    // The number itself, not TIMEOUT_MS: a slower limit holds the family card, the badges and
    // polling's guard that much longer (the limit was once 15 s → 150 s with every test passing).
    vi.useFakeTimers();
    const stalledCall = createHubClient({ fetch: fakeFetch(stalled).fn }).getModel('invented-org/stalled');
    let abandoned = false;
    void stalledCall.then(() => (abandoned = true));
    await vi.advanceTimersByTimeAsync(14_900);
    expect(abandoned).toBe(false);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(abandoned).toBe(true);
    const r = await stalledCall;
    expect(!r.ok && r.error).toMatchObject({ kind: 'offline', message: 'No answer from the Hub within 15 s' });

    const late = (_url: string) => new Promise<Response>((resolve) => setTimeout(() => resolve(json(model('invented-org/late'))), 14_000));
    const lateCall = createHubClient({ fetch: fakeFetch(late).fn }).getModel('invented-org/late');
    await vi.advanceTimersByTimeAsync(14_000);
    const answered = await lateCall;
    expect(answered.ok && answered.value.likes).toBe(12);
  });

  it('gives up even when fetch ignores the abort signal', async () => {
    vi.useFakeTimers();
    const client = createHubClient({ fetch: fakeFetch(() => new Promise<Response>(() => undefined)).fn, timeoutMs: 2000 });
    const pending = client.listModels({ search: 'invented' });
    await vi.advanceTimersByTimeAsync(2000);
    const r = await pending;
    expect(!r.ok && r.error.kind).toBe('offline');
  });

  it('counts the body too: an answer whose body stalls is offline', async () => {
    vi.useFakeTimers();
    const body = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode('{"id":')) });
    const client = createHubClient({ fetch: fakeFetch(async () => new Response(body)).fn, timeoutMs: 1000 });
    const pending = client.getModel('invented-org/slow-body');
    await vi.advanceTimersByTimeAsync(1000);
    const r = await pending;
    expect(!r.ok && r.error.kind).toBe('offline');
  });

  it('an answer inside the limit is used as before', async () => {
    vi.useFakeTimers();
    const client = createHubClient({ fetch: fakeFetch(async () => json(model('invented-org/quick'))).fn });
    const r = await client.getModel('invented-org/quick');
    expect(r.ok && r.value.likes).toBe(12);
  });
});

describe('one request per URL', () => {
  it('two simultaneous getModel of one id make one fetch and both get the answer', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const f = fakeFetch(async () => (await gate, json(model('invented-org/shared'))));
    const client = createHubClient({ fetch: f.fn });
    const both = Promise.all([client.getModel('invented-org/shared'), client.getModel('invented-org/shared', { priority: 'background' })]);
    release();
    const [a, b] = await both;
    expect(f.calls).toHaveLength(1);
    expect(a.ok && a.value.id).toBe('invented-org/shared');
    expect(b.ok && b.value.id).toBe('invented-org/shared');
  });

  it('different ids, or calls one after the other, each fetch', async () => {
    const f = fakeFetch(async (url) => json(model(url.includes('one') ? 'invented-org/one' : 'invented-org/two')));
    const client = createHubClient({ fetch: f.fn });
    await Promise.all([client.getModel('invented-org/one'), client.getModel('invented-org/two')]);
    await client.getModel('invented-org/one');
    expect(f.calls).toHaveLength(3);
  });

  it('two simultaneous identical list calls make one fetch', async () => {
    const f = fakeFetch(async () => json([model('invented-org/a'), model('invented-org/b')]));
    const client = createHubClient({ fetch: f.fn });
    const [a, b] = await Promise.all([client.listModels({ search: 'invented' }), client.listModels({ search: 'invented' })]);
    expect(f.calls).toHaveLength(1);
    expect(a.ok && a.value.models).toHaveLength(2);
    expect(b.ok && b.value.models).toHaveLength(2);
  });
});

describe('where requests go and where answers come from', () => {
  it('never fetches a dot-segment id such as x/../../whoami-v2', async () => {
    const f = fakeFetch(async () => json({}));
    const client = createHubClient({ fetch: f.fn });
    for (const id of ['x/../../whoami-v2', 'x/..', '../whoami-v2', 'x/.', 'x/%2e%2e', 'x/y/../../../whoami-v2']) {
      const r = await client.getModel(id);
      expect(!r.ok && r.error.kind, id).toBe('not-found');
    }
    expect(f.calls).toEqual([]);
  });

  it('asks fetch not to follow redirects, and refuses a redirect answer without a second request', async () => {
    const redirects = [
      () => Object.defineProperty(new Response(null, { status: 200 }), 'type', { value: 'opaqueredirect' }),
      ...[301, 302, 303, 307, 308].map((status) => () => new Response(null, { status, headers: { location: 'https://huggingface.co/api/whoami-v2' } })),
    ];
    for (const answer of redirects) {
      const inits: (RequestInit | undefined)[] = [];
      const f = fakeFetch(async (_url, init) => (inits.push(init), answer()));
      const client = createHubClient({ fetch: f.fn });
      const r = await client.getModel('invented-org/moved');
      expect(!r.ok && r.error.kind).toBe('not-found');
      const list = await client.listModels({ search: 'moved' });
      expect(!list.ok && list.error.kind).toBe('not-found');
      expect(f.calls).toHaveLength(2);
      for (const init of inits) expect(init?.redirect).toBe('manual');
    }
  });

  it('refuses an answer that a redirect brought anyway (a fetch that follows), wherever it landed', async () => {
    for (const landing of ['https://huggingface.co/api/whoami-v2', 'https://huggingface.co/api/models/invented-org/new-name', 'https://evil.example/api/models/a/b']) {
      const client = createHubClient({ fetch: fakeFetch(async () => landedAt(landing, model('invented-org/moved'))).fn });
      const r = await client.getModel('invented-org/moved');
      expect(!r.ok && r.error.kind, landing).toBe('not-found');
    }
  });

  it('follows next pages only on the list endpoint', async () => {
    const f = fakeFetch(async () => json([]));
    const client = createHubClient({ fetch: f.fn });
    const r = await client.listModels({ nextUrl: 'https://huggingface.co/api/whoami-v2?cursor=x' });
    expect(!r.ok && r.error.kind).toBe('malformed');
    expect(f.calls).toEqual([]);
  });
});

describe('body size cap', () => {
  /** A streamed body of `size` bytes, in 64 KiB pieces, that counts what was pulled. */
  function bigBody(size: number) {
    const piece = new Uint8Array(64 * 1024).fill(0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent >= size) return c.close();
        sent += piece.length;
        c.enqueue(piece);
      },
    });
    return { stream, pulled: () => sent };
  }

  it('stops reading a model answer past 5 MB and calls it malformed', async () => {
    const body = bigBody(50 * 1024 * 1024);
    const r = await createHubClient({ fetch: fakeFetch(async () => new Response(body.stream)).fn }).getModel('invented-org/huge');
    expect(!r.ok && r.error.kind).toBe('malformed');
    expect(body.pulled()).toBeLessThan(MAX_MODEL_BYTES + 1024 * 1024);
  });

  it('takes a body of exactly the cap and refuses one byte more', async () => {
    const padded = (size: number) => {
      const text = JSON.stringify(model('invented-org/edge'));
      return text + ' '.repeat(size - text.length);
    };
    const get = (size: number) => createHubClient({ fetch: fakeFetch(async () => new Response(padded(size))).fn }).getModel('invented-org/edge');
    const atCap = await get(MAX_MODEL_BYTES);
    expect(atCap.ok && atCap.value.id).toBe('invented-org/edge');
    const over = await get(MAX_MODEL_BYTES + 1);
    expect(!over.ok && over.error.kind).toBe('malformed');
  });

  it('refuses a declared length past the cap without reading', async () => {
    const res = new Response('[]', { headers: { 'content-length': String(MAX_LIST_BYTES + 1) } });
    const r = await createHubClient({ fetch: fakeFetch(async () => res).fn }).listModels({ search: 'x' });
    expect(!r.ok && r.error.kind).toBe('malformed');
  });

  it('reads a list larger than a model cap but under its own', async () => {
    const entries = Array.from({ length: 400 }, (_, i) => model(`invented-org/m${i}`, { tags: Array.from({ length: 60 }, (_, k) => `invented-tag-${k}-${'x'.repeat(200)}`) }));
    const text = JSON.stringify(entries);
    expect(text.length).toBeGreaterThan(MAX_MODEL_BYTES);
    expect(text.length).toBeLessThan(MAX_LIST_BYTES);
    const r = await createHubClient({ fetch: fakeFetch(async () => new Response(text)).fn }).listModels({ search: 'x' });
    expect(r.ok && r.value.models).toHaveLength(400);
  });
});

describe('trending score floor', () => {
  it('any integer score parses to itself when non-negative, else 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (score) => {
        expect(parseModel(model('invented-org/any', { trendingScore: score }))!.trendingScore).toBe(Math.max(0, score));
      }),
    );
    for (const score of [-1, 0, 1]) expect(parseModel(model('invented-org/edge', { trendingScore: score }))!.trendingScore).toBe(Math.max(0, score));
  });

  it('a negative score from the API becomes 0 and round-trips through the history format', () => {
    const parsed = parseModel(model('invented-org/falling', { trendingScore: -7 }))!;
    expect(parsed.trendingScore).toBe(0);
    expect(parseModel(model('invented-org/rising', { trendingScore: 7 }))!.trendingScore).toBe(7);
    const snap = { t: Date.UTC(2026, 0, 2), likes: parsed.likes!, downloads: parsed.downloads!, downloadsAllTime: null, trendingScore: parsed.trendingScore! };
    const text = serializeHistory([{ id: parsed.id, snapshots: [snap] }], new Date(Date.UTC(2026, 0, 3)));
    const back = parseHistoryFile(text);
    expect(back.ok && back.file.models[0]!.snapshots[0]).toEqual(snap);
  });
});
