// Finds a Firefox for the browser tests that run in both browsers (tests/browser/both/).
import { existsSync } from 'node:fs';

export const FIREFOX_HELP =
  'No Firefox found for the Firefox browser tests: install one (Debian: apt-get install -y firefox-esr; any Firefox 140 or later) or set FIREFOX_PATH to a Firefox executable. To run the Chromium tests only: HUB_LENS_BROWSER=chromium npm test.';

/** FIREFOX_PATH where it is set (and only it), else the system's Firefox ESR or release. */
export function findFirefox() {
  if (process.env.FIREFOX_PATH) return existsSync(process.env.FIREFOX_PATH) ? process.env.FIREFOX_PATH : null;
  const candidates = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr', '/usr/lib/firefox/firefox'];
  for (const path of candidates) if (path && existsSync(path)) return path;
  return null;
}
