import { modelIdSegments } from '@/lib/model-id';
import { parseModel, parseModelList, type HubModel } from './schemas';
import { RateLimiter, type Priority } from './rate-limit';

export type { HubModel } from './schemas';

export type HubErrorKind = 'not-found' | 'unauthorized' | 'rate-limited' | 'server-error' | 'offline' | 'malformed';
export interface HubError {
  kind: HubErrorKind;
  status?: number;
  /** rate-limited: no call before this time (epoch ms) */
  retryAt?: number;
  message: string;
}
export type HubResult<T> = { ok: true; value: T } | { ok: false; error: HubError };

export interface ListParams {
  search?: string;
  author?: string;
  filter?: string[];
  pipelineTag?: string;
  sort?: 'trendingScore' | 'likes' | 'downloads' | 'createdAt' | 'lastModified';
  limit?: number;
  expand?: string[];
}

export interface CallOptions {
  priority?: Priority;
}

export interface HubClient {
  getModel(id: string, opts?: CallOptions): Promise<HubResult<HubModel>>;
  listModels(params: ListParams | { nextUrl: string }, opts?: CallOptions): Promise<HubResult<{ models: HubModel[]; next?: string }>>;
  readonly limiter: RateLimiter;
}

/** Everything the panel needs in one call (api.md). */
export const MODEL_EXPAND = [
  'likes', 'downloads', 'downloadsAllTime', 'trendingScore', 'createdAt', 'lastModified', 'pipeline_tag',
  'library_name', 'tags', 'gated', 'private', 'disabled', 'baseModels', 'childrenModelCount', 'cardData', 'gguf',
];

const fail = (kind: HubErrorKind, message: string, extra: Partial<HubError> = {}): HubResult<never> => ({
  ok: false,
  error: { kind, message, ...extra },
});

/** A stalled answer must not hold the family card, the list badges or polling's guard for ever. */
export const TIMEOUT_MS = 15_000;
/** Bodies past these sizes are not what the Hub sends: read no further (a model, a list of up to 1000). */
export const MAX_MODEL_BYTES = 5 * 1024 * 1024;
export const MAX_LIST_BYTES = 20 * 1024 * 1024;

const MODELS_PATH = '/api/models';

/**
 * The API URL of one model, built part by part from a valid id, or null. The check on the
 * built URL is the last guard: whatever the id rule lets through, no request leaves `/api/models/`.
 */
export function modelApiUrl(id: string, base: string): URL | null {
  const parts = modelIdSegments(id);
  if (!parts) return null;
  const path = `${MODELS_PATH}/${parts.map(encodeURIComponent).join('/')}`;
  const url = new URL(path, base);
  return url.origin === new URL(base).origin && url.pathname === path ? url : null;
}

/** The `rel="next"` URL of a Link header, only if it stays on the Hub's list endpoint. */
export function nextLink(header: string | null, base: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (!m) continue;
    try {
      const url = new URL(m[1]!, base);
      return url.origin === new URL(base).origin && url.pathname === MODELS_PATH ? url.href : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

class TooLarge extends Error {}

/** The body as text, read as a stream and abandoned past `max` bytes. */
async function readCapped(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) throw new TooLarge();
  if (!res.body) return '';
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      void reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    parts.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.byteLength;
  }
  return new TextDecoder().decode(all);
}

type CallResult = HubResult<unknown> & { headers?: Headers };

export function createHubClient(
  opts: { fetch?: typeof fetch; now?: () => number; base?: string; limiter?: RateLimiter; timeoutMs?: number } = {},
): HubClient {
  const base = opts.base ?? 'https://huggingface.co';
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const limiter = opts.limiter ?? new RateLimiter(opts.now);
  const timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
  /** One request per URL at a time: a second caller (another tab) shares the first's answer. */
  const inFlight = new Map<string, Promise<CallResult>>();

  async function request(url: string, maxBytes: number, signal: AbortSignal): Promise<CallResult> {
    let res: Response;
    try {
      // Never followed: the browser would make the redirected request (with the user's cookies)
      // before any check of where it went. A renamed repo is found again from its page.
      res = await doFetch(url, { credentials: 'include', headers: { accept: 'application/json' }, signal, redirect: 'manual' });
    } catch (e) {
      return fail('offline', `No answer from the Hub: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (res.type === 'opaqueredirect' || res.redirected || (res.status >= 300 && res.status < 400)) {
      return fail('not-found', 'The Hub redirected this request elsewhere (a moved repo?): not followed', { status: res.status });
    }
    limiter.observe(res.status, res.headers);
    if (res.status === 429) return fail('rate-limited', 'The Hub answered 429', { status: 429, retryAt: limiter.state.closedUntil });
    if (res.status === 404) return fail('not-found', 'The Hub does not know this repo', { status: 404 });
    if (res.status === 401 || res.status === 403) return fail('unauthorized', 'Gated or private', { status: res.status });
    if (res.status >= 500) return fail('server-error', `The Hub answered ${res.status}`, { status: res.status });
    if (!res.ok) return fail('malformed', `Unexpected status ${res.status}`, { status: res.status });
    let text: string;
    try {
      text = await readCapped(res, maxBytes);
    } catch (e) {
      if (e instanceof TooLarge) return fail('malformed', `The Hub answered with more than ${maxBytes} bytes`, { status: res.status });
      return fail('offline', `The answer broke off: ${e instanceof Error ? e.message : String(e)}`);
    }
    try {
      return { ok: true, value: JSON.parse(text), headers: res.headers };
    } catch {
      return fail('malformed', 'The Hub answered with something that is not JSON', { status: res.status });
    }
  }

  /** The request, or `offline` once the time limit passes (even if fetch ignores the abort). */
  async function timed(url: string, maxBytes: number): Promise<CallResult> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<CallResult>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve(fail('offline', `No answer from the Hub within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([request(url, maxBytes, controller.signal), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  function call(url: string, priority: Priority, maxBytes: number): Promise<CallResult> {
    const shared = inFlight.get(url);
    if (shared) return shared;
    const blocked = limiter.blockedUntil(priority);
    if (blocked !== null) return Promise.resolve(fail('rate-limited', 'The Hub API budget is spent for now', { retryAt: blocked }));
    limiter.take(); // every call counts against the window, interactive ones too
    const pending = timed(url, maxBytes).finally(() => inFlight.delete(url));
    inFlight.set(url, pending);
    return pending;
  }

  return {
    limiter,
    async getModel(id, { priority = 'interactive' } = {}) {
      const url = modelApiUrl(id, base);
      if (!url) return fail('not-found', `Not a model id: ${id}`);
      const query = MODEL_EXPAND.map((e) => `expand[]=${encodeURIComponent(e)}`).join('&');
      const r = await call(`${url.href}?${query}`, priority, MAX_MODEL_BYTES);
      if (!r.ok) return r;
      const model = parseModel(r.value);
      return model ? { ok: true, value: model } : fail('malformed', 'The Hub answered without a usable model');
    },
    async listModels(params, { priority = 'interactive' } = {}) {
      let url: string;
      if ('nextUrl' in params) {
        const safe = nextLink(`<${params.nextUrl}>; rel="next"`, base);
        if (!safe) return fail('malformed', 'A next page outside the Hub');
        url = safe;
      } else {
        const q = new URLSearchParams();
        if (params.search) q.set('search', params.search);
        if (params.author) q.set('author', params.author);
        if (params.pipelineTag) q.set('pipeline_tag', params.pipelineTag);
        for (const f of params.filter ?? []) q.append('filter', f);
        if (params.sort) q.set('sort', params.sort);
        q.set('limit', String(Math.min(Math.max(params.limit ?? 30, 1), 1000)));
        for (const e of params.expand ?? []) q.append('expand[]', e);
        url = `${new URL(MODELS_PATH, base).href}?${q}`;
      }
      const r = await call(url, priority, MAX_LIST_BYTES);
      if (!r.ok) return r;
      const models = parseModelList(r.value);
      if (!models) return fail('malformed', 'The Hub answered with something that is not a list');
      return { ok: true, value: { models, next: nextLink(r.headers?.get('link') ?? null, base) } };
    },
  };
}
