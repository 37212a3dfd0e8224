import type { ContentPart } from '@/lib/features/content';
import { Velocity } from './Velocity';

export const sections: ContentPart['sections'] = [{ slot: 'body', order: 10, View: Velocity }];
