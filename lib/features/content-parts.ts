import type { ContentPart } from './content';
import { faultyContent } from './fault';
import { FEATURE_NAMES, type FeatureName } from './registry';

// Each feature's content part is the `content.tsx` in its folder, found by name.
const modules = import.meta.glob<ContentPart>('./*/content.tsx', { eager: true });

export const CONTENT_PARTS: Partial<Record<FeatureName, ContentPart>> = Object.fromEntries(
  FEATURE_NAMES.flatMap((name) => {
    const part = modules[`./${name}/content.tsx`];
    if (!part) return [];
    return [[name, import.meta.env.WXT_FAULT && import.meta.env.WXT_FAULT === name ? faultyContent(part) : part]];
  }),
);
