import type { ContentPart } from '@/lib/features/content-part';
import { Velocity } from './RatesAndCharts';

export const sections: ContentPart['sections'] = [{ slot: 'body', order: 10, View: Velocity }];
