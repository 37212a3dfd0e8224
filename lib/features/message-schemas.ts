import * as z from 'zod/mini';
import { isModelId, MODEL_ID_MAX_LENGTH } from '@/lib/model-id';

// Schemas shared by several features' messages (the background checks every input with them).

export const modelIdSchema = z.string().check(
  z.maxLength(MODEL_ID_MAX_LENGTH),
  z.refine((s) => isModelId(s), 'expected a model id author/name'),
);

export const count = z.int().check(z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER));
export const text = (max: number) => z.string().check(z.maxLength(max));
export const byId = z.object({ id: modelIdSchema });
export const nothing = z.optional(z.undefined());
