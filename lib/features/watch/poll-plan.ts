// Which watched models to poll now: pure, so the schedule is tested without a browser.

import { allowedPollMinutes, POLL_BUDGET } from '@/lib/features/period';

export { allowedPollMinutes, POLL_BUDGET };
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
