import type { ContentPart } from '@/lib/features/content-part';
import { WatchButton } from './WatchButton';

export const sections: ContentPart['sections'] = [{ slot: 'head', order: 0, View: WatchButton }];
