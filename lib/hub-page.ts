import { LIST_LIMITS, type ListQuery } from './list-query';
import { isModelId } from './model-id';
import type { PageModel } from './observation';

// Everything Hub Lens knows about huggingface.co's markup lives here. Each reader has a
// fallback; a miss returns null and turns one feature off, never throws. No schema library:
// this runs in the content script on every Hub page. The background checks what it receives.

/** First path segments that are never `/{author}` and hold neither a model page nor a list of models. */
const UNSERVED_SECTIONS = [
  'datasets', 'spaces', 'docs', 'blog', 'papers', 'posts', 'settings', 'organizations', 'join', 'login',
  'logout', 'pricing', 'enterprise', 'api', 'new', 'tasks', 'learn', 'chat', 'search', 'notifications',
  'welcome', 'inference-endpoints', 'billing', 'oauth',
];
/** First path segments that are never `/{author}`: see the Hub's page notes. */
const RESERVED = new Set(['models', 'collections', ...UNSERVED_SECTIONS]);

/**
 * The manifest's match patterns (path and query) of pages the content script cannot serve: the
 * home page, the index of collections, and every page of the sections above. The browser does
 * not even load the script there (wxt.config.ts), so they pay nothing for Hub Lens.
 */
export function unservedPatterns(origin = 'https://huggingface.co'): string[] {
  const roots = ['', 'collections', ...UNSERVED_SECTIONS];
  return [...roots.flatMap((s) => [`${origin}/${s}`, `${origin}/${s}?*`]), ...UNSERVED_SECTIONS.map((s) => `${origin}/${s}/*`)];
}

export const SELECTORS = {
  modelHeader: '[data-target="ModelHeader"]',
  headerTitle: 'header h1',
  headerFallback: 'main header:has(h1)',
  likersButton: 'button[title="See users who liked this repository"]',
} as const;

export const sameModel = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The model a path could belong to (`/{author}/{name}` and its tabs), or null. */
export function modelIdFromPath(pathname: string): string | null {
  const [author, name] = pathname.split('/').filter(Boolean);
  if (!author || !name || RESERVED.has(author)) return null;
  const id = `${author}/${name}`;
  return isModelId(id) ? id : null;
}

/** What a page can be served as: a model page, a list of models, or neither (nothing runs). */
export function pageKind(url: URL): 'model' | 'list' | null {
  if (url.origin !== 'https://huggingface.co') return null;
  const [first, second] = url.pathname.split('/').filter(Boolean);
  // Collections hold model cards too, with no list query to repeat.
  if (listQueryFromUrl(url) || (first === 'collections' && second)) return 'list';
  return modelIdFromPath(url.pathname) ? 'model' : null;
}

// ---- Model pages: the ModelHeader island's props, read field by field ----

type Props = Record<string, unknown>;
const isObject = (v: unknown): v is Props => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown) => (Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : undefined);
const text = (v: unknown, max: number) => (typeof v === 'string' && v.length <= max ? v : undefined);
const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);

function parseJson(raw: string | null): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** Drops the fields that were not readable, so the object holds only what the page said. */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export const modelHeaderIsland = (doc: Document) => doc.querySelector(SELECTORS.modelHeader);

/** The page's own numbers for the model: the ModelHeader props; a field of the wrong type is left out. */
export function readModelHeader(doc: Document, pathname = doc.location?.pathname ?? ''): PageModel | null {
  const props = parseJson(modelHeaderIsland(doc)?.getAttribute('data-props') ?? null);
  const m = isObject(props) && isObject(props.model) ? props.model : null;
  if (!m || !isModelId(m.id)) return readHeaderFallback(doc, pathname);
  const tags = Array.isArray(m.tags) ? m.tags : [];
  const card = isObject(m.cardData) ? m.cardData : {};
  return defined({
    id: m.id,
    likes: count(m.likes),
    downloads: count(m.downloads),
    downloadsAllTime: count(m.downloadsAllTime),
    trackDownloads: bool(m.trackDownloads),
    createdAt: text(m.createdAt, 40),
    pipelineTag: text(m.pipeline_tag, 100),
    libraryName: text(m.library_name, 100),
    newVersion: isModelId(card.new_version) ? card.new_version : undefined,
    gguf: (m.gguf !== undefined && m.gguf !== null) || tags.includes('gguf'),
  });
}

/** Without usable props: the title link names the model, the likers button counts likes. */
function readHeaderFallback(doc: Document, pathname: string): PageModel | null {
  const id = modelIdFromPath(pathname);
  if (!id) return null;
  const title = doc.querySelector(SELECTORS.headerTitle);
  const named = [...(title?.querySelectorAll('a[href]') ?? [])].some((a) => a.getAttribute('href') === `/${id}`);
  if (!named) return null;
  const likesText = doc.querySelector(SELECTORS.likersButton)?.textContent?.replace(/[,\s]/g, '') ?? '';
  return defined({ id, likes: /^\d{1,15}$/.test(likesText) ? Number(likesText) : undefined });
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
  for (const card of root.querySelectorAll('article')) {
    const link = [...card.querySelectorAll('a[href]')].find((a) => modelIdFromHref(a.getAttribute('href')));
    const id = link && modelIdFromHref(link.getAttribute('href'));
    if (link && id) out.push({ id, card, slot: card.querySelector('header') ?? link });
  }
  if (out.length > 0) return out;
  // Fallback markup: a link wrapping a titled header.
  for (const header of root.querySelectorAll('a[href] header[title]')) {
    const link = header.closest('a[href]')!;
    const id = modelIdFromHref(link.getAttribute('href'));
    if (id) out.push({ id, card: link, slot: header });
  }
  return out;
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

/** `?p=`: a page index, whatever the URL says (negative, fractional or huge become a valid index). */
function pageIndex(raw: string | null): number {
  const n = Math.floor(Number(raw ?? 0));
  return Number.isFinite(n) ? Math.min(Math.max(n, 0), LIST_LIMITS.page) : 0;
}

const clip = (s: string | null, max: number) => (s ? s.slice(0, max) : undefined);

/** Which page of models this is, as the list API can repeat it (null: not a list of models), clamped to the limits. */
export function listQueryFromUrl(url: URL): ListQuery | null {
  const parts = url.pathname.split('/').filter(Boolean);
  const p = url.searchParams;
  const page = pageIndex(p.get('p'));
  const search = clip(p.get('search'), LIST_LIMITS.search);
  if (parts[0] === 'models' && parts.length === 1) {
    const filter = FILTER_PARAMS.flatMap((k) => p.getAll(k).flatMap((v) => v.split(',')))
      .filter((f) => f && f.length <= LIST_LIMITS.text)
      .slice(0, LIST_LIMITS.filters);
    return defined({
      search,
      pipelineTag: clip(p.get('pipeline_tag'), LIST_LIMITS.text),
      sort: SORTS[p.get('sort') ?? 'trending'] ?? 'trendingScore',
      filter: filter.length ? filter : undefined,
      page,
    });
  }
  const [first, second] = parts;
  if (first && !RESERVED.has(first) && first.length <= LIST_LIMITS.text && /^[\w.-]+$/.test(first) && (parts.length === 1 || (parts.length === 2 && second === 'models'))) {
    return defined({ author: first, search, sort: SORTS[p.get('sort') ?? ''], page });
  }
  return null;
}
