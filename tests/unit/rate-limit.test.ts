import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { BackgroundContext } from '@/lib/features/protocol';
import { pollTick } from '@/lib/features/watch/polling';
import { allowedPollMinutes } from '@/lib/features/watch/poll-plan';
import { createHistoryStore } from '@/lib/history-store';
import { createHubClient, type HubClient } from '@/lib/hub/client';
import { QUOTA, RateLimiter, saneState, WINDOW_MS } from '@/lib/hub/rate-limit';
import { loadSettings } from '@/lib/settings';
import { openHistoryDB } from '@/lib/store/history-db';

// The Hub's limits as Hub Lens keeps them: a window of 5 minutes, 500 calls, whoever makes them.

const NOW = Date.parse('2026-11-24T12:00:00Z');
const headers = (h: Record<string, string>) => new Headers(h);

describe('a RateLimit reset', () => {
  it('of t=999999999 (the audit: blocked until 2058) closes the Hub for one window at most, interactive calls too', () => {
    const limiter = new RateLimiter(() => NOW);
    limiter.observe(429, headers({ RateLimit: '"api";r=0;t=999999999' }));
    expect(limiter.blockedUntil('interactive')).toBe(NOW + WINDOW_MS);
    expect(limiter.state.resetAt).toBe(NOW + WINDOW_MS);
    expect(limiter.state.closedUntil).toBe(NOW + WINDOW_MS);
  });

  it('of any size, or back-offs without one, never blocks an interactive call past a window', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)), { minLength: 1, maxLength: 30 }), fc.boolean(), (resets, withHeader) => {
        let t = NOW;
        const limiter = new RateLimiter(() => t);
        for (const reset of resets) {
          limiter.observe(429, headers(withHeader ? { RateLimit: `"api";r=0;t=${reset}` } : {}));
          const blocked = limiter.blockedUntil('interactive');
          expect(blocked === null || blocked - t <= WINDOW_MS).toBe(true);
          t += 1000;
        }
      }),
    );
  });

  it('stored by an older version (year 2058) is made sane when a restarted worker reads it back', () => {
    const stored = { closedUntil: NOW + 999_999_999_000, resetAt: NOW + 999_999_999_000, remaining: 0, strikes: 3 };
    const limiter = new RateLimiter(() => NOW, JSON.parse(JSON.stringify(stored)));
    expect(limiter.blockedUntil('interactive')).toBe(NOW + WINDOW_MS);
    expect(saneState('garbage', NOW)).toEqual({ strikes: 0 });
    expect(saneState({ closedUntil: 'soon', remaining: -4, quota: 0, strikes: 1e9, calls: [NOW, 'x', NOW + 10 * WINDOW_MS, NOW - 2 * WINDOW_MS] }, NOW)).toEqual({
      strikes: 30,
      calls: [NOW],
    });
  });

  it('stored by polling before (its pause of decades) lets polling run again within its longest pause', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.session.set({ 'poll-state': { calls: [], strikes: 1, pausedUntil: NOW + 999_999_999_000, pausedBy: 'rate-limited' } });
    const db = await openHistoryDB('rate-limit-poll');
    const store = createHistoryStore(async () => db, () => NOW);
    await store.setWatched('invented/polled', true);
    const asked: string[] = [];
    const hub = {
      limiter: new RateLimiter(() => NOW),
      getModel: async (id: string) => (asked.push(id), { ok: false as const, error: { kind: 'not-found' as const, message: 'gone' } }),
    } as unknown as HubClient;
    let t = NOW;
    const ctx: BackgroundContext = { store, hub: async () => hub, settings: loadSettings, features: async () => [], now: () => t };
    await pollTick(ctx);
    expect(asked).toEqual([]);
    t += 61 * 60_000;
    await pollTick(ctx);
    expect(asked).toEqual(['invented/polled']);
  });
});

describe('the 5-minute budget', () => {
  beforeEach(() => fakeBrowser.reset());

  it('counts interactive calls: without RateLimit headers, no more than the quota leave in a window', async () => {
    let t = NOW;
    let sent = 0;
    const client = createHubClient({ now: () => t, fetch: async () => (sent++, new Response('{"id":"a/b"}', { status: 200 })) });
    for (let i = 0; i < QUOTA + 50; i++) await client.getModel(`invented/m${i}`, { priority: 'interactive' });
    expect(sent).toBe(QUOTA);
    expect(client.limiter.blockedUntil('interactive')).toBe(NOW + WINDOW_MS);
    t += WINDOW_MS;
    await client.getModel('invented/after', { priority: 'interactive' });
    expect(sent).toBe(QUOTA + 1);
  });

  it('leaves background calls the budget the pages left: polling stops at 80% of every call made', async () => {
    const limiter = new RateLimiter(() => NOW);
    for (let i = 0; i < 390; i++) limiter.take(); // pages and family cards
    expect(limiter.left('background')).toBe(10);
    expect(limiter.left('interactive')).toBe(110);
    const db = await openHistoryDB('rate-limit-budget');
    const store = createHistoryStore(async () => db, () => NOW);
    for (let i = 0; i < 120; i++) await store.setWatched(`invented/w${i}`, true); // 12 a tick at 15 min
    const asked: string[] = [];
    const hub = { limiter, getModel: async (id: string) => (asked.push(id), { ok: false as const, error: { kind: 'not-found' as const, message: 'gone' } }) } as unknown as HubClient;
    await fakeBrowser.storage.local.set({ settings: { pollMinutes: 15 } });
    await pollTick({ store, hub: async () => hub, settings: loadSettings, features: async () => [], now: () => NOW });
    expect(asked).toHaveLength(10);
  });

  it('says what polling period it allows for the watch list (the audit: 5,000 models at 15 min are polled about every 63 min)', () => {
    expect(allowedPollMinutes(5_000, 15)).toBe(63);
    expect(allowedPollMinutes(1_000, 15)).toBe(15);
    expect(allowedPollMinutes(5_000, 60)).toBe(63);
    expect(allowedPollMinutes(5_000, 120)).toBe(120);
    expect(allowedPollMinutes(0, 15)).toBe(15);
  });
});
