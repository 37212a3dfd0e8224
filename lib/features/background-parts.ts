import type { BackgroundPart } from './protocol';
import { FEATURE_NAMES, type FeatureName } from './registry';

// Each feature's background part is the `background.ts` in its folder, found by name.
const modules = import.meta.glob<BackgroundPart>('./*/background.ts', { eager: true });

export const BACKGROUND_PARTS: Partial<Record<FeatureName, BackgroundPart>> = Object.fromEntries(
  FEATURE_NAMES.flatMap((name) => {
    const part = modules[`./${name}/background.ts`];
    return part ? [[name, part]] : [];
  }),
);
