import type { PageContext } from './page-context';

/**
 * Resolve with `find()`'s first non-null answer as the DOM changes, or null after `timeoutMs`
 * or when the content script is invalidated.
 */
export function waitFor<T>(ctx: PageContext, find: () => T | null, timeoutMs = 10_000): Promise<T | null> {
  const now = find();
  if (now !== null) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = (value: T | null) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(value);
    };
    const observer = new MutationObserver(() => {
      const found = find();
      if (found !== null) done(found);
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-props'] });
    const timer = setTimeout(() => done(null), timeoutMs);
    ctx.onInvalidated(() => done(null));
  });
}
