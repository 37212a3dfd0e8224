import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import background from '@/entrypoints/background';
import { BACKGROUND_PARTS } from '@/lib/features/background-parts';
import type { Envelope, Handler } from '@/lib/features/protocol';
import { FEATURE_NAMES } from '@/lib/features/registry';

// The background's own router, run over the fake browser, answers a content script in a
// huggingface.co tab only what its handlers open to it ("hub" in `from`). The list of what
// only the extension's pages may do is read from the handlers' declarations, so a new message
// or port is covered the day it is declared.

/** An event the fake browser lacks (ports, permissions), enough to add listeners and fire them. */
function event<F extends (...args: any[]) => any>() {
  const listeners: F[] = [];
  return {
    listeners,
    addListener: (f: F) => void listeners.push(f),
    removeListener: (f: F) => void listeners.splice(listeners.indexOf(f), 1),
    hasListener: (f: F) => listeners.includes(f),
    hasListeners: () => listeners.length > 0,
  };
}

const onConnect = event<(port: unknown) => void>();

const ID = fakeBrowser.runtime.id;
const HUB_TAB = { id: ID, url: 'https://huggingface.co/invented-org/invented-model', tab: { id: 7 } };
const OPTIONS_PAGE = { id: ID, url: fakeBrowser.runtime.getURL('/options.html') };

const handlers = FEATURE_NAMES.flatMap((feature) =>
  Object.entries(BACKGROUND_PARTS[feature]?.handlers ?? {}).map(([type, h]) => ({ type, h: h as Handler })),
);
const extensionOnly = handlers.filter(({ h }) => !h.from.includes('hub'));
const ports = FEATURE_NAMES.flatMap((feature) => Object.keys(BACKGROUND_PARTS[feature]?.ports ?? {}));

/** Inputs the handlers accept, so that the same message from an extension page gets as far as running. */
const VALID_INPUT: Record<string, unknown> = { 'watchlist/top': { count: 3 } };

/**
 * Send a message as the browser delivers it to the background. Resolves with the answer, or
 * with 'refused' when no listener took it (none returned true and none answered).
 */
async function send(type: string, sender: object): Promise<Envelope | 'refused'> {
  let answer!: (e: Envelope) => void;
  const answered = new Promise<Envelope>((resolve) => (answer = resolve));
  // The fake browser's trigger is typed without the real event's third argument, `sendResponse`.
  const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
  const taken = await trigger({ type, input: VALID_INPUT[type] }, sender, answer);
  if (!taken.includes(true)) return 'refused';
  return await answered;
}

function fakePort(name: string, sender: object) {
  return { name, sender, postMessage: vi.fn(), disconnect: vi.fn(), onMessage: event(), onDisconnect: event() };
}

beforeAll(() => {
  // What the fake browser does not implement, and the router and the features' start need.
  Object.assign(fakeBrowser.runtime, { onConnect });
  Object.assign(fakeBrowser, { permissions: { onAdded: event(), contains: async () => false } });
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  background.main();
});

afterAll(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('the router refuses a Hub tab what only the extension’s pages may do', () => {
  it('has such messages and ports to check (read from the declarations)', () => {
    expect(extensionOnly.map((x) => x.type)).toContain('history/clear');
    expect(ports.length).toBeGreaterThanOrEqual(2);
  });

  it.each(extensionOnly.map((x) => [x.type, x.h] as const))('%s: refused from a huggingface.co tab, runs from the options page', async (type, h) => {
    const run = vi.spyOn(h, 'run');
    try {
      expect(await send(type, HUB_TAB)).toBe('refused');
      expect(run).not.toHaveBeenCalled();
      // The same message from the extension's own page is answered: the refusal was the sender's.
      expect(await send(type, OPTIONS_PAGE)).toMatchObject({ ok: expect.any(Boolean) });
    } finally {
      run.mockRestore();
    }
  });

  it('still answers a Hub tab what is open to it (the fake tab is a real Hub sender)', async () => {
    const open = handlers.filter(({ h }) => h.from.includes('hub'));
    expect(open.length).toBeGreaterThan(0);
    for (const { type } of open) expect(await send(type, HUB_TAB), type).toMatchObject({ ok: expect.any(Boolean) });
  });

  it.each(ports)('port %s: disconnected at once from a huggingface.co tab, served to the options page', (name) => {
    const fromHub = fakePort(name, HUB_TAB);
    for (const listener of onConnect.listeners) listener(fromHub);
    expect(fromHub.disconnect).toHaveBeenCalled();
    expect(fromHub.onMessage.listeners).toHaveLength(0);

    const fromOptions = fakePort(name, OPTIONS_PAGE);
    for (const listener of onConnect.listeners) listener(fromOptions);
    expect(fromOptions.disconnect).not.toHaveBeenCalled();
    expect(fromOptions.onMessage.listeners.length).toBeGreaterThan(0);
  });
});
