import type { ContentPart } from '../content';
import { Numbers } from './Numbers';

export const sections: ContentPart['sections'] = [{ slot: 'body', order: 0, View: Numbers }];
