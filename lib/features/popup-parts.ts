import type { PopupPart } from './page-parts';
import { FEATURE_NAMES, type FeatureName } from './registry';

// The toolbar popup is the `popup.tsx` of the one feature that has one, found by name (the
// popup is built on its own: it loads nothing else).
const modules = import.meta.glob<{ popup: PopupPart }>('./*/popup.tsx', { eager: true });

export const POPUP: { feature: FeatureName; part: PopupPart } | undefined = FEATURE_NAMES.flatMap((feature) => {
  const part = modules[`./${feature}/popup.tsx`]?.popup;
  return part ? [{ feature, part }] : [];
})[0];
