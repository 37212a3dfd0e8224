import { useEffect, useState } from 'preact/hooks';
import type { Envelope } from '../protocol';
import { send } from '../send';
import type { WatchRow } from './summary';
import { WatchTable } from './WatchTable';

/** The ask that popup-early.js started while this code loaded (else a new one). */
function askRows(): Promise<WatchRow[] | null> {
  const early = (globalThis as { hubLensWatchRows?: Promise<Envelope | undefined> }).hubLensWatchRows;
  if (!early) return send('watchlist/get', undefined);
  return early.then(
    (answer) => (answer?.ok ? (answer.value as WatchRow[]) : null),
    () => null,
  );
}

/** The toolbar popup: the watch list, read from the rows kept up to date as snapshots arrive. */
export function Popup() {
  const [rows, setRows] = useState<WatchRow[] | null | undefined>(undefined);
  // Asked during the first render: an effect would wait for a frame to be painted first.
  const [asked] = useState(askRows);
  useEffect(() => {
    void asked.then((r) => {
      performance.mark('hub-lens:rows-loaded'); // user timing, read by the benchmark
      setRows(r);
    });
  }, [asked]);
  useEffect(() => {
    if (rows === undefined) return;
    if (rows?.length) performance.mark('hub-lens:rows-rendered');
    // Opening the popup is seeing its warnings: the toolbar count starts again from zero. Asked
    // once the rows are on screen: it reads every row too, and alongside it slowed them down.
    void send('watchlist/seen', undefined);
  }, [rows]);

  return (
    <main>
      <header>
        <h1>Hub Lens</h1>
        <a href="/options.html" target="_blank" class="settings">
          Settings &amp; history
        </a>
      </header>
      {rows === undefined ? (
        <p class="muted">Loading…</p>
      ) : rows === null ? (
        <p class="muted">The history could not be read. Try reopening the popup.</p>
      ) : rows.length === 0 ? (
        <div class="empty">
          <p>
            <strong>No watched models yet.</strong>
          </p>
          <p>
            Open a model on <a href="https://huggingface.co/models" target="_blank" rel="noreferrer">huggingface.co</a> and
            press <em>☆ Watch</em> in the Hub Lens panel under its header. Watched models are recorded every hour, even
            when you do not visit them, and listed here with their likes per day and any warnings.
          </p>
        </div>
      ) : (
        <WatchTable rows={rows} />
      )}
    </main>
  );
}
