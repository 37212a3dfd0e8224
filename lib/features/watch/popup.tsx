import type { PopupPart } from '@/lib/features/page-parts';
import { useEffect, useState } from 'preact/hooks';
import type { Envelope, Output } from '@/lib/features/protocol';
import { everyPeriod, storedPollMinutes } from '@/lib/features/period';
import { SETTINGS_KEY } from '@/lib/settings-key';
import { send } from '@/lib/features/send';
import { FIRST_ROWS } from './row-order';
import type { WatchRow } from './summary';
import { WatchTable } from './WatchTable';

/** What public/popup-early.js leaves: its ask for the first rows, and the answer once it came. */
interface EarlyAsk {
  asked: Promise<Envelope | undefined>;
  answer?: Envelope | null;
}

type First = Output<'watchlist/top'>;
/** What the popup shows: the whole list, or its first rows while the rest is on its way. */
interface List {
  rows: readonly WatchRow[];
  total: number;
  whole: boolean;
}

const firstAnswer = (answer: Envelope | null | undefined): First | null => (answer?.ok ? (answer.value as First) : null);
const listOf = (first: First | null): List | null => first && { ...first, whole: first.rows.length >= first.total };

const earlyAsk = () => (globalThis as { hubLensFirstRows?: EarlyAsk }).hubLensFirstRows;

/**
 * How long the popup waits for its first rows before it shows "Loading…". The rows usually come
 * a few milliseconds after the popup's code runs; "Loading…" painted first would hold them back
 * by a frame, and make the popup change size under the pointer.
 */
export const LOADING_AFTER_MS = 50;

/** Resolves when the early ask is answered (or failed), or after `ms`: when to render the popup. */
export function firstRowsOrAfter(ms = LOADING_AFTER_MS): Promise<void> {
  const early = earlyAsk();
  if (!early || early.answer !== undefined) return Promise.resolve();
  return new Promise((resolve) => {
    setTimeout(resolve, ms);
    // Reactions run in order: popup-early.js has kept the answer by the time this one runs.
    early.asked.then(() => resolve(), () => resolve());
  });
}

/**
 * The first rows: already here when the early ask was answered before the first render (`now`),
 * else on their way (`later`: the early ask, or a new one without it).
 */
function firstRows(): { now: List | null } | { later: Promise<List | null> } {
  const early = earlyAsk();
  if (!early) return { later: send('watchlist/top', { count: FIRST_ROWS }).then((a) => listOf(firstAnswer(a))) };
  if (early.answer !== undefined) return { now: listOf(firstAnswer(early.answer)) };
  return { later: early.asked.then((a) => listOf(firstAnswer(a)), () => null) };
}

/** The polling period as the user set it ("every hour" until it is read). */
function Every() {
  const [minutes, setMinutes] = useState(60);
  // Only the period is read (the settings' module would bring the registry's words into the popup).
  useEffect(() => void browser.storage.local.get(SETTINGS_KEY).then((r) => setMinutes(storedPollMinutes(r[SETTINGS_KEY]) ?? 60), () => undefined), []);
  return <>{everyPeriod(minutes)}</>;
}

/** The toolbar popup: the watch list, read from the rows kept up to date as snapshots arrive. */
export function Popup() {
  // Read during the first render: rows already here are rendered at once, with no "Loading…" first.
  const [first] = useState(firstRows);
  const [list, setList] = useState<List | null | undefined>(() => {
    if (!('now' in first)) return undefined;
    performance.mark('hub-lens:rows-loaded'); // user timing, read by the benchmark
    return first.now;
  });
  useEffect(() => {
    if (!('later' in first)) return;
    void first.later.then((l) => {
      performance.mark('hub-lens:rows-loaded');
      setList(l);
    });
  }, [first]);

  // Effects run once the frame is painted: the first rows are on screen.
  const shown = list !== undefined;
  useEffect(() => {
    if (!shown) return;
    if (list?.rows.length) performance.mark('hub-lens:rows-rendered');
    // Opening the popup is seeing its warnings: the toolbar count starts again from zero. Asked
    // once the rows are on screen: it reads every row too, and alongside it slowed them down.
    void send('watchlist/seen', undefined);
    // Then the whole list (sorting, filtering, scrolling past the first rows), never competing with them.
    if (list && !list.whole) {
      void send('watchlist/get', undefined).then((a) => {
        setList(a.ok ? { rows: a.value, total: a.value.length, whole: true } : null);
      });
    }
  }, [shown]);
  useEffect(() => {
    if (list?.whole && list.rows.length) performance.mark('hub-lens:all-rows-rendered');
  }, [list?.whole]);

  return (
    <main>
      <header>
        <h1>Hub Lens</h1>
        <a href="/options.html" target="_blank" class="settings">
          Settings &amp; history
        </a>
      </header>
      {list === undefined ? (
        <p class="muted">Loading…</p>
      ) : list === null ? (
        <p class="muted">The history could not be read. Try reopening the popup.</p>
      ) : list.total === 0 ? (
        <div class="empty">
          <p>
            <strong>No watched models yet.</strong>
          </p>
          <p>
            Open a model on <a href="https://huggingface.co/models" target="_blank" rel="noreferrer">huggingface.co</a> and
            press <em>☆ Watch</em> in the Hub Lens panel under its header. Watched models are recorded <Every />, even
            when you do not visit them, and listed here with their likes per day and any warnings.
          </p>
        </div>
      ) : (
        <WatchTable rows={list.rows} total={list.total} whole={list.whole} />
      )}
    </main>
  );
}

export const popup: PopupPart = { View: Popup, ready: firstRowsOrAfter };
