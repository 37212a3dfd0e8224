import type { HistoryStore } from '@/lib/history-store';
import { checkedItem, finite, isRecord, MAX_KEPT, optionalFinite, stringList, timesByKey } from '@/lib/storage-items';

// What the watch feature keeps outside its rows, each read checked.

/** A list the watch feature keeps in the database (they name watched models: no content script may read them), read back checked. */
export interface KeptList<T> {
  get(): Promise<T>;
  set(value: T): Promise<void>;
}

function keptList<T>(store: HistoryStore, key: string, fallback: T, check: (raw: unknown) => T | undefined): KeptList<T> {
  const kept = store.kept('watch');
  // Kept in storage.local by older versions, where a content script could read which models are watched: moved on first read.
  const old = checkedItem<T>(`local:${key}`, fallback, check);
  return {
    async get() {
      const raw = await kept.get(key);
      if (raw !== undefined) return check(raw) ?? structuredClone(fallback);
      const before = await browser.storage.local.get(key).catch(() => ({}) as Record<string, unknown>);
      if (!(key in before)) return structuredClone(fallback);
      const value = await old.get();
      await kept.put(key, value);
      await old.remove();
      return value;
    },
    set: (value) => kept.put(key, value),
  };
}

/** Warnings the user has seen in the popup (`id|kind|since`), for the toolbar count. */
export const seenWarnings = (store: HistoryStore) => keptList<string[]>(store, 'seen-warnings', [], stringList);
/** When each warning was last notified, for the once-a-day rule. */
export const notifiedWarnings = (store: HistoryStore) => keptList<Record<string, number>>(store, 'notified-warnings', {}, timesByKey);

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
