import { detector } from '../detector';
import type { BackgroundPart } from '../protocol';

export const describe: BackgroundPart['describe'] = async (history, ctx) => (await detector(ctx))(history);
