import * as z from 'zod/mini';
import { SEVERITIES, WARNING_KINDS } from './types';

// Messages between the content script / extension pages and the background. Both ends
// parse with these schemas: a message is untrusted input on either side. zod/mini keeps
// the content script small.

export const modelIdSchema = z
  .string()
  .check(z.maxLength(200), z.regex(/^[\w.-]+\/[\w.-]+$/, 'expected a model id author/name'));

const count = z.int().check(z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER));
const nullableCount = z.nullable(count);
const text = (max: number) => z.string().check(z.maxLength(max));

export const snapshotSchema = z.object({
  t: z.number(),
  likes: nullableCount,
  downloads: nullableCount,
  downloadsAllTime: nullableCount,
  trendingScore: nullableCount,
});

/** What a model page's own header says, read without any API call. */
export const pageObservationSchema = z.object({
  id: modelIdSchema,
  likes: z.optional(count),
  downloads: z.optional(count),
  downloadsAllTime: z.optional(count),
  trackDownloads: z.optional(z.boolean()),
  createdAt: z.optional(text(40)),
  pipelineTag: z.optional(text(100)),
  libraryName: z.optional(text(100)),
  newVersion: z.optional(modelIdSchema),
  gguf: z.optional(z.boolean()),
});
export type PageObservation = z.infer<typeof pageObservationSchema>;

const listQuerySchema = z.object({
  search: z.optional(text(200)),
  author: z.optional(text(100)),
  pipelineTag: z.optional(text(100)),
  sort: z.optional(z.enum(['trendingScore', 'likes', 'downloads', 'createdAt', 'lastModified'])),
  filter: z.optional(z.array(text(200)).check(z.maxLength(20))),
  page: z.int().check(z.nonnegative()),
});

export const requestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('list/view'),
    ids: z.array(modelIdSchema).check(z.maxLength(500)),
    query: z.nullable(listQuerySchema),
  }),
  z.object({ type: z.literal('model/view'), observation: pageObservationSchema }),
  z.object({ type: z.literal('model/watch'), id: modelIdSchema, watched: z.boolean() }),
  z.object({ type: z.literal('watchlist/get') }),
  z.object({ type: z.literal('watchlist/seen') }),
  z.object({ type: z.literal('poll/now') }),
  z.object({ type: z.literal('history/stats') }),
  z.object({ type: z.literal('history/clear') }),
  z.object({ type: z.literal('model/refresh'), id: modelIdSchema }),
  z.object({ type: z.literal('family/get'), id: modelIdSchema }),
  z.object({ type: z.literal('history/import'), text: z.string() }),
]);
export type Request = z.infer<typeof requestSchema>;

const rate = z.nullable(z.number());
const rates = z.object({ '24h': rate, '7d': rate, '30d': rate });

export const warningSchema = z.object({
  kind: z.enum(WARNING_KINDS),
  severity: z.enum(SEVERITIES),
  since: z.string(),
  confidence: z.number().check(z.minimum(0), z.maximum(1)),
  evidence: z.string(),
  why: z.optional(z.string()),
});

export const apiStatusSchema = z.object({
  status: z.enum(['ok', 'skipped', 'not-found', 'unauthorized', 'rate-limited', 'server-error', 'offline', 'malformed']),
  retryAt: z.optional(z.number()),
});
export type ApiStatus = z.infer<typeof apiStatusSchema>;

export const modelStateSchema = z.object({
  id: modelIdSchema,
  firstSeen: z.number(),
  trackDownloads: z.optional(z.boolean()),
  newVersion: z.optional(z.string()),
  watched: z.boolean(),
  series: z.array(snapshotSchema),
  velocity: z.object({ likesPerDay: rates, downloadsPerDay: rates }),
  likesGained7d: z.nullable(z.number()),
  sinceLastVisit: z.nullable(z.object({ from: z.number(), likes: rate, downloadsAllTime: rate })),
  warnings: z.array(warningSchema),
  api: z.optional(apiStatusSchema),
});
export type ModelState = z.infer<typeof modelStateSchema>;

export const importResultSchema = z.union([
  z.object({ ok: z.literal(true), models: z.number(), added: z.number(), present: z.number(), changed: z.number() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type ImportResult = z.infer<typeof importResultSchema>;

export const responseSchema = z.union([
  z.object({ ok: z.literal(true), state: modelStateSchema }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** What a list badge shows for one model. */
export const badgeSchema = z.object({
  /** likes a day, from history (`24h`/`7d`) or estimated from the trending score */
  likesPerDay: z.nullable(z.number()),
  basis: z.nullable(z.enum(['24h', '7d', 'trending'])),
  arrow: z.nullable(z.enum(['up', 'down'])),
  severity: z.nullable(z.enum(['warn', 'alert'])),
  /** one line per warning at warn or above */
  warnings: z.array(z.string()),
  snapshots: z.int(),
  watched: z.boolean(),
});
export type Badge = z.infer<typeof badgeSchema>;

export const listResponseSchema = z.object({
  ok: z.literal(true),
  badges: z.record(z.string(), badgeSchema),
});

/** One row of the popup's watch list. */
export const watchRowSchema = z.object({
  id: modelIdSchema,
  likes: z.nullable(z.number()),
  downloads: z.nullable(z.number()),
  likesPerDay24h: rate,
  likesPerDay7d: rate,
  likesPerDay30d: rate,
  /** likes over the last 30 days, at most 60 points */
  spark: z.array(z.object({ t: z.number(), v: z.number() })),
  severity: z.nullable(z.enum(['warn', 'alert'])),
  warnings: z.array(z.string()),
  lastPolled: z.optional(z.number()),
  snapshots: z.int(),
});
export type WatchRow = z.infer<typeof watchRowSchema>;

export const watchListResponseSchema = z.object({ ok: z.literal(true), rows: z.array(watchRowSchema) });

export const statsResponseSchema = z.object({ ok: z.literal(true), models: z.int(), snapshots: z.int(), watched: z.int() });

/** Import runs over a port so the page can show progress. */
export const IMPORT_PORT = 'history-import';
export const importRequestSchema = z.object({ text: z.string() });
export const importProgressSchema = z.union([
  z.object({ type: z.literal('progress'), done: z.int(), total: z.int() }),
  z.object({ type: z.literal('result'), result: importResultSchema }),
]);

const relationOrCopy = z.enum(['quantized', 'finetune', 'adapter', 'merge', 'undeclared']);
const memberSchema = z.object({
  id: modelIdSchema,
  relation: relationOrCopy,
  downloads: z.optional(z.number()),
  likes: z.optional(z.number()),
  trendingScore: z.optional(z.number()),
  createdAt: z.optional(z.string()),
  gguf: z.boolean(),
});
const relationCount = z.nullable(z.number());
export const familyResponseSchema = z.object({
  ok: z.literal(true),
  family: z.object({
    head: modelIdSchema,
    headDownloads: z.optional(z.number()),
    headLikes: z.optional(z.number()),
    headGguf: z.boolean(),
    counts: z.object({ quantized: relationCount, finetune: relationCount, adapter: relationCount, merge: relationCount }),
    top: z.array(memberSchema),
    undeclared: z.array(memberSchema),
    newVersion: z.optional(modelIdSchema),
    fetchedAt: z.number(),
    partial: z.boolean(),
    calls: z.int(),
  }),
  place: z.object({
    role: z.enum(['original', 'copy', 'outside']),
    relation: z.optional(relationOrCopy),
    rank: z.optional(z.int()),
    of: z.optional(z.nullable(z.number())),
    share: z.optional(z.number()),
    sharedOver: z.int(),
    ggufInflated: z.boolean(),
    outranking: z.optional(memberSchema),
    newVersion: z.optional(modelIdSchema),
  }),
});
export type FamilyView = Omit<z.infer<typeof familyResponseSchema>, 'ok'>;
