import type { OptionsPart } from '@/lib/features/page-parts';
import { useEffect, useState } from 'preact/hooks';
import { countOf, formatDateTime, formatExact } from '@/components/format';
import type { Output } from '@/lib/features/protocol';
import { send } from '@/lib/features/send';
import { EXPORT_PORT, IMPORT_PORT, PIECE_CHARS, type ExportReply, type ImportReply, type ImportResult } from './transfer';

type Stats = NonNullable<Output<'history/stats'>> & { bytes?: number };

async function loadStats(): Promise<Stats | null> {
  const answer = await send('history/stats', undefined);
  if (!answer.ok) return null;
  const stats = answer.value;
  const estimate = await navigator.storage.estimate().catch(() => undefined);
  return { ...stats, bytes: estimate?.usage };
}

const today = () => new Date().toISOString().slice(0, 10);

/** The export arrives from the background in pieces; the browser may keep a big blob on disk. */
function exportFile(kind: 'json' | 'csv'): Promise<{ blob: Blob; models: number; skipped: number }> {
  return new Promise((resolve, reject) => {
    const port = browser.runtime.connect({ name: EXPORT_PORT });
    const type = kind === 'json' ? 'application/json' : 'text/csv';
    let blob = new Blob([], { type });
    let pending: string[] = [];
    let done = false;
    port.onMessage.addListener((m: ExportReply) => {
      if (m.type === 'piece') {
        pending.push(m.text);
        if (pending.length >= 8) [blob, pending] = [new Blob([blob, ...pending], { type }), []];
      } else {
        done = true;
        port.disconnect();
        if (m.type === 'end') resolve({ blob: new Blob([blob, ...pending], { type }), models: m.models, skipped: m.skipped });
        else reject(new Error(m.error));
      }
    });
    port.onDisconnect.addListener(() => done || reject(new Error('the background stopped before the export finished')));
    port.postMessage({ kind });
  });
}

/** The file goes to the background in pieces (one message may not exceed 64 MiB), then is validated whole there. */
async function importFile(file: File, onReply: (m: ImportReply) => void): Promise<ImportResult> {
  const port = browser.runtime.connect({ name: IMPORT_PORT });
  const result = new Promise<ImportResult>((resolve) => {
    port.onMessage.addListener((m: ImportReply) => (m.type === 'result' ? resolve(m.result) : onReply(m)));
    port.onDisconnect.addListener(() => resolve({ ok: false, error: 'The background stopped before the import finished: nothing was imported.' }));
  });
  try {
    const text = await file.text();
    for (let i = 0; i < text.length; i += PIECE_CHARS) port.postMessage({ type: 'piece', text: text.slice(i, i + PIECE_CHARS) });
    port.postMessage({ type: 'end' });
    return await result;
  } catch (error) {
    return { ok: false, error: `the file could not be read: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    port.disconnect();
  }
}

/** What an import did, and what it left out (models damaged in the store, watches past the cap). */
function importedMessage(r: Extract<ImportResult, { ok: true }>): { ok: boolean; text: string } {
  let text = `${countOf(r.models, 'model')}, ${countOf(r.added, 'snapshot')} added, ${formatExact(r.present)} already present${r.changed ? `, ${formatExact(r.changed)} updated` : ''}.`;
  if (r.unwatched) text += ` ${countOf(r.unwatched, 'model')} the file marks watched ${r.unwatched === 1 ? 'was' : 'were'} left unwatched: the watch list is full (${formatExact(r.watchCap)} models at most).`;
  if (r.damaged.length) {
    const named = r.damaged.slice(0, 3).join(', ') + (r.damaged.length > 3 ? ` and ${formatExact(r.damaged.length - 3)} more` : '');
    text += ` Not imported: ${named}, whose stored history cannot be read (drop the damaged data below, then import again).`;
  }
  return { ok: !r.unwatched && r.damaged.length === 0, text };
}

function save(blob: Blob, name: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

export function HistorySection() {
  const [stats, setStats] = useState<Stats | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<[number, number] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const refresh = () => void loadStats().then(setStats);
  useEffect(refresh, []);

  async function exportAs(kind: 'json' | 'csv') {
    setMessage(null);
    setBusy(`Exporting ${kind.toUpperCase()}…`);
    try {
      const { blob, models, skipped } = await exportFile(kind);
      save(blob, `hub-lens-history-${today()}.${kind}`);
      if (skipped) setMessage({ ok: false, text: `Exported ${countOf(models, 'model')}; ${formatExact(skipped)} could not be read and were left out (see above).` });
    } catch (error) {
      setMessage({ ok: false, text: `Not exported: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(null);
    }
  }

  async function onImport(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setMessage(null);
    setBusy(`Reading ${file.name}…`);
    setProgress([0, 1]);
    try {
      const result = await importFile(file, (m) => {
        if (m.type === 'progress') {
          setBusy(`Importing ${file.name}…`);
          setProgress([m.done, m.total]);
        }
      });
      setMessage(result.ok ? importedMessage(result) : { ok: false, text: `Not imported: ${result.error}` });
    } finally {
      setBusy(null);
      setProgress(null);
      refresh();
    }
  }

  async function dropDamaged() {
    setMessage(null);
    const dropped = await send('history/drop-damaged', undefined);
    setMessage(
      dropped.ok
        ? { ok: true, text: `Dropped the unreadable parts of ${countOf(dropped.value.models, 'model')}; everything readable was kept.` }
        : { ok: false, text: `The unreadable parts could not be dropped: ${dropped.error}.` },
    );
    refresh();
  }

  async function clear() {
    const done = await send('history/clear', undefined);
    setConfirmClear(false);
    setMessage(done.ok ? { ok: true, text: 'History cleared.' } : { ok: false, text: `The history could not be cleared: ${done.error}.` });
    refresh();
  }

  return (
    <section aria-labelledby="history-h">
      <h2 id="history-h">History</h2>
      <p class="stats" data-stats>
        {stats
          ? `${countOf(stats.models, 'model')}, ${countOf(stats.snapshots, 'snapshot')}, ${formatExact(stats.watched)} watched${stats.bytes !== undefined ? ` · ${(stats.bytes / 1e6).toFixed(1)} MB used` : ''}`
          : 'Reading…'}
      </p>
      {stats?.writeFailure && (
        <p class="error" role="alert" data-write-failure>
          The last write to the history failed ({formatDateTime(stats.writeFailure.at)}): {stats.writeFailure.message}. New snapshots are
          not being kept until there is room again.
        </p>
      )}
      {!!stats?.damaged && (
        <p class="error row" data-damaged>
          {countOf(stats.damaged, 'model')} could not be read: the rest of the history is
          unaffected, and exports leave them out.
          <button type="button" disabled={!!busy} onClick={dropDamaged}>Drop the unreadable parts</button>
        </p>
      )}
      <div class="row">
        <button type="button" disabled={!!busy} onClick={() => exportAs('json')}>Export JSON</button>
        <button type="button" disabled={!!busy} onClick={() => exportAs('csv')}>Export CSV</button>
        <label class={`button${busy ? ' disabled' : ''}`}>
          Import history…
          <input type="file" class="file-input" accept=".json,application/json" disabled={!!busy} onChange={onImport} />
        </label>
      </div>
      {busy && <p class="muted">{busy}</p>}
      {progress && <progress max={progress[1]} value={progress[0]} aria-label="Import progress" />}
      {message && (
        <p class={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'} data-import-message>
          {message.text}
        </p>
      )}
      <div class="row danger">
        {confirmClear ? (
          <>
            <span>Delete every snapshot of {stats ? countOf(stats.models, 'model') : 'all models'}? This cannot be undone.</span>
            <button type="button" class="destructive" onClick={clear}>Clear history</button>
            <button type="button" onClick={() => setConfirmClear(false)}>Cancel</button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirmClear(true)}>Clear history…</button>
        )}
      </div>
    </section>
  );
}

export const options: OptionsPart = { order: -1, View: HistorySection };
