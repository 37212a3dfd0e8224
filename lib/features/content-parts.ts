import type { ContentPart } from './content-part';
import { faultyContent } from './fault';

// Each feature's content part is the `content.tsx` in its folder, found by the folder's name. (The
// content script does not import the registry: the background tells it which features are on.)
const modules = import.meta.glob<ContentPart>('./*/content.tsx', { eager: true });

export const CONTENT_PARTS: Readonly<Record<string, ContentPart>> = Object.fromEntries(
  Object.entries(modules).map(([path, part]) => {
    const name = path.split('/')[1]!;
    return [name, import.meta.env.WXT_FAULT ? faultyContent(name, part) : part];
  }),
);
