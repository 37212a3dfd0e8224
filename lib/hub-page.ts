import * as z from 'zod/mini';
import { modelIdSchema, type PageObservation } from './messages';

// Everything Hub Lens knows about huggingface.co's markup lives here. Each reader has a
// fallback; a miss returns null and turns one feature off, never throws.

/** First path segments that are never `/{author}`: see the Hub's page notes. */
const RESERVED = new Set([
  'models', 'datasets', 'spaces', 'docs', 'blog', 'papers', 'posts', 'settings', 'organizations',
  'collections', 'join', 'login', 'logout', 'pricing', 'enterprise', 'api', 'new', 'tasks', 'learn',
  'chat', 'search', 'notifications', 'welcome', 'inference-endpoints', 'billing', 'oauth',
]);

export const SELECTORS = {
  modelHeader: '[data-target="ModelHeader"]',
  headerTitle: 'header h1',
  headerFallback: 'main header:has(h1)',
  likersButton: 'button[title="See users who liked this repository"]',
  main: 'main',
} as const;

const SEGMENT = /^[\w.-]+$/;

/** The model a path could belong to (`/{author}/{name}` and its tabs), or null. */
export function modelIdFromPath(pathname: string): string | null {
  const parts = pathname.split('/').filter(Boolean);
  const [author, name] = parts;
  if (!author || !name || RESERVED.has(author)) return null;
  if (!SEGMENT.test(author) || !SEGMENT.test(name)) return null;
  return `${author}/${name}`;
}

// Lenient: a field of the wrong type is dropped, the rest still counts.
const lenient = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);
const count = lenient(z.int().check(z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER)));
const text = (max: number) => lenient(z.string().check(z.maxLength(max)));
const headerPropsSchema = z.object({
  model: z.object({
    id: modelIdSchema,
    likes: count,
    downloads: count,
    downloadsAllTime: count,
    trackDownloads: lenient(z.boolean()),
    createdAt: text(40),
    pipeline_tag: text(100),
    library_name: text(100),
    tags: lenient(z.array(z.unknown())),
    gguf: z.optional(z.unknown()),
    cardData: lenient(z.object({ new_version: lenient(modelIdSchema) })),
  }),
});

function parseJson(raw: string | null): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export const modelHeaderIsland = (doc: Document) => doc.querySelector(SELECTORS.modelHeader);

/** The page's own numbers for the model, from the ModelHeader island's props. */
export function readModelHeader(doc: Document, pathname = doc.location?.pathname ?? ''): PageObservation | null {
  const island = modelHeaderIsland(doc);
  const parsed = headerPropsSchema.safeParse(parseJson(island?.getAttribute('data-props') ?? null));
  if (parsed.success) {
    const m = parsed.data.model;
    const tags = (m.tags ?? []).filter((t): t is string => typeof t === 'string');
    return {
      id: m.id,
      likes: m.likes,
      downloads: m.downloads,
      downloadsAllTime: m.downloadsAllTime,
      trackDownloads: m.trackDownloads,
      createdAt: m.createdAt,
      pipelineTag: m.pipeline_tag,
      libraryName: m.library_name,
      newVersion: m.cardData?.new_version,
      gguf: m.gguf !== undefined || tags.includes('gguf'),
    };
  }
  return readHeaderFallback(doc, pathname);
}

/** Without usable props: the title link names the model, the likers button counts likes. */
function readHeaderFallback(doc: Document, pathname: string): PageObservation | null {
  const id = modelIdFromPath(pathname);
  if (!id) return null;
  const title = doc.querySelector(SELECTORS.headerTitle);
  const named = [...(title?.querySelectorAll('a[href]') ?? [])].some((a) => a.getAttribute('href') === `/${id}`);
  if (!named) return null;
  const likesText = doc.querySelector(SELECTORS.likersButton)?.textContent?.replace(/[,\s]/g, '') ?? '';
  const likes = /^\d+$/.test(likesText) ? Number(likesText) : undefined;
  return { id, likes };
}

/** Where the panel goes (right after the model header), as a selector so it can be re-found after a re-render. */
export function panelAnchorSelector(doc: Document): string | null {
  if (modelHeaderIsland(doc)) return SELECTORS.modelHeader;
  return doc.querySelector(SELECTORS.headerFallback) ? SELECTORS.headerFallback : null;
}

export const isDarkTheme = (doc: Document) => doc.documentElement.classList.contains('dark');

// ---- List pages: /models, /{org}, /{org}/models, collections, user pages, search ----

export interface ModelCard {
  id: string;
  /** the card element (an `article` in current markup) */
  card: Element;
  /** where a badge goes without covering text: the card's title row */
  slot: Element;
}

/** A card's model, from its link: `/{author}/{name}` exactly, reserved first segments excluded. */
export function modelIdFromHref(href: string | null): string | null {
  if (!href || !/^\/[^/]+\/[^/?#]+\/?$/.test(href)) return null;
  return modelIdFromPath(href);
}

/** Every model card under `root`: `article` cards first, bare title links as the fallback. */
export function findModelCards(root: ParentNode): ModelCard[] {
  const out: ModelCard[] = [];
  const seen = new Set<Element>();
  for (const card of root.querySelectorAll('article')) {
    const link = [...card.querySelectorAll('a[href]')].find((a) => modelIdFromHref(a.getAttribute('href')));
    const id = link && modelIdFromHref(link.getAttribute('href'));
    if (!link || !id) continue;
    seen.add(card);
    out.push({ id, card, slot: card.querySelector('header') ?? link });
  }
  if (out.length > 0) return out;
  // Fallback markup: a link wrapping a titled header.
  for (const header of root.querySelectorAll('a[href] header[title]')) {
    const link = header.closest('a[href]')!;
    const id = modelIdFromHref(link.getAttribute('href'));
    if (id && !seen.has(link)) out.push({ id, card: link, slot: header });
  }
  return out;
}

/** Which page of models this is, as the list API can repeat it (null: not a list of models). */
export interface ListQuery {
  search?: string;
  author?: string;
  pipelineTag?: string;
  sort?: 'trendingScore' | 'likes' | 'downloads' | 'createdAt' | 'lastModified';
  filter?: string[];
  /** page index (`p`); the API pages by cursor, so only the first page can be repeated */
  page: number;
}

const SORTS: Record<string, ListQuery['sort']> = {
  trending: 'trendingScore',
  likes: 'likes',
  downloads: 'downloads',
  created: 'createdAt',
  modified: 'lastModified',
};
/** /models query parameters that are tag filters in the API. */
const FILTER_PARAMS = ['library', 'language', 'license', 'dataset', 'other', 'apps', 'inference_provider'];

export function listQueryFromUrl(url: URL): ListQuery | null {
  const parts = url.pathname.split('/').filter(Boolean);
  const p = url.searchParams;
  const page = Number(p.get('p') ?? 0) || 0;
  if (parts[0] === 'models' && parts.length === 1) {
    const filter = FILTER_PARAMS.flatMap((k) => p.getAll(k).flatMap((v) => v.split(',')).filter(Boolean));
    return {
      search: p.get('search') ?? undefined,
      pipelineTag: p.get('pipeline_tag') ?? undefined,
      sort: SORTS[p.get('sort') ?? 'trending'] ?? 'trendingScore',
      filter: filter.length ? filter : undefined,
      page,
    };
  }
  const [first, second] = parts;
  if (first && !RESERVED.has(first) && SEGMENT.test(first) && (parts.length === 1 || (parts.length === 2 && second === 'models'))) {
    return { author: first, search: p.get('search') ?? undefined, sort: SORTS[p.get('sort') ?? ''], page };
  }
  return null;
}
