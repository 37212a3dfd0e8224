import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { HubModel } from '@/lib/hub/client';
import type { BackgroundContext } from '@/lib/features/protocol';
import { pollTick } from '@/lib/features/watch/polling';
import { DEFAULT_SETTINGS } from '@/lib/settings';

// After a write failed (a full disk), polling waits 30 minutes instead of fetching the same
// model every minute: on fake timers, the tick a moment before the 30 minutes calls nobody, the
// tick at 30 minutes polls again. The number itself is pinned (it was once 30 min → 1 min with
// every test passing). Invented model only.

const NOW = Date.parse('2026-11-24T12:00:00Z');
const MINUTE = 60_000;
const ID = 'invented-org/watched';

function pollingContext() {
  const getModel = vi.fn(async (id: string) => ({ ok: true as const, value: { id, likes: 10, downloads: 20 } as HubModel }));
  let diskFull = true;
  const record = vi.fn(async () => {
    if (diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return [];
  });
  const ctx = {
    settings: async () => DEFAULT_SETTINGS,
    hub: async () => ({ getModel, limiter: { left: () => Infinity } }),
    // Never polled successfully: due at every tick, so only the pause keeps it from being fetched.
    store: { watchedRecords: async () => [{ id: ID }], record, markApiFetch: async () => undefined },
    now: () => Date.now(),
  } as unknown as BackgroundContext;
  return { ctx, getModel, record, freeDisk: () => (diskFull = false) };
}

const lastRun = async () => ((await browser.storage.session.get('poll-state'))['poll-state'] as { lastRun?: { polled: number; stoppedBy?: string } }).lastRun;

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('polling after a failed write', () => {
  it('pauses 30 minutes: nothing is fetched before, polling resumes at 30 minutes', async () => {
    const { ctx, getModel, record, freeDisk } = pollingContext();
    await pollTick(ctx);
    expect(getModel).toHaveBeenCalledTimes(1);
    expect(record).toHaveBeenCalledTimes(1);
    expect(await lastRun()).toMatchObject({ polled: 0, stoppedBy: 'write-failed' });

    // Every minute's tick until just before the 30 minutes: paused, no call to the Hub.
    for (let minute = 1; minute < 30; minute++) {
      vi.setSystemTime(NOW + minute * MINUTE);
      await pollTick(ctx);
    }
    vi.setSystemTime(NOW + 30 * MINUTE - 1_000);
    await pollTick(ctx);
    expect(getModel).toHaveBeenCalledTimes(1);
    expect(await lastRun()).toMatchObject({ polled: 0, stoppedBy: 'write-failed' });

    // At 30 minutes the model is fetched again, and kept now that the disk has room.
    freeDisk();
    vi.setSystemTime(NOW + 30 * MINUTE);
    await pollTick(ctx);
    expect(getModel).toHaveBeenCalledTimes(2);
    expect(await lastRun()).toEqual({ at: NOW + 30 * MINUTE, polled: 1 });
  });
});
