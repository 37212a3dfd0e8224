import { z } from 'zod';
import { isModelId, MODEL_ID_MAX_LENGTH } from '@/lib/model-id';

// The Hub's model objects, read leniently: unknown fields are ignored, a field of the wrong
// type is dropped on its own (a malformed response hides one number, not the panel), and the
// documented shape variants of `baseModels` and `childrenModelCount` are both accepted.

export type Relation = 'quantized' | 'finetune' | 'adapter' | 'merge';
export const RELATIONS: readonly Relation[] = ['quantized', 'finetune', 'adapter', 'merge'];

const modelId = z.string().max(MODEL_ID_MAX_LENGTH).refine(isModelId, 'expected a model id author/name');

const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const count = lenient(z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER));
const text = lenient(z.string().max(200));
const relation = z.enum(['quantized', 'finetune', 'adapter', 'merge']);

const childrenCount = z.union([
  count.unwrap().unwrap().transform((total) => ({ total })),
  z
    .object({ quantized: count, finetune: count, adapter: count, merge: count })
    .transform((c) => ({ ...c, total: (c.quantized ?? 0) + (c.finetune ?? 0) + (c.adapter ?? 0) + (c.merge ?? 0) })),
]);

const baseModels = z.union([
  z.array(z.unknown()).transform((ids) => ({ relation: undefined, ids: ids.filter(isModelId) })),
  z
    .object({ relation: lenient(relation), models: z.array(z.unknown()) })
    .transform(({ relation, models }) => ({
      relation,
      ids: models.map((m) => (m as { id?: unknown })?.id).filter(isModelId),
    })),
]);

const stringList = z.union([z.string(), z.array(z.unknown())]).transform((v) =>
  (Array.isArray(v) ? v : [v]).filter(isModelId),
);

export const rawModelSchema = z.object({
  _id: lenient(z.string().regex(/^[0-9a-f]{24}$/i)),
  id: modelId,
  likes: count,
  downloads: count,
  downloadsAllTime: count,
  // The API schema lets the score go negative, but the Hub shows 0 as its floor (it counts recent
  // likes) and the history format says counters are non-negative: clamped here, where Hub data
  // enters, so messages, store and export never see a negative one.
  trendingScore: lenient(z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).transform((v) => Math.max(0, v))),
  createdAt: text,
  lastModified: text,
  pipeline_tag: text,
  library_name: text,
  tags: lenient(z.array(z.unknown()).transform((t) => t.filter((x): x is string => typeof x === 'string'))),
  gated: lenient(z.union([z.literal(false), z.enum(['auto', 'manual'])])),
  private: lenient(z.boolean()),
  disabled: lenient(z.boolean()),
  gguf: z.unknown().optional(),
  baseModels: lenient(baseModels),
  childrenModelCount: lenient(childrenCount),
  cardData: lenient(
    z.object({ base_model: lenient(stringList), new_version: lenient(modelId) }),
  ),
});

/** A model as Hub Lens uses it: camelCase, every field but `id` optional. */
export interface HubModel {
  hubId?: string;
  id: string;
  likes?: number;
  downloads?: number;
  downloadsAllTime?: number;
  /** never negative: see rawModelSchema */
  trendingScore?: number;
  createdAt?: string;
  lastModified?: string;
  pipelineTag?: string;
  libraryName?: string;
  tags: string[];
  gated?: false | 'auto' | 'manual';
  private?: boolean;
  disabled?: boolean;
  /** GGUF repos count every .gguf file fetched as a download */
  gguf: boolean;
  /** declared parents: `baseModels`, else `base_model:` tags, else the card's `base_model` */
  baseModels: { relation?: Relation; ids: string[] };
  childrenCount?: { total?: number; quantized?: number; finetune?: number; adapter?: number; merge?: number };
  newVersion?: string;
}

/** `base_model:{id}` and `base_model:{relation}:{id}`: split at the second colon (ids hold `/`). */
export function baseModelsFromTags(tags: readonly string[]): { relation?: Relation; ids: string[] } {
  let rel: Relation | undefined;
  const ids: string[] = [];
  for (const tag of tags) {
    if (!tag.startsWith('base_model:')) continue;
    const rest = tag.slice('base_model:'.length);
    const colon = rest.indexOf(':');
    const maybe = colon > 0 ? rest.slice(0, colon) : '';
    const id = (RELATIONS as readonly string[]).includes(maybe) ? rest.slice(colon + 1) : rest;
    if ((RELATIONS as readonly string[]).includes(maybe)) rel = maybe as Relation;
    if (isModelId(id) && !ids.includes(id)) ids.push(id);
  }
  return { relation: rel, ids };
}

export function toHubModel(raw: z.infer<typeof rawModelSchema>): HubModel {
  const tags = raw.tags ?? [];
  const fromTags = baseModelsFromTags(tags);
  const declared = raw.baseModels?.ids.length ? raw.baseModels : fromTags;
  const card = raw.cardData?.base_model ?? [];
  return {
    hubId: raw._id,
    id: raw.id,
    likes: raw.likes,
    downloads: raw.downloads,
    downloadsAllTime: raw.downloadsAllTime,
    trendingScore: raw.trendingScore,
    createdAt: raw.createdAt,
    lastModified: raw.lastModified,
    pipelineTag: raw.pipeline_tag,
    libraryName: raw.library_name,
    tags,
    gated: raw.gated,
    private: raw.private,
    disabled: raw.disabled,
    gguf: (raw.gguf !== undefined && raw.gguf !== null) || tags.includes('gguf'),
    baseModels: { relation: declared.relation ?? fromTags.relation, ids: declared.ids.length ? declared.ids : card },
    childrenCount: raw.childrenModelCount,
    newVersion: raw.cardData?.new_version,
  };
}

/** One model, or null when even its id is unusable. Never throws. */
export function parseModel(json: unknown): HubModel | null {
  const parsed = rawModelSchema.safeParse(json);
  return parsed.success ? toHubModel(parsed.data) : null;
}

/** A list answer: entries without a usable id are dropped, the rest kept. */
export function parseModelList(json: unknown): HubModel[] | null {
  if (!Array.isArray(json)) return null;
  return json.map(parseModel).filter((m): m is HubModel => m !== null);
}
