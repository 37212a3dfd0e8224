// The polling period: the one rule of what it may be (the user sets it: 15 min to 24 h), and its
// words, as every string that names it says them.

export const POLL_MINUTES = { min: 15, max: 24 * 60 } as const;

/** Is `v` a polling period a setting may hold? */
export const isPollMinutes = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= POLL_MINUTES.min && (v as number) <= POLL_MINUTES.max;

/** The period in a stored settings object, if it holds a valid one (for pages that read no other setting). */
export const storedPollMinutes = (settings: unknown): number | undefined => {
  const v = (settings as { pollMinutes?: unknown } | null | undefined)?.pollMinutes;
  return isPollMinutes(v) ? v : undefined;
};

/** 15 → "15 min", 60 → "1 hour", 120 → "2 hours". */
export const periodWords = (minutes: number) => (minutes < 60 ? `${minutes} min` : minutes === 60 ? '1 hour' : `${minutes / 60} hours`);

/** 15 → "every 15 min", 60 → "every hour", 120 → "every 2 hours". */
export const everyPeriod = (minutes: number) => `every ${minutes === 60 ? 'hour' : periodWords(minutes)}`;

/** The anonymous API budget is 500 calls per 5-minute window (api.md); polling keeps 20% free. */
export const POLL_BUDGET = { calls: 400, windowMs: 5 * 60_000 } as const;

/**
 * The polling period, in whole minutes, that the budget really allows for `watched` models: a
 * window lets POLL_BUDGET.calls calls, so each model is polled at best every watched ÷ (calls a
 * minute) minutes, whatever period is chosen (and less often when pages spend the budget too).
 */
export function allowedPollMinutes(watched: number, pollMinutes: number): number {
  const perMinute = (POLL_BUDGET.calls * 60_000) / POLL_BUDGET.windowMs;
  return Math.max(pollMinutes, Math.ceil(watched / perMinute));
}
