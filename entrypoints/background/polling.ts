import { storage } from '@wxt-dev/storage';
import { budgetLeft, planPoll, TICK_MS } from '@/lib/poll-plan';
import { loadSettings } from '@/lib/settings';
import { getModel, recordSnapshot, type HistoryDB } from '@/lib/store/history-db';
import type { Deps } from './handlers';
import { metaFromApi, snapshotFromApi } from './handlers';

// Hourly (by default) polling of watched models, spread over the period, under 80% of the
// anonymous API budget. Every model's answer is committed with its poll time in one
// transaction, so a worker stopped mid-poll loses nothing and records nothing twice: the
// models it had not reached are simply still due.

export const POLL_ALARM = 'poll-watched';

interface PollState {
  /** times of this worker's recent API calls, for the budget */
  calls: number[];
  /** no call before this time (a 429's window, or back-off) */
  pausedUntil?: number;
  /** consecutive 429s without a reset time, for exponential back-off */
  strikes: number;
  lastRun?: { at: number; polled: number; stoppedBy?: string };
}

const stateItem = storage.defineItem<PollState>('local:poll-state', { fallback: { calls: [], strikes: 0 } });

const BACKOFF_MS = { first: 60_000, max: 60 * 60_000 };

let running: Promise<PollState['lastRun']> | null = null;

/** One poll tick; a tick while another runs joins it instead of starting a second. */
export function pollTick(deps: Deps): Promise<PollState['lastRun']> {
  running ??= runTick(deps).finally(() => (running = null));
  return running;
}

async function runTick({ db, hub, serial, now }: Deps): Promise<PollState['lastRun']> {
  const settings = await loadSettings();
  const state = await stateItem.getValue();
  const start = now();
  const stop = async (polled: number, stoppedBy?: string) => {
    state.lastRun = { at: start, polled, stoppedBy };
    await stateItem.setValue(state);
    return state.lastRun;
  };
  if (state.pausedUntil && state.pausedUntil > start) return stop(0, 'rate-limited');
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return stop(0, 'offline');

  const periodMs = settings.pollMinutes * 60_000;
  const watched = await db.getAllFromIndex('models', 'watched', 1);
  state.calls = state.calls.filter((t) => start - t < 10 * 60_000);
  const plan = planPoll(watched, start, periodMs, budgetLeft(state.calls, start));
  let polled = 0;
  for (const id of plan) {
    const t = now();
    state.calls.push(t);
    const answer = await hub.getModel(id, { priority: 'background' });
    if (answer.ok) {
      await serial(() => recordSnapshot(db, { id, ...metaFromApi(answer.value) }, snapshotFromApi(answer.value, t), t, { lastApiFetch: t }));
      state.strikes = 0;
      polled++;
      continue;
    }
    const { kind, retryAt } = answer.error;
    if (kind === 'rate-limited') {
      state.strikes++;
      state.pausedUntil = retryAt ?? t + Math.min(BACKOFF_MS.first * 2 ** (state.strikes - 1), BACKOFF_MS.max);
      return stop(polled, kind);
    }
    if (kind === 'offline') return stop(polled, kind);
    // Server errors retry in half a period; a model gone or gated waits a whole one.
    const next = kind === 'server-error' || kind === 'malformed' ? t - periodMs / 2 : t;
    await serial(() => markTried(db, id, next));
  }
  return stop(polled);
}

async function markTried(db: HistoryDB, id: string, at: number) {
  const old = await getModel(db, id);
  if (old) await db.put('models', { ...old, lastApiFetch: at });
}

export function schedulePolling(): Promise<void> {
  return browser.alarms.create(POLL_ALARM, { periodInMinutes: TICK_MS / 60_000, delayInMinutes: 0.1 });
}

export const pollStatus = () => stateItem.getValue();
