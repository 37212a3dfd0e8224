import type { OptionsPart } from './page-parts';
import { FEATURE_NAMES, type FeatureName } from './registry';

// Each feature's part of the options page is the `options.tsx` in its folder, found by name.
const modules = import.meta.glob<{ options: OptionsPart }>('./*/options.tsx', { eager: true });

export const OPTIONS_PARTS: { feature: FeatureName; part: OptionsPart }[] = FEATURE_NAMES.flatMap((feature) => {
  const part = modules[`./${feature}/options.tsx`]?.options;
  return part ? [{ feature, part }] : [];
}).sort((a, b) => a.part.order - b.part.order);
