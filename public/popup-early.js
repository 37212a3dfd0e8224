// Asks the background for the popup's first rows as soon as the popup's page starts to parse,
// while the popup's own code is still loading, and keeps the answer where Popup.tsx finds it
// when that code runs (lib/features/watch). The count is FIRST_ROWS of row-order.ts (a test checks).
(() => {
  performance.mark('hub-lens:rows-asked'); // user timing, read by the benchmark
  const early = { asked: chrome.runtime.sendMessage({ type: 'watchlist/top', input: { count: 24 } }) };
  early.asked.then(
    (answer) => {
      performance.mark('hub-lens:rows-arrived');
      early.answer = answer ?? null;
    },
    () => (early.answer = null),
  );
  globalThis.hubLensFirstRows = early;
})();
