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
const LONGEST_PAUSE_MS = Math.max(BACKOFF_MS.max, WRITE_FAILED_PAUSE_MS);

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
  // A pause is never longer than polling ever sets one (a pause of decades, stored before, is not kept).
  if (state.pausedUntil !== undefined) state.pausedUntil = Math.min(state.pausedUntil, start + LONGEST_PAUSE_MS);
  if (state.pausedUntil && state.pausedUntil > start) return stop(0, state.pausedBy);
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return stop(0, 'offline');

  const periodMs = settings.pollMinutes * 60_000;
  const watched = await ctx.store.watchedRecords();
  state.calls = state.calls.filter((t) => start - t < 10 * 60_000);
  const hub = await ctx.hub();
  // Its own pace, and the window's count of every call (the pages' calls too).
  const plan = planPoll(watched, start, periodMs, Math.min(budgetLeft(state.calls, start), hub.limiter.left('background')));
  let polled = 0;
  for (const id of plan) {
    const t = ctx.now();
    state.calls.push(t);
    const answer = await hub.getModel(id, { priority: 'background' });
    if (answer.ok) {
      state.strikes = 0;
      try {
        const [outcome] = await ctx.store.record([fromHub(answer.value, t)], { lastApiFetch: t });
        // Its stored history cannot be read, so nothing was written: its try is, or it would
        // take the first slot of every tick (dropping the damaged data in the options page heals it).
        if (outcome === 'damaged') await ctx.store.markApiFetch(id, t).catch(() => undefined);
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
