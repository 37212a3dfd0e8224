// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startPageContext } from '@/lib/features/page-context';

// The content script's own context: moves within the page are heard, and once the extension is
// gone (updated or removed while the page stays open) the script stops instead of calling a
// background that no longer exists.

const goTo = (path: string) => history.pushState(null, '', path);

describe('the content script’s page context', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers();
    goTo('/invented-org/First-7B');
  });
  afterEach(() => {
    vi.useRealTimers();
    delete (globalThis as { navigation?: unknown }).navigation;
  });

  it('hears each same-document move once, looking once a second without the Navigation API', () => {
    const moves: string[] = [];
    startPageContext((url) => moves.push(url.pathname));
    goTo('/invented-org/Second-7B');
    vi.advanceTimersByTime(1000);
    vi.advanceTimersByTime(3000);
    goTo('/models');
    vi.advanceTimersByTime(1000);
    expect(moves).toEqual(['/invented-org/Second-7B', '/models']);
  });

  it('hears a move from the Navigation API before `location` changes', () => {
    const navigation = new EventTarget();
    (globalThis as { navigation?: unknown }).navigation = navigation;
    const moves: string[] = [];
    startPageContext((url) => moves.push(url.pathname));
    const navigate = (url: string) => navigation.dispatchEvent(Object.assign(new Event('navigate'), { destination: { url } }));
    navigate(`${location.origin}/invented-org/Second-7B`);
    navigate(`${location.origin}/invented-org/Second-7B`); // the same URL again: no move
    expect(moves).toEqual(['/invented-org/Second-7B']);
  });

  it('stops once the extension is gone: invalidated listeners run, no move and no timeout fires', () => {
    const moves: string[] = [];
    const ctx = startPageContext((url) => moves.push(url.pathname));
    const stopped = vi.fn();
    const timeout = vi.fn();
    ctx.onInvalidated(stopped);
    ctx.setTimeout(timeout, 500);
    expect(ctx.isInvalid).toBe(false);

    const runtime = browser.runtime as { id?: string };
    const id = runtime.id;
    runtime.id = undefined;
    try {
      goTo('/invented-org/Second-7B');
      vi.advanceTimersByTime(1000);
      expect(moves).toEqual([]);
      expect(stopped).toHaveBeenCalledOnce();
      expect(ctx.isInvalid).toBe(true);
      expect(ctx.signal.aborted).toBe(true);
      vi.advanceTimersByTime(5000);
      expect(timeout).not.toHaveBeenCalled();
    } finally {
      runtime.id = id;
    }
  });
});
