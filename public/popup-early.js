// Asks the background for the watch list as soon as the popup's page is parsed, while the
// popup's own code is still loading; Popup.tsx takes the answer (lib/features/watch).
globalThis.hubLensWatchRows = chrome.runtime.sendMessage({ type: 'watchlist/get' });
