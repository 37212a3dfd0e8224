import { fromHub } from '@/lib/observation';
import type { BackgroundContext } from '@/lib/features/protocol';
import { budgetLeft, planPoll } from './poll-plan';
import { pollStateItem } from './storage';

// Hourly (by default) polling of watched models, spread over the period, under 80% of the
// anonymous API budget. Every model's answer is committed with its poll time in one
// transaction, so a worker stopped mid-poll loses nothing and records nothing twice: the
// models it had not reached are simply still due.

export const POLL_ALARM = 'poll-watched';

const BACKOFF_MS = { first: 60_000, max: 60 * 60_000 };
/** After a write failed (a full disk), polling waits this long instead of fetching the same model every minute. */
const WRITE_FAILED_PAUSE_MS = 30 * 60_000;

let running: Promise<void> | null = null;

/** One poll tick; a tick while another runs joins it instead of starting a second. */
export function pollTick(ctx: BackgroundContext): Promise<void> {
  running ??= runTick(ctx).finally(() => (running = null));
  return running;
}

async function runTick(ctx: BackgroundContext): Promise<void> {
  const settings = await ctx.settings();
  const state = await pollStateItem.get();
  const start = ctx.now();
  const stop = async (polled: number, stoppedBy?: string) => {
    state.lastRun = { at: start, polled, stoppedBy };
    await pollStateItem.set(state);
  };
  if (state.pausedUntil && state.pausedUntil > start) return stop(0, state.pausedBy);
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return stop(0, 'offline');

  const periodMs = settings.pollMinutes * 60_000;
  const watched = await ctx.store.watchedRecords();
  state.calls = state.calls.filter((t) => start - t < 10 * 60_000);
  const plan = planPoll(watched, start, periodMs, budgetLeft(state.calls, start));
  const hub = await ctx.hub();
  let polled = 0;
  for (const id of plan) {
    const t = ctx.now();
    state.calls.push(t);
    const answer = await hub.getModel(id, { priority: 'background' });
    if (answer.ok) {
      state.strikes = 0;
      try {
        await ctx.store.record([fromHub(answer.value, t)], { lastApiFetch: t });
      } catch {
        // The answer could not be kept: wait rather than fetch it again every minute.
        [state.pausedUntil, state.pausedBy] = [t + WRITE_FAILED_PAUSE_MS, 'write-failed'];
        return stop(polled, state.pausedBy);
      }
      polled++;
      continue;
    }
    const { kind, retryAt } = answer.error;
    if (kind === 'rate-limited') {
      state.strikes++;
      state.pausedUntil = retryAt ?? t + Math.min(BACKOFF_MS.first * 2 ** (state.strikes - 1), BACKOFF_MS.max);
      state.pausedBy = kind;
      return stop(polled, kind);
    }
    if (kind === 'offline') return stop(polled, kind);
    // Server errors retry in half a period; a model gone or gated waits a whole one.
    const next = kind === 'server-error' || kind === 'malformed' ? t - periodMs / 2 : t;
    await ctx.store.markApiFetch(id, next).catch(() => undefined);
  }
  return stop(polled);
}
