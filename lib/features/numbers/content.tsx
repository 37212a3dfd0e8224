import type { ContentPart } from '@/lib/features/content-part';
import { Numbers } from './Numbers';

export const sections: ContentPart['sections'] = [{ slot: 'body', order: 0, View: Numbers }];
