import { useEffect, useState } from 'preact/hooks';
import { formatExact } from '@/components/format';
import { historyCsvParts, historyJsonParts } from '@/lib/export';
import { IMPORT_PORT, importProgressSchema, statsResponseSchema, type ImportResult } from '@/lib/messages';
import { allHistories, openHistoryDB } from '@/lib/store/history-db';

type Stats = { models: number; snapshots: number; watched: number; bytes?: number };

async function loadStats(): Promise<Stats | null> {
  const parsed = statsResponseSchema.safeParse(await browser.runtime.sendMessage({ type: 'history/stats' }));
  if (!parsed.success) return null;
  const estimate = await navigator.storage.estimate().catch(() => undefined);
  return { ...parsed.data, bytes: estimate?.usage };
}

/** Build the file part by part (the browser may keep big blobs on disk), then download it. */
async function download(parts: AsyncIterable<string>, name: string, type: string) {
  let blob = new Blob([], { type });
  let pending: string[] = [];
  for await (const part of parts) {
    pending.push(part);
    if (pending.length >= 200) [blob, pending] = [new Blob([blob, ...pending], { type }), []];
  }
  blob = new Blob([blob, ...pending], { type });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

const today = () => new Date().toISOString().slice(0, 10);

function importFile(text: string, onProgress: (done: number, total: number) => void): Promise<ImportResult> {
  return new Promise((resolve) => {
    const port = browser.runtime.connect({ name: IMPORT_PORT });
    port.onMessage.addListener((message: unknown) => {
      const parsed = importProgressSchema.safeParse(message);
      if (!parsed.success) return;
      if (parsed.data.type === 'progress') onProgress(parsed.data.done, parsed.data.total);
      else {
        resolve(parsed.data.result);
        port.disconnect();
      }
    });
    port.onDisconnect.addListener(() => resolve({ ok: false, error: 'The background stopped before the import finished: nothing was imported.' }));
    port.postMessage({ text });
  });
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
    setBusy(`Exporting ${kind.toUpperCase()}…`);
    try {
      const db = await openHistoryDB();
      const models = allHistories(db);
      if (kind === 'json') await download(historyJsonParts(models, new Date(), 'Hub Lens export'), `hub-lens-history-${today()}.json`, 'application/json');
      else await download(historyCsvParts(models), `hub-lens-history-${today()}.csv`, 'text/csv');
      db.close();
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
    const result = await importFile(await file.text(), (done, total) => setProgress([done, total]));
    setBusy(null);
    setProgress(null);
    setMessage(
      result.ok
        ? { ok: true, text: `${formatExact(result.models)} models, ${formatExact(result.added)} snapshots added, ${formatExact(result.present)} already present${result.changed ? `, ${formatExact(result.changed)} updated` : ''}.` }
        : { ok: false, text: `Not imported: ${result.error}` },
    );
    refresh();
  }

  async function clear() {
    await browser.runtime.sendMessage({ type: 'history/clear' });
    setConfirmClear(false);
    setMessage({ ok: true, text: 'History cleared.' });
    refresh();
  }

  return (
    <section aria-labelledby="history-h">
      <h2 id="history-h">History</h2>
      <p class="stats" data-stats>
        {stats
          ? `${formatExact(stats.models)} models, ${formatExact(stats.snapshots)} snapshots, ${stats.watched} watched${stats.bytes !== undefined ? ` · ${(stats.bytes / 1e6).toFixed(1)} MB used` : ''}`
          : 'Reading…'}
      </p>
      <div class="row">
        <button type="button" disabled={!!busy} onClick={() => exportAs('json')}>Export JSON</button>
        <button type="button" disabled={!!busy} onClick={() => exportAs('csv')}>Export CSV</button>
        <label class={`button${busy ? ' disabled' : ''}`}>
          Import history…
          <input type="file" accept=".json,application/json" disabled={!!busy} onChange={onImport} hidden />
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
            <span>Delete every snapshot of {stats ? formatExact(stats.models) : 'all'} models? This cannot be undone.</span>
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
