import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { handlers } from '@/lib/features/model-messages';
import type { BackgroundContext, Sender } from '@/lib/features/protocol';
import { createHistoryStore } from '@/lib/history-store';
import { openHistoryDB } from '@/lib/store/history-db';

// A content script speaks for the tab it runs in: a tab showing model A may record views of A
// only. A compromised or confused page naming model B must be refused before anything is written.

const view = handlers['model/view'];

/** A context whose store records calls and knows no history. */
function fakeContext() {
  const store = { record: vi.fn(async () => []), visit: vi.fn(async () => undefined), history: vi.fn(async () => null), writeFailure: () => null };
  const ctx = { store, features: async () => [], now: () => Date.parse('2026-11-24T12:00:00Z') } as unknown as BackgroundContext;
  return { ctx, store };
}

const hub = (path: string): Sender => ({ kind: 'hub', url: `https://huggingface.co${path}` });

describe('model/view names the model its tab shows', () => {
  it('is refused from a tab showing another model, a list, or no URL, and writes nothing', async () => {
    const cases: [string, Sender][] = [
      ['invented-org/b', hub('/invented-org/a')],
      ['invented-org/a', hub('/invented-org/a-copy')],
      ['invented-org/a', hub('/invented-org')],
      ['invented-org/a', hub('/models?search=invented-org/a')],
      ['invented-org/a', hub('/invented-org/b/tree/main?x=/invented-org/a')],
      ['invented-org/a', { kind: 'hub' }],
    ];
    for (const [id, sender] of cases) {
      const { ctx, store } = fakeContext();
      await expect(view.run({ id, likes: 3 }, ctx, sender), `${id} from ${sender.url}`).rejects.toThrow(/model\/view/);
      expect(store.record).not.toHaveBeenCalled();
      expect(store.visit).not.toHaveBeenCalled();
    }
  });

  it('is accepted from the model’s own page and its tabs, in any letter case: the panel shows what each page said', async () => {
    // A real history store: the answer is what the panel draws (the likes and the count of snapshots).
    const db = await openHistoryDB('model-view-sender');
    let now = Date.parse('2026-11-24T12:00:00Z');
    const store = createHistoryStore(async () => db, () => now);
    const ctx = { store, features: async () => [], now: () => now } as unknown as BackgroundContext;
    const paths = ['/invented-org/a', '/invented-org/a/tree/main', '/Invented-Org/A/discussions?status=open'];
    for (const [i, path] of paths.entries()) {
      now += 3_600_000;
      const state = await view.run({ id: 'invented-org/a', likes: 3 + i }, ctx, hub(path));
      expect(state, path).toMatchObject({ id: 'invented-org/a', snapshots: i + 1, latest: { likes: { v: 3 + i, t: now } } });
    }
  });

  it('refuses any other model, whatever the two ids', async () => {
    const part = fc.stringMatching(/^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,10}[A-Za-z0-9_])?$/).filter((s) => !s.includes('..') && !s.includes('--') && !s.endsWith('.git'));
    const id = fc.tuple(part, part).map(([a, n]) => `${a}/${n}`);
    await fc.assert(
      fc.asyncProperty(id, id, fc.constantFrom('', '/tree/main', '/blob/main/README.md'), async (shown, named, tab) => {
        fc.pre(shown.toLowerCase() !== named.toLowerCase());
        const { ctx, store } = fakeContext();
        await expect(view.run({ id: named }, ctx, hub(`/${shown}${tab}`))).rejects.toThrow();
        expect(store.record).not.toHaveBeenCalled();
      }),
      { numRuns: 300 },
    );
  });
});

describe('model/view on a full disk', () => {
  it('answers a model seen for the first time with the failure, so the panel can say it', async () => {
    const { ctx, store } = fakeContext();
    store.record.mockRejectedValueOnce(new DOMException('quota', 'QuotaExceededError'));
    (store as any).writeFailure = () => ({ at: 0, message: 'the disk is full (or the browser refused more storage)' });
    const state = await view.run({ id: 'invented-org/a', likes: 3 }, ctx, hub('/invented-org/a'));
    expect(state).toMatchObject({ id: 'invented-org/a', snapshots: 0, writeFailure: 'the disk is full (or the browser refused more storage)' });
  });

  it('answers nothing for a model it kept but cannot read back (no made-up state)', async () => {
    const { ctx } = fakeContext();
    expect(await view.run({ id: 'invented-org/a', likes: 3 }, ctx, hub('/invented-org/a'))).toBeNull();
  });
});
