import type { PopupPart } from './page-parts';

// The toolbar popup is the `popup.tsx` of the one feature that has one, found by its folder's
// name (the popup is built on its own and loads nothing else, not even the registry).
const modules = import.meta.glob<{ popup: PopupPart }>('./*/popup.tsx', { eager: true });

export const POPUP: { feature: string; part: PopupPart } | undefined = Object.entries(modules).map(([path, m]) => ({ feature: path.split('/')[1]!, part: m.popup }))[0];
