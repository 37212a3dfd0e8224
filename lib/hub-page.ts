import { z } from 'zod';
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
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined);
const text = z.string().max(100).optional().catch(undefined);
const headerPropsSchema = z.object({
  model: z.object({
    id: modelIdSchema,
    likes: count,
    downloads: count,
    downloadsAllTime: count,
    trackDownloads: z.boolean().optional().catch(undefined),
    createdAt: z.string().max(40).optional().catch(undefined),
    pipeline_tag: text,
    library_name: text,
    tags: z.array(z.unknown()).optional().catch(undefined),
    gguf: z.unknown().optional(),
    cardData: z
      .object({ new_version: modelIdSchema.optional().catch(undefined) })
      .optional()
      .catch(undefined),
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
