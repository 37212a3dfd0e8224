import type { Browser } from 'wxt/browser';
import { formatExact } from '@/components/format';
import { historyCsvParts, historyJsonParts } from '@/lib/export';
import { parseHistoryFile } from '@/lib/history-format';
import { MAX_WATCHED } from '@/lib/history-store';
import { handler, type BackgroundContext, type BackgroundPart } from '@/lib/features/protocol';
import { nothing } from '@/lib/features/message-schemas';
import { EXPORT_PORT, IMPORT_PORT, PIECE_CHARS, type ExportReply, type ImportReply, type ImportResult } from './transfer';

/**
 * A whole import, read piece by piece and joined: this many characters at most. It must be able
 * to fire: V8's longest string is 2^29 - 24 characters, so a limit past it (the old 2^30) was
 * never reached; the join failed first, with no clear message.
 */
export const MAX_IMPORT_CHARS = 500 * 1024 * 1024;
/** Models in one import at most (a history of every list page seen for years holds far fewer). */
export const MAX_IMPORT_MODELS = 100_000;
const RETENTION_ALARM = 'compact-history';

export const handlers = {
  'history/stats': handler({
    from: ['extension'],
    input: nothing,
    async run(_, ctx) {
      return { ...(await ctx.store.stats()), writeFailure: ctx.store.writeFailure() };
    },
  }),
  /** Drop what cannot be read (the options page offers it when the stats count damaged models). */
  'history/drop-damaged': handler({
    from: ['extension'],
    input: nothing,
    run: (_, ctx) => ctx.store.dropDamaged(),
  }),
  'history/clear': handler({
    from: ['extension'],
    input: nothing,
    async run(_, ctx) {
      await ctx.store.clear();
      return true;
    },
  }),
} satisfies BackgroundPart['handlers'];

type Messages = typeof handlers;
declare module '@/lib/features/protocol' {
  interface Protocol extends Messages {}
}

/** Validated whole before anything is written, then written in one transaction: all or nothing. */
async function importText(ctx: BackgroundContext, text: string, post: (m: ImportReply) => void): Promise<ImportResult> {
  const parsed = parseHistoryFile(text, { now: ctx.now(), maxModels: MAX_IMPORT_MODELS });
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const models = parsed.file.models;
  try {
    const counts = await ctx.store.import(models, (done) => post({ type: 'progress', done, total: models.length }));
    return { ok: true, models: models.length - counts.damaged.length, ...counts, watchCap: MAX_WATCHED };
  } catch (error) {
    return { ok: false, error: `Nothing was imported: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function importPort(port: Browser.runtime.Port, ctx: BackgroundContext) {
  const pieces: string[] = [];
  let chars = 0;
  const post = (m: ImportReply) => port.postMessage(m);
  port.onMessage.addListener((message: unknown) => {
    const m = message as { type?: unknown; text?: unknown };
    if (m?.type === 'piece' && typeof m.text === 'string') {
      if (m.text.length > PIECE_CHARS) {
        post({ type: 'result', result: { ok: false, error: `the import was interrupted (a piece over ${formatExact(PIECE_CHARS)} characters): nothing was imported` } });
        return port.disconnect();
      }
      chars += m.text.length;
      if (chars > MAX_IMPORT_CHARS) {
        post({ type: 'result', result: { ok: false, error: `the file is too large to import: Hub Lens imports at most ${formatExact(MAX_IMPORT_CHARS)} characters at once (about ${MAX_IMPORT_CHARS / 1024 ** 2} MB); split it into smaller files.` } });
        return port.disconnect();
      }
      pieces.push(m.text);
      return post({ type: 'reading', chars });
    }
    if (m?.type === 'end') {
      const text = pieces.join('');
      pieces.length = 0;
      void importText(ctx, text, post).then(
        (result) => post({ type: 'result', result }),
        (error: unknown) => post({ type: 'result', result: { ok: false, error: String(error) } }),
      );
      return;
    }
    post({ type: 'result', result: { ok: false, error: 'the import was interrupted (an unexpected message)' } });
    port.disconnect();
  });
}

/** Streams the export to the options page in pieces of at most PIECE_CHARS. */
function exportPort(port: Browser.runtime.Port, ctx: BackgroundContext) {
  let gone = false;
  port.onDisconnect.addListener(() => (gone = true));
  port.onMessage.addListener(async (message: unknown) => {
    const kind = (message as { kind?: unknown })?.kind;
    if (kind !== 'json' && kind !== 'csv') return;
    const post = (m: ExportReply) => port.postMessage(m);
    try {
      const skipped = { count: 0 };
      let models = 0;
      async function* counted() {
        for await (const m of ctx.store.all(skipped)) {
          models++;
          yield m;
        }
      }
      const parts = kind === 'json' ? historyJsonParts(counted(), new Date(ctx.now()), 'Hub Lens export') : historyCsvParts(counted());
      let buffer = '';
      for await (const part of parts) {
        if (gone) return;
        buffer += part;
        while (buffer.length >= PIECE_CHARS) {
          post({ type: 'piece', text: buffer.slice(0, PIECE_CHARS) });
          buffer = buffer.slice(PIECE_CHARS);
        }
      }
      if (buffer) post({ type: 'piece', text: buffer });
      post({ type: 'end', models, skipped: skipped.count });
    } catch (error) {
      if (!gone) post({ type: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  });
}

export const ports: BackgroundPart['ports'] = { [IMPORT_PORT]: importPort, [EXPORT_PORT]: exportPort };

export const alarms: BackgroundPart['alarms'] = {
  // Retention runs daily, one model per transaction, off any page's path.
  [RETENTION_ALARM]: { periodInMinutes: 24 * 60, run: async (ctx) => void (await ctx.store.compactAll()) },
};
