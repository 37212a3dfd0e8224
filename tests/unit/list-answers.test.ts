import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { LIST_ANSWER_BUDGET } from '@/lib/features/badges/answer-budget';
import { handlers } from '@/lib/features/badges/background';
import type { BackgroundContext } from '@/lib/features/protocol';
import { createHistoryStore } from '@/lib/history-store';
import { fromPage } from '@/lib/observation';
import { loadSettings } from '@/lib/settings';
import { openHistoryDB } from '@/lib/store/history-db';

// What a huggingface.co page can learn through list badges (their shadow roots are open, and a
// page can plant cards of any model): not the watch list, and not the history of the whole Hub.

const NOW = Date.parse('2026-11-24T12:00:00Z');
const view = handlers['list/view'];
let n = 0;

beforeEach(() => fakeBrowser.reset());

async function context(): Promise<BackgroundContext> {
  const db = await openHistoryDB(`list-answers-${n++}`);
  const store = createHistoryStore(async () => db, () => NOW);
  return { store, hub: () => Promise.reject(new Error('no Hub in these tests')), settings: loadSettings, features: async () => [], now: () => NOW };
}

describe('list badges', () => {
  it('do not say whether the user watches a model', async () => {
    const ctx = await context();
    await ctx.store.record([fromPage({ id: 'invented/alpha', likes: 3 }, NOW - 3_600_000), fromPage({ id: 'invented/beta', likes: 3 }, NOW - 3_600_000)]);
    await ctx.store.setWatched('invented/alpha', true);
    const badges = await view.run({ ids: ['invented/alpha', 'invented/beta'], query: null }, ctx, { kind: 'hub', tabId: 1 });
    expect(Object.keys(badges).sort()).toEqual(['invented/alpha', 'invented/beta']);
    const { summary: _a, ...watched } = badges['invented/alpha']!;
    const { summary: _b, ...not } = badges['invented/beta']!;
    expect(watched).toEqual(not);
    expect(JSON.stringify(badges)).not.toMatch(/"watched"/);
  });

  it('answer one tab about LIST_ANSWER_BUDGET ids a window, then nothing, while other tabs are answered', async () => {
    const ctx = await context();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const ids = Array.from({ length: 500 }, (_, i) => `invented/planted-${i}`);
    await ctx.store.record(ids.map((id) => fromPage({ id, likes: 1 }, NOW - 3_600_000)));
    const page = { kind: 'hub' as const, tabId: 7 };
    for (let spent = 0; spent + 500 <= LIST_ANSWER_BUDGET.ids; spent += 500) {
      expect(Object.keys(await view.run({ ids, query: null }, ctx, page))).toHaveLength(500);
    }
    expect(await view.run({ ids, query: null }, ctx, page)).toEqual({});
    expect(Object.keys(await view.run({ ids: ids.slice(0, 5), query: null }, ctx, { kind: 'hub', tabId: 8 }))).toHaveLength(5);
    // A window later, the tab is answered again.
    const later = { ...ctx, now: () => NOW + LIST_ANSWER_BUDGET.windowMs };
    expect(Object.keys(await view.run({ ids, query: null }, later, page))).toHaveLength(500);
  });
});
