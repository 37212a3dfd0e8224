// Once per test run: collects which real data the skipped tests needed, and names each missing
// item once, after the summary (tests/real-data.ts).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingLine, REAL_DATA, realDataDir, realDataRequired, type RealData } from './real-data';

export default function setup() {
  if (realDataRequired()) {
    const missing = (Object.keys(REAL_DATA) as RealData[]).filter((item) => !existsSync(path.join(realDataDir(), item)));
    for (const item of missing) console.error(`HUB_LENS_REQUIRE_REAL_DATA=1: ${missingLine(item).replace(/^skipped: /, '')}; the tests that need it fail`);
    return;
  }
  const log = mkdtempSync(path.join(tmpdir(), 'hub-lens-skipped-'));
  process.env.HUB_LENS_SKIPPED_LOG = log;
  return () => {
    for (const name of readdirSync(log).sort()) console.log(readFileSync(path.join(log, name), 'utf8'));
    rmSync(log, { recursive: true, force: true });
  };
}
