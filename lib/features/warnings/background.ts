import { detector } from '@/lib/features/detector';
import type { BackgroundPart } from '@/lib/features/protocol';

export const describe: BackgroundPart['describe'] = async (history, ctx) => (await detector(ctx))(history);
