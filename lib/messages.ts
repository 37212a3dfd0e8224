import { z } from 'zod';

// Messages between the content script / extension pages and the background. Both ends
// parse with these schemas: a message is untrusted input on either side.

export const modelIdSchema = z
  .string()
  .max(200)
  .regex(/^[\w.-]+\/[\w.-]+$/, 'expected a model id author/name');

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const nullableCount = count.nullable();

export const snapshotSchema = z.object({
  t: z.number().finite(),
  likes: nullableCount,
  downloads: nullableCount,
  downloadsAllTime: nullableCount,
  trendingScore: nullableCount,
});

/** What a model page's own header says, read without any API call. */
export const pageObservationSchema = z.object({
  id: modelIdSchema,
  likes: count.optional(),
  downloads: count.optional(),
  downloadsAllTime: count.optional(),
  trackDownloads: z.boolean().optional(),
  createdAt: z.string().max(40).optional(),
  pipelineTag: z.string().max(100).optional(),
  libraryName: z.string().max(100).optional(),
  newVersion: modelIdSchema.optional(),
  gguf: z.boolean().optional(),
});
export type PageObservation = z.infer<typeof pageObservationSchema>;

export const requestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('model/view'), observation: pageObservationSchema }),
  z.object({ type: z.literal('model/refresh'), id: modelIdSchema }),
  z.object({ type: z.literal('history/import'), text: z.string() }),
]);
export type Request = z.infer<typeof requestSchema>;

const rates = z.object({ '24h': z.number().nullable(), '7d': z.number().nullable(), '30d': z.number().nullable() });

export const warningSchema = z.object({
  kind: z.enum([
    'like-burst',
    'likes-without-downloads',
    'zero-downloads-trending',
    'downloads-not-measured',
    'likes-removed',
    'download-spike',
    'trending-mismatch',
    'superseded',
  ]),
  severity: z.enum(['info', 'warn', 'alert']),
  since: z.string(),
  confidence: z.number().min(0).max(1),
  evidence: z.string(),
  why: z.string().optional(),
});

export const apiStatusSchema = z.object({
  status: z.enum(['ok', 'skipped', 'not-found', 'unauthorized', 'rate-limited', 'server-error', 'offline', 'malformed']),
  retryAt: z.number().optional(),
});
export type ApiStatus = z.infer<typeof apiStatusSchema>;

export const modelStateSchema = z.object({
  id: modelIdSchema,
  firstSeen: z.number(),
  trackDownloads: z.boolean().optional(),
  newVersion: z.string().optional(),
  watched: z.boolean(),
  series: z.array(snapshotSchema),
  velocity: z.object({ likesPerDay: rates, downloadsPerDay: rates }),
  likesGained7d: z.number().nullable(),
  sinceLastVisit: z
    .object({ from: z.number(), likes: z.number().nullable(), downloadsAllTime: z.number().nullable() })
    .nullable(),
  warnings: z.array(warningSchema),
  api: apiStatusSchema.optional(),
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
