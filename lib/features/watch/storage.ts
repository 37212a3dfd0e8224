import { checkedItem, finite, isRecord, MAX_KEPT, optionalFinite, stringList, timesByKey } from '@/lib/storage-items';

// What the watch feature keeps in extension storage, each read checked (lib/storage-items.ts).

/** Warnings the user has seen in the popup (`id|kind|since`), for the toolbar count. */
export const seenWarningsItem = checkedItem<string[]>('local:seen-warnings', [], stringList);
/** When each warning was last notified, for the once-a-day rule. */
export const notifiedItem = checkedItem<Record<string, number>>('local:notified-warnings', {}, timesByKey);

export interface PollState {
  /** times of recent API calls, for the budget */
  calls: number[];
  /** no call before this time (a 429's window, a back-off, a full disk), and why */
  pausedUntil?: number;
  pausedBy?: 'rate-limited' | 'write-failed';
  /** consecutive 429s without a reset time, for exponential back-off */
  strikes: number;
  lastRun?: { at: number; polled: number; stoppedBy?: string };
}

const PAUSES = ['rate-limited', 'write-failed'];

/** Polling's budget and pause (session: only the background reads it; a content script can neither read nor write it). */
export const pollStateItem = checkedItem<PollState>('session:poll-state', { calls: [], strikes: 0 }, (raw) => {
  if (!isRecord(raw) || !Array.isArray(raw.calls) || raw.calls.length > MAX_KEPT || !raw.calls.every(finite)) return undefined;
  if (!Number.isInteger(raw.strikes) || (raw.strikes as number) < 0 || !optionalFinite(raw.pausedUntil)) return undefined;
  if (raw.pausedBy !== undefined && !PAUSES.includes(raw.pausedBy as string)) return undefined;
  return raw as unknown as PollState;
});
