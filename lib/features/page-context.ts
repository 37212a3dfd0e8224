// The content script's life on one page: whether the extension is still there (after an update
// or an uninstall, a script already running is cut off from it and must stop), and every
// same-document move. WXT's content-script context does this and more for ~1 KB gzip, a
// fifteenth of the content script's budget; these are the few lines Hub Lens uses.

export interface PageContext {
  /** aborted once the extension is gone */
  readonly signal: AbortSignal;
  /** checks again: is the extension gone? */
  readonly isInvalid: boolean;
  onInvalidated(cb: () => void): void;
  /** a timeout that does not fire once the extension is gone */
  setTimeout(cb: () => void, ms: number): void;
}

/** Starts watching the page; `onMove` hears each same-document move, with the URL it goes to. */
export function startPageContext(onMove: (url: URL) => void): PageContext {
  const controller = new AbortController();
  const { signal } = controller;
  const gone = () => {
    if (!browser.runtime?.id) controller.abort();
    return signal.aborted;
  };
  let last = location.href;
  const moved = (href: string) => {
    if (href === last || gone()) return;
    last = href;
    onMove(new URL(href));
  };
  // The Navigation API tells a move before `location` changes; elsewhere, look once a second.
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (navigation?.addEventListener) {
    navigation.addEventListener('navigate', (e) => moved((e as Event & { destination: { url: string } }).destination.url), { signal });
  } else {
    const timer = setInterval(() => moved(location.href), 1000);
    signal.addEventListener('abort', () => clearInterval(timer));
  }
  return {
    signal,
    get isInvalid() {
      return gone();
    },
    onInvalidated: (cb) => signal.addEventListener('abort', cb),
    setTimeout(cb, ms) {
      const timer = setTimeout(() => gone() || cb(), ms);
      signal.addEventListener('abort', () => clearTimeout(timer));
    },
  };
}
