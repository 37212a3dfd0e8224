// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Envelope } from '@/lib/features/protocol';
import { Popup } from '@/lib/features/watch/popup';
import { FIRST_ROWS, FIRST_SCREEN_KEY, OVERSCAN, ROW_HEIGHT, topRows, VIEW_ROWS } from '@/lib/features/watch/row-order';
import type { WatchRow } from '@/lib/features/watch/summary';

// The popup's first screen and the whole list after it: invented rows, a fake background.

const row = (i: number): WatchRow => ({
  id: `invented-org/model-${String(i).padStart(2, '0')}`,
  likes: 100 + i,
  downloads: 1000,
  // A rate that is not the names' order, with a few unknown.
  likesPerDay24h: i % 7 === 3 ? null : (i * 37) % 61,
  likesPerDay7d: null,
  likesPerDay30d: null,
  estimated7d: false,
  spark: { from: 0, minutes: [0, 60], likes: [1, 1] },
  severity: null,
  warnings: [],
  snapshots: 2,
  at: 0,
});
const ALL = Array.from({ length: 60 }, (_, i) => row(i));
const first = (rows: WatchRow[]) => ({ rows: topRows(rows, FIRST_ROWS), total: rows.length });
const ok = (value: unknown): Envelope => ({ ok: true, value });

type Early = { asked: Promise<Envelope | undefined>; answer?: Envelope | null };
const g = globalThis as { hubLensFirstRows?: Early };

let asked: { type: string; input: unknown }[];
let answers: Record<string, () => Envelope | Promise<Envelope>>;
let app: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  asked = [];
  answers = { 'watchlist/get': () => ok(ALL), 'watchlist/top': () => ok(first(ALL)), 'watchlist/seen': () => ok(true) };
  fakeBrowser.runtime.onMessage.addListener(((message: { type: string; input: unknown }) => {
    asked.push(message);
    return Promise.resolve(answers[message.type]!());
  }) as never);
  app = document.createElement('div');
  document.body.append(app);
});
afterEach(() => {
  render(null, app);
  app.remove();
  delete g.hubLensFirstRows;
});

const shownIds = () => [...app.querySelectorAll('tbody tr[data-model]')].map((tr) => tr.getAttribute('data-model'));
const spacerBelow = () => (app.querySelector('tbody tr[aria-hidden]:last-child') as HTMLElement | null)?.style.height;
const filter = () => app.querySelector('input[type="search"]') as HTMLInputElement;
const sortButton = (label: string) => [...app.querySelectorAll('thead button')].find((b) => b.textContent?.startsWith(label)) as HTMLButtonElement;
const until = (check: () => unknown) => expect.poll(check, { timeout: 2_000, interval: 5 });

describe('the popup', () => {
  it('renders first rows already answered in its first render, with the whole list’s height, and waits for the list to sort or filter', async () => {
    g.hubLensFirstRows = { asked: Promise.resolve(ok(first(ALL))), answer: ok(first(ALL)) };
    render(<Popup />, app);
    // No "Loading…" first: the rows are in the very first render, and nothing was asked yet.
    expect(app.textContent).not.toContain('Loading');
    expect(shownIds()).toEqual(topRows(ALL, FIRST_ROWS).map((r) => r.id));
    expect(spacerBelow()).toBe(`${(60 - FIRST_ROWS) * ROW_HEIGHT}px`);
    expect(filter().disabled).toBe(true);
    expect(filter().placeholder).toBe('Filter 60 watched models');
    expect(sortButton('Model').disabled).toBe(true);
    expect(asked).toEqual([]);

    // Once they are on screen: seen, then the whole list, which enables sorting and filtering.
    await until(() => filter().disabled).toBe(false);
    expect(asked.map((m) => m.type)).toEqual(['watchlist/seen', 'watchlist/get']);
    // The same top, now of the whole list, and the rows below the screen with it.
    expect(shownIds()).toEqual(topRows(ALL, VIEW_ROWS + OVERSCAN).map((r) => r.id));
    sortButton('Model').click();
    await until(shownIds).toEqual(ALL.slice(0, VIEW_ROWS + OVERSCAN).map((r) => r.id));
    filter().value = 'model-59';
    filter().dispatchEvent(new Event('input'));
    await until(shownIds).toEqual(['invented-org/model-59']);
  });

  it('shows "Loading…" until the early ask is answered, then the rows', async () => {
    let answer!: (e: Envelope) => void;
    const early: Early = { asked: new Promise((r) => (answer = r)) };
    g.hubLensFirstRows = early;
    answers['watchlist/get'] = () => new Promise(() => {}); // the whole list never comes: the first rows stay
    render(<Popup />, app);
    expect(app.textContent).toContain('Loading…');
    answer(ok(first(ALL)));
    await until(shownIds).toHaveLength(FIRST_ROWS);
    expect(app.textContent).not.toContain('Loading');
  });

  it('asks for the first rows itself without the early ask', async () => {
    answers['watchlist/get'] = () => new Promise(() => {}); // the whole list never comes: the first rows stay
    render(<Popup />, app);
    await until(shownIds).toHaveLength(FIRST_ROWS);
    expect(asked[0]).toEqual({ type: 'watchlist/top', input: { count: FIRST_ROWS } });
  });

  it('asks for nothing more when the first rows are the whole list', async () => {
    const few = ALL.slice(0, 10);
    g.hubLensFirstRows = { asked: Promise.resolve(ok(first(few))), answer: ok(first(few)) };
    render(<Popup />, app);
    expect(shownIds()).toHaveLength(10);
    expect(filter().disabled).toBe(false);
    await until(() => asked.map((m) => m.type)).toEqual(['watchlist/seen']);
    await new Promise((r) => setTimeout(r, 50));
    expect(asked.map((m) => m.type)).toEqual(['watchlist/seen']);
  });

  it('says so when nothing is watched', async () => {
    g.hubLensFirstRows = { asked: Promise.resolve(ok({ rows: [], total: 0 })), answer: ok({ rows: [], total: 0 }) };
    render(<Popup />, app);
    expect(app.textContent).toContain('No watched models yet.');
    await until(() => asked.map((m) => m.type)).toEqual(['watchlist/seen']);
  });

  it('says so when the first rows cannot be had, or the whole list', async () => {
    g.hubLensFirstRows = { asked: Promise.resolve({ ok: false, kind: 'gone', error: 'gone' }), answer: { ok: false, kind: 'gone', error: 'gone' } };
    render(<Popup />, app);
    expect(app.textContent).toContain('The history could not be read.');
    render(null, app);

    g.hubLensFirstRows = { asked: Promise.reject(new Error('no background')) };
    render(<Popup />, app);
    await until(() => app.textContent).toContain('The history could not be read.');
    render(null, app);

    g.hubLensFirstRows = { asked: Promise.resolve(ok(first(ALL))), answer: ok(first(ALL)) };
    answers['watchlist/get'] = () => ({ ok: false, kind: 'gone', error: 'gone' });
    render(<Popup />, app);
    expect(shownIds()).toHaveLength(FIRST_ROWS);
    await until(() => app.textContent).toContain('The history could not be read.');
  });
});

describe('popup-early.js', () => {
  const source = readFileSync('public/popup-early.js', 'utf8'); // the tests run from the project's root
  const screen = first(ALL);

  /** Runs the script with `session` as its session storage; what it answered and what it asked the background. */
  async function early(session?: { get: (key: string) => Promise<Record<string, unknown>> }) {
    const sent: unknown[] = [];
    const sendMessage = (message: unknown) => {
      sent.push(message);
      return Promise.resolve(ok(screen));
    };
    new Function('chrome', source)({ storage: session && { session }, runtime: { sendMessage } });
    const answer = await g.hubLensFirstRows!.asked;
    await Promise.resolve(); // its own reaction keeps the answer
    expect(g.hubLensFirstRows!.answer).toEqual(answer);
    return { answer, sent };
  }
  const ask = { type: 'watchlist/top', input: { count: FIRST_ROWS } };

  it('reads the first screen the background keeps, with no worker to wake', async () => {
    expect(await early({ get: async (key) => ({ [key]: screen }) })).toEqual({ answer: ok(screen), sent: [] });
  });

  it('asks the background when none is kept, when it cannot be read, and where there is no session storage', async () => {
    expect(await early({ get: async () => ({}) })).toEqual({ answer: ok(screen), sent: [ask] });
    expect(await early({ get: () => Promise.reject(new Error('Access to storage is not allowed from this context.')) })).toEqual({ answer: ok(screen), sent: [ask] });
    expect(await early(undefined)).toEqual({ answer: ok(screen), sent: [ask] });
  });

  it('reads the key the background keeps it under', async () => {
    const keys: string[] = [];
    await early({ get: async (key) => (keys.push(key), {}) });
    expect(keys).toEqual([FIRST_SCREEN_KEY]);
  });
});
