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
