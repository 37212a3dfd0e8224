import type { ContentPart } from '../content';
import { Velocity } from './Velocity';

export const sections: ContentPart['sections'] = [{ slot: 'body', order: 10, View: Velocity }];
