import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { MAX_IMPORT_CHARS, ports } from '@/lib/features/history/background';
import { EXPORT_PORT, IMPORT_PORT, PIECE_CHARS, type ExportReply, type ImportReply } from '@/lib/features/history/transfer';
import type { BackgroundContext } from '@/lib/features/protocol';
import { parseHistoryFile } from '@/lib/history-format';
import { createHistoryStore } from '@/lib/history-store';
import { openHistoryDB } from '@/lib/store/history-db';
import type { ModelHistory } from '@/lib/types';

// The limits of import and export, through their named constants, so that a changed value is
// tested as it is: a piece (PIECE_CHARS) and a whole import (MAX_IMPORT_CHARS) are accepted at
// their limit and refused one character past it, with a message saying why and nothing written.

const NOW = Date.parse('2026-11-24T12:00:00Z');
let n = 0;

/** A port as the background sees it: what it was sent, whether it was closed. */
function fakePort() {
  const listeners: ((m: unknown) => void)[] = [];
  const port = {
    replies: [] as (ImportReply | ExportReply)[],
    disconnected: false,
    postMessage(m: ImportReply | ExportReply) {
      port.replies.push(m);
    },
    disconnect() {
      port.disconnected = true;
    },
    onMessage: { addListener: (f: (m: unknown) => void) => void listeners.push(f) },
    onDisconnect: { addListener: () => undefined },
    /** the options page sends a message */
    send(m: unknown) {
      for (const f of listeners) f(m);
    },
  };
  return port;
}

async function storeContext() {
  const db = await openHistoryDB(`transfer-limits-${n++}`);
  const store = createHistoryStore(async () => db, () => NOW);
  return { ctx: { store, now: () => NOW } as unknown as BackgroundContext, store };
}

/** Open the import port on a fresh store. */
async function importing() {
  const { ctx, store } = await storeContext();
  const port = fakePort();
  ports![IMPORT_PORT]!(port as any, ctx);
  const result = () => port.replies.find((r): r is Extract<ImportReply, { type: 'result' }> => r.type === 'result')?.result;
  const reading = () => port.replies.filter((r): r is Extract<ImportReply, { type: 'reading' }> => r.type === 'reading').at(-1)?.chars;
  return { port, store, result, reading };
}

const file = (models: unknown[]) => JSON.stringify({ format: 'hub-lens-history', version: 1, exportedAt: new Date(NOW).toISOString(), models });
const oneModel = file([
  { id: 'invented-org/limits', snapshots: [{ t: new Date(NOW).toISOString(), likes: 5, downloads: 9, downloadsAllTime: null, trendingScore: null }] },
]);

describe('an import piece (PIECE_CHARS)', () => {
  it('is read at the limit and below: a file of full pieces and a shorter last one imports whole', async () => {
    const { port, store, result } = await importing();
    // Valid JSON padded with whitespace to two full pieces and one character more.
    const text = oneModel + ' '.repeat(2 * PIECE_CHARS + 1 - oneModel.length);
    for (let i = 0; i < text.length; i += PIECE_CHARS) port.send({ type: 'piece', text: text.slice(i, i + PIECE_CHARS) });
    port.send({ type: 'end' });
    await vi.waitFor(() => expect(result()).toBeDefined());
    expect(result()).toMatchObject({ ok: true, models: 1, added: 1 });
    expect((await store.history('invented-org/limits'))?.snapshots.map((s) => s.likes)).toEqual([5]);
    expect(port.disconnected).toBe(false);
  });

  it('is refused one character past the limit, with the reason, and nothing is imported', async () => {
    const { port, store, result } = await importing();
    port.send({ type: 'piece', text: oneModel + ' '.repeat(PIECE_CHARS + 1 - oneModel.length) });
    expect(result()).toEqual({ ok: false, error: `the import was interrupted (a piece over ${PIECE_CHARS.toLocaleString('en')} characters): nothing was imported` });
    expect(port.disconnected).toBe(true);
    port.send({ type: 'end' }); // a sender that goes on is not heard
    expect(await store.history('invented-org/limits')).toBeNull();
    expect((await store.stats()).models).toBe(0);
  });
});

describe('a whole import (MAX_IMPORT_CHARS)', () => {
  // Full pieces (one string, sent again and again: no memory grows here) up to `total` characters.
  const sendUpTo = (port: ReturnType<typeof fakePort>, total: number, from = 0) => {
    const full = ' '.repeat(PIECE_CHARS);
    let sent = from;
    while (sent < total) {
      const size = Math.min(PIECE_CHARS, total - sent);
      port.send({ type: 'piece', text: size === PIECE_CHARS ? full : full.slice(0, size) });
      sent += size;
    }
  };

  it('is read up to the limit, and refused one character past it with a clear message', async () => {
    const { port, result, reading } = await importing();
    sendUpTo(port, MAX_IMPORT_CHARS - 1);
    expect(reading()).toBe(MAX_IMPORT_CHARS - 1);
    port.send({ type: 'piece', text: ' ' });
    expect(reading()).toBe(MAX_IMPORT_CHARS);
    expect(result()).toBeUndefined();
    expect(port.disconnected).toBe(false);

    port.send({ type: 'piece', text: ' ' });
    expect(result()).toMatchObject({ ok: false, error: expect.stringMatching(/^the file is too large to import/) });
    expect(port.disconnected).toBe(true);
    expect(reading()).toBe(MAX_IMPORT_CHARS); // not one character more was kept
  });

  it('refuses a single piece that takes it past the limit', async () => {
    const { port, result } = await importing();
    sendUpTo(port, MAX_IMPORT_CHARS - 10);
    port.send({ type: 'piece', text: ' '.repeat(11) });
    expect(result()).toMatchObject({ ok: false, error: expect.stringMatching(/too large/) });
  });
});

describe('an export', () => {
  it('arrives in pieces of PIECE_CHARS (the last shorter) that join into the whole file', async () => {
    // One invented model with enough snapshots to fill more than two pieces.
    const snapshots = Array.from({ length: 150_000 }, (_, i) => ({ t: NOW - i * 60_000, likes: 1_000_000 + i, downloads: 5_000_000 + i, downloadsAllTime: null, trendingScore: null }));
    const model = { id: 'invented-org/long-history', snapshots: snapshots.reverse() } as unknown as ModelHistory;
    const ctx = { store: { async *all() { yield model; } }, now: () => NOW } as unknown as BackgroundContext;
    const port = fakePort();
    ports![EXPORT_PORT]!(port as any, ctx);
    port.send({ kind: 'json' });
    await vi.waitFor(() => expect(port.replies.at(-1)?.type).toBe('end'), { timeout: 20_000 });
    const pieces = port.replies.flatMap((r) => (r.type === 'piece' ? [r.text] : []));
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces.slice(0, -1)) expect(p.length).toBe(PIECE_CHARS);
    expect(pieces.at(-1)!.length).toBeLessThanOrEqual(PIECE_CHARS);
    const parsed = parseHistoryFile(pieces.join(''));
    expect(parsed.ok && parsed.file.models[0]?.snapshots).toHaveLength(150_000);
    expect(port.replies.at(-1)).toEqual({ type: 'end', models: 1, skipped: 0 });
  });
});
