import type { ContentPart } from '@/lib/features/content-part';
import { WarningMark, Warnings } from './Warnings';

export const sections: ContentPart['sections'] = [
  { slot: 'head', order: 10, View: WarningMark },
  { slot: 'body', order: 20, View: Warnings },
];
