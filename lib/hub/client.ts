import { MODEL_ID, parseModel, parseModelList, type HubModel } from './schemas';
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

/** The `rel="next"` URL of a Link header, only if it stays on the Hub's origin. */
export function nextLink(header: string | null, base: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (!m) continue;
    try {
      const url = new URL(m[1]!, base);
      return url.origin === new URL(base).origin ? url.href : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function createHubClient(
  opts: { fetch?: typeof fetch; now?: () => number; base?: string; limiter?: RateLimiter } = {},
): HubClient {
  const base = opts.base ?? 'https://huggingface.co';
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const limiter = opts.limiter ?? new RateLimiter(opts.now);

  async function call(url: string, priority: Priority): Promise<HubResult<unknown> & { headers?: Headers }> {
    const blocked = limiter.blockedUntil(priority);
    if (blocked !== null) return fail('rate-limited', 'The Hub API budget is spent for now', { retryAt: blocked });
    let res: Response;
    try {
      res = await doFetch(url, { credentials: 'include', headers: { accept: 'application/json' } });
    } catch (e) {
      return fail('offline', `No answer from the Hub: ${e instanceof Error ? e.message : String(e)}`);
    }
    limiter.observe(res.status, res.headers);
    if (res.status === 429) return fail('rate-limited', 'The Hub answered 429', { status: 429, retryAt: limiter.state.closedUntil });
    if (res.status === 404) return fail('not-found', 'The Hub does not know this repo', { status: 404 });
    if (res.status === 401 || res.status === 403) return fail('unauthorized', 'Gated or private', { status: res.status });
    if (res.status >= 500) return fail('server-error', `The Hub answered ${res.status}`, { status: res.status });
    if (!res.ok) return fail('malformed', `Unexpected status ${res.status}`, { status: res.status });
    try {
      return { ok: true, value: await res.json(), headers: res.headers };
    } catch {
      return fail('malformed', 'The Hub answered with something that is not JSON', { status: res.status });
    }
  }

  return {
    limiter,
    async getModel(id, { priority = 'interactive' } = {}) {
      if (!MODEL_ID.test(id)) return fail('not-found', `Not a model id: ${id}`);
      const path = id.split('/').map(encodeURIComponent).join('/');
      const query = MODEL_EXPAND.map((e) => `expand[]=${encodeURIComponent(e)}`).join('&');
      const r = await call(`${base}/api/models/${path}?${query}`, priority);
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
        url = `${base}/api/models?${q}`;
      }
      const r = await call(url, priority);
      if (!r.ok) return r;
      const models = parseModelList(r.value);
      if (!models) return fail('malformed', 'The Hub answered with something that is not a list');
      return { ok: true, value: { models, next: nextLink(r.headers?.get('link') ?? null, base) } };
    },
  };
}
