// Which watched models to poll now: pure, so the schedule is tested without a browser.

/** The anonymous API budget is 500 calls per 5-minute window (api.md); polling keeps 20% free. */
export const POLL_BUDGET = { calls: 400, windowMs: 5 * 60_000 } as const;
/** How often the poll alarm ticks. */
export const TICK_MS = 60_000;

export interface PollCandidate {
  id: string;
  /** when its last API answer (or failed try) was recorded */
  lastApiFetch?: number;
}

/** Calls still allowed now, given the times of recent calls. */
export function budgetLeft(callTimes: readonly number[], now: number): number {
  const recent = callTimes.filter((t) => now - t < POLL_BUDGET.windowMs).length;
  return Math.max(0, POLL_BUDGET.calls - recent);
}

/**
 * Due models, oldest first, spread over the period: a tick takes its share of the watch list
 * (plus slack to catch up), never more than the budget allows.
 */
export function planPoll(models: readonly PollCandidate[], now: number, periodMs: number, budget: number): string[] {
  const due = models
    .filter((m) => m.lastApiFetch === undefined || now - m.lastApiFetch >= periodMs)
    .sort((a, b) => (a.lastApiFetch ?? -Infinity) - (b.lastApiFetch ?? -Infinity));
  const share = Math.ceil((models.length * TICK_MS) / periodMs * 1.5);
  return due.slice(0, Math.min(share, budget)).map((m) => m.id);
}

/**
 * The polling period, in whole minutes, that the budget really allows for `watched` models: a
 * window lets POLL_BUDGET.calls calls, so each model is polled at best every watched ÷ (calls a
 * minute) minutes, whatever period is chosen (and less often when pages spend the budget too).
 */
export function allowedPollMinutes(watched: number, pollMinutes: number): number {
  const perMinute = (POLL_BUDGET.calls * 60_000) / POLL_BUDGET.windowMs;
  return Math.max(pollMinutes, Math.ceil(watched / perMinute));
}
