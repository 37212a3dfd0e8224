// `npm test`: every test, unit and browser (in Chromium, and in Firefox too for tests/browser/both/),
// then one line `N passed, N failed` (`, N skipped` when tests were skipped: those that need the real
// Hub data where it is absent, see tests/real-data.ts, and the Firefox ones where no Firefox is found).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';
import { FIREFOX_HELP, findFirefox } from './firefox.mjs';

const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

const chromium = await ensureChromium();
// The tests in tests/browser/both/ run in Chromium and in Firefox (HUB_LENS_BROWSER=chromium or
// firefox: one of them). Without a Firefox their Firefox half is skipped and named at the end; with
// HUB_LENS_REQUIRE_FIREFOX=1 (CI) it fails instead.
const firefoxMissing = process.env.HUB_LENS_BROWSER !== 'chromium' && !findFirefox();
if (firefoxMissing && process.env.HUB_LENS_REQUIRE_FIREFOX === '1') console.error(`HUB_LENS_REQUIRE_FIREFOX=1: ${FIREFOX_HELP}`);
// Each target once: both packages (the browser tests load them, Firefox's is linted too), and a
// test build of Chrome's whose features can be made to throw, to prove that each fails alone.
const builds = [
  () => run('npx', ['wxt', 'build']),
  () => run('npx', ['wxt', 'build', '-b', 'firefox']),
  () => run('npx', ['wxt', 'build', '--mode', 'fault'], { WXT_FAULT: '1' }),
];
if (builds.some((build) => build() !== 0)) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
mkdirSync('tests/artifacts', { recursive: true });
const report = 'tests/artifacts/vitest-report.json';
const status = run(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { HUB_LENS_CHROMIUM: chromium },
);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  if (status !== 0 && failed === 0) failed = 1; // a suite that failed to load counts
} catch {
  failed = Math.max(failed, 1);
}
if (firefoxMissing && process.env.HUB_LENS_REQUIRE_FIREFOX !== '1') console.log(`skipped: the Firefox half of tests/browser/both/. ${FIREFOX_HELP}`);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
