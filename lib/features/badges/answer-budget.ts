// How many card ids one tab may be answered about: a huggingface.co script can plant cards of
// any model in its page, and each badge tells it something of the user's own history. A reader
// never comes near this (a list of 1,000 cards read to its end, and another of 1,000, is 2,000);
// a page asking about the whole Hub is stopped after it. Kept in `storage.session` (memory,
// unreadable by content scripts) so a restarted worker does not reset it.

const KEY = 'list-answer-budget';
/** Card ids answered per tab per window. */
export const LIST_ANSWER_BUDGET = { ids: 3_000, windowMs: 10 * 60_000 } as const;

type Spent = Record<string, { from: number; ids: number }>;

let queue: Promise<unknown> = Promise.resolve();

/** Spend `count` ids of this tab's window: true when they fit (and are counted), false when the budget is spent. */
export function spendListAnswers(tabId: number, count: number, now: number): Promise<boolean> {
  const run = queue.then(async () => {
    const area = browser.storage.session;
    const stored: unknown = (await area.get(KEY))[KEY];
    const all = (typeof stored === 'object' && stored !== null ? stored : {}) as Spent;
    // Windows that ended (tabs closed or idle) are dropped as others are counted.
    const spent: Spent = Object.fromEntries(
      Object.entries(all).filter(([, s]) => typeof s?.from === 'number' && typeof s.ids === 'number' && s.from <= now && now - s.from < LIST_ANSWER_BUDGET.windowMs),
    );
    const mine = spent[tabId] ?? { from: now, ids: 0 };
    if (mine.ids + count > LIST_ANSWER_BUDGET.ids) return false;
    spent[tabId] = { from: mine.from, ids: mine.ids + count };
    await area.set({ [KEY]: spent });
    return true;
  });
  queue = run.catch(() => undefined);
  return run;
}
