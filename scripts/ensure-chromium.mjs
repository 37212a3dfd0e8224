// Resolves the Chromium to use, installing Playwright's own where none is on the machine.
import { execFileSync } from 'node:child_process';
import { findChromium, playwrightChromium } from './chromium.mjs';

export async function ensureChromium() {
  const found = findChromium() ?? (await playwrightChromium());
  if (found) return found;
  try {
    execFileSync('npx', ['playwright-core', 'install', 'chromium'], { stdio: 'inherit' });
  } catch {
    // fall through to the message below
  }
  const installed = await playwrightChromium();
  if (installed) return installed;
  console.error(
    'No Chromium found: install one (Debian: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium executable.',
  );
  process.exit(1);
}
