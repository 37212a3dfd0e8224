import { likesGained, WINDOWS } from '@/lib/velocity';
import type { BackgroundPart } from '@/lib/features/protocol';

/** The numbers feature's part of the model state. */
export interface NumbersView {
  /** likes gained over 7 days in Hub Lens's own history (report-v1's base rule) */
  likesGained7d: number | null;
}

export const describe: BackgroundPart['describe'] = (history): NumbersView => ({ likesGained7d: likesGained(history.snapshots, WINDOWS['7d']) });
