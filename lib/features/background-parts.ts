import type { BackgroundPart } from './protocol';
import { faultyBackground } from './fault';
import { FEATURE_NAMES, type FeatureName } from './registry';

// Each feature's background part is the `background.ts` in its folder, found by name.
const modules = import.meta.glob<BackgroundPart>('./*/background.ts', { eager: true });

export const BACKGROUND_PARTS: Partial<Record<FeatureName, BackgroundPart>> = Object.fromEntries(
  FEATURE_NAMES.flatMap((name) => {
    const part = modules[`./${name}/background.ts`];
    if (!part) return [];
    return [[name, import.meta.env.WXT_FAULT ? faultyBackground(name, part) : part]];
  }),
);
