import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Browser } from 'wxt/browser';
import { MAX_IMPORT_CHARS, MAX_IMPORT_MODELS, ports } from '@/lib/features/history/background';
import { IMPORT_PORT, PIECE_CHARS, type ImportReply, type ImportResult } from '@/lib/features/history/transfer';
import type { BackgroundContext } from '@/lib/features/protocol';
import { parseHistoryFile } from '@/lib/history-format';
import { createHistoryStore, type HistoryStore } from '@/lib/history-store';
import { fromHub } from '@/lib/observation';
import { openHistoryDB, type HistoryDB } from '@/lib/store/history-db';
import type { HubModel } from '@/lib/hub/client';

// Imports: limits that can fire, one model damaged in the store left out (not the whole file),
// no snapshot from the future. Invented models only.

const NOW = Date.parse('2026-11-24T12:00:00Z');
const iso = (t: number) => new Date(t).toISOString();
const snap = (t: number, likes: number) => ({ t: iso(t), likes, downloads: 10, downloadsAllTime: null, trendingScore: null });
const file = (models: unknown[]) => JSON.stringify({ format: 'hub-lens-history', version: 1, exportedAt: iso(NOW), models });
let n = 0;

beforeEach(() => fakeBrowser.reset());

async function setUp(): Promise<{ db: HistoryDB; store: HistoryStore; ctx: BackgroundContext }> {
  const db = await openHistoryDB(`import-trust-${n++}`);
  const store = createHistoryStore(async () => db, () => NOW);
  const ctx: BackgroundContext = { store, hub: () => Promise.reject(new Error('no Hub')), settings: async () => ({}) as never, features: async () => [], now: () => NOW };
  return { db, store, ctx };
}

/** The options page's side of the import port: the pieces, then the end; the background's result. */
function importThrough(ctx: BackgroundContext, pieces: readonly string[]): Promise<ImportResult> {
  return new Promise((resolve) => {
    let listener!: (m: unknown) => void;
    const port = {
      name: IMPORT_PORT,
      onMessage: { addListener: (l: (m: unknown) => void) => (listener = l) },
      onDisconnect: { addListener: () => undefined },
      postMessage: (m: ImportReply) => m.type === 'result' && resolve(m.result),
      disconnect: () => undefined,
    } as unknown as Browser.runtime.Port;
    ports![IMPORT_PORT]!(port, ctx);
    for (const text of pieces) listener({ type: 'piece', text });
    listener({ type: 'end' });
  });
}

describe('a snapshot dated in the future', () => {
  it('(the audit: year 9999) is refused with its place; nothing is imported', async () => {
    const { store, ctx } = await setUp();
    const text = file([{ id: 'invented/ok', snapshots: [snap(NOW - 3_600_000, 1)] }, { id: 'invented/far', snapshots: [snap(NOW - 3_600_000, 1), { ...snap(0, 2), t: '9999-01-01T00:00:00Z' }] }]);
    const result = await importThrough(ctx, [text]);
    expect(result).toEqual({ ok: false, error: 'models[1].snapshots[1].t: 9999-01-01T00:00:00.000Z is in the future (after 2026-11-25T12:00:00.000Z, a day from now)' });
    expect((await store.stats()).models).toBe(0);
  });

  it('up to a day ahead (a clock a little fast) is read', () => {
    expect(parseHistoryFile(file([{ id: 'invented/ok', snapshots: [snap(NOW + 23 * 3_600_000, 1)] }]), { now: NOW }).ok).toBe(true);
  });

  it('stored before such times were refused never pins "latest": live numbers replace it, and readers do not see it', async () => {
    const { db, store } = await setUp();
    await store.record([fromHub({ id: 'invented/pinned', likes: 5, downloads: 1 } as HubModel, NOW - 3_600_000)]);
    const record = (await db.get('models', 'invented/pinned'))!;
    const future = { t: Date.parse('9999-01-01T00:00:00Z'), likes: 999, downloads: 1, downloadsAllTime: null, trendingScore: null };
    await db.put('models', { ...record, last: future }); // as an older version kept it
    await store.record([fromHub({ id: 'invented/pinned', likes: 6, downloads: 1 } as HubModel, NOW)]);
    expect((await db.get('models', 'invented/pinned'))!.last?.likes).toBe(6);
    // Imported past the parser (the store's own guard): the future snapshot is not kept.
    await store.import([{ id: 'invented/direct', snapshots: [future, { ...future, t: NOW, likes: 3 }] }]);
    expect((await store.history('invented/direct'))!.snapshots.map((s) => s.likes)).toEqual([3]);
    expect((await db.get('models', 'invented/direct'))!.last?.likes).toBe(3);
  });
});

describe('import limits', () => {
  it('refuse a file past MAX_IMPORT_CHARS as it arrives, with a clear message; the limit is below the longest string', async () => {
    expect(MAX_IMPORT_CHARS).toBeLessThan(2 ** 29 - 24); // V8's longest string: a limit past it never fires
    const { ctx } = await setUp();
    const piece = 'x'.repeat(PIECE_CHARS); // the same string each time: no memory is used for the rest
    const result = await importThrough(ctx, Array.from({ length: Math.ceil(MAX_IMPORT_CHARS / PIECE_CHARS) + 1 }, () => piece));
    expect(result).toEqual({
      ok: false,
      error: `the file is too large to import: Hub Lens imports at most ${MAX_IMPORT_CHARS.toLocaleString('en')} characters at once (about 500 MB); split it into smaller files.`,
    });
  });

  it('refuse a file of more models than MAX_IMPORT_MODELS, before reading them', async () => {
    const { ctx } = await setUp();
    const models = Array.from({ length: MAX_IMPORT_MODELS + 1 }, () => ({ id: 'invented/same', snapshots: [] }));
    const result = await importThrough(ctx, [file(models)]);
    expect(result).toEqual({ ok: false, error: `models: the file holds ${(MAX_IMPORT_MODELS + 1).toLocaleString('en')} models; Hub Lens imports at most ${MAX_IMPORT_MODELS.toLocaleString('en')} at once (split the file)` });
  });
});

describe('a model damaged in the store', () => {
  it('is left out of an import and named; the rest of the file lands', async () => {
    const { db, store, ctx } = await setUp();
    await store.record([fromHub({ id: 'invented/bad-record', likes: 1, downloads: 1 } as HubModel, NOW - 7_200_000)]);
    await store.record([fromHub({ id: 'invented/torn', likes: 1, downloads: 1 } as HubModel, NOW - 7_200_000)]);
    const bad = (await db.get('models', 'invented/bad-record'))!;
    await db.put('models', { ...bad, firstSeen: 'then' } as never);
    const torn = (await db.get('models', 'invented/torn'))!;
    const day = Math.floor(NOW / 86_400_000) * 86_400_000;
    await db.put('chunks', new Uint8Array([200]).buffer, [torn.key, day]);
    const result = await importThrough(ctx, [
      file([
        { id: 'invented/first', snapshots: [snap(NOW - 3_600_000, 1)] },
        { id: 'invented/bad-record', snapshots: [snap(NOW - 3_600_000, 1)] },
        { id: 'invented/torn', snapshots: [snap(NOW - 3_600_000, 1), snap(NOW - 30 * 86_400_000, 1)] },
        { id: 'invented/last', snapshots: [snap(NOW - 3_600_000, 1)] },
      ]),
    ]);
    expect(result).toMatchObject({ ok: true, models: 2, added: 2, damaged: ['invented/bad-record', 'invented/torn'] });
    expect((await store.history('invented/first'))!.snapshots).toHaveLength(1);
    expect((await store.history('invented/last'))!.snapshots).toHaveLength(1);
    // Nothing of the torn model was written, not even its readable month.
    const tornKeys = await db.getAllKeys('chunks', IDBKeyRange.bound([torn.key, -Infinity], [torn.key, Infinity]));
    expect(tornKeys).toHaveLength(1);
  });

  it('does not make an invalid file any less refused whole', async () => {
    const { store, ctx } = await setUp();
    const result = await importThrough(ctx, [file([{ id: 'invented/ok', snapshots: [snap(NOW, 1)] }, { id: 'not an id', snapshots: [] }])]);
    expect(result.ok).toBe(false);
    expect((await store.stats()).models).toBe(0);
  });
});
