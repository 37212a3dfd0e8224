// Fetches the popup's first rows as soon as the popup's page starts to parse, while the popup's
// own code is still loading, and keeps the answer where popup.tsx finds it when that code runs
// (lib/features/watch). They are read from session storage, where the background keeps them
// (FIRST_SCREEN_KEY) and where they need no worker awake; if they are not there, the background
// is asked for them. The key and the count (FIRST_ROWS of row-order.ts) are checked by a test.
(() => {
  performance.mark('hub-lens:rows-asked'); // user timing, read by the benchmark
  const ask = () => chrome.runtime.sendMessage({ type: 'watchlist/top', input: { count: 17 } });
  const key = 'watch-first-screen';
  const session = chrome.storage && chrome.storage.session;
  const early = {
    asked: session ? session.get(key).then((kept) => (kept[key] ? { ok: true, value: kept[key] } : ask()), ask) : ask(),
  };
  early.asked.then(
    (answer) => {
      performance.mark('hub-lens:rows-arrived');
      early.answer = answer ?? null;
    },
    () => (early.answer = null),
  );
  globalThis.hubLensFirstRows = early;
})();
