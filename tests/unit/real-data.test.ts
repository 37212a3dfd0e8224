import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lacks, readReal } from '@/tests/real-data';

// Where the real data is found, what a test does without it, and that CI cannot skip it.
const saved = { ...process.env };
let dir: string;
let log: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hub-lens-real-'));
  log = mkdtempSync(path.join(tmpdir(), 'hub-lens-log-'));
  process.env.HUB_LENS_REAL_DATA = dir;
  process.env.HUB_LENS_SKIPPED_LOG = log;
  delete process.env.HUB_LENS_REQUIRE_REAL_DATA;
});
afterEach(() => {
  process.env = { ...saved };
  rmSync(dir, { recursive: true, force: true });
  rmSync(log, { recursive: true, force: true });
});

describe('real data', () => {
  it('is read from HUB_LENS_REAL_DATA where it is', () => {
    mkdirSync(path.join(dir, 'data/history'), { recursive: true });
    writeFileSync(path.join(dir, 'data/history/h.json'), '{"x":1}');
    expect(lacks('data/history')).toBe(false);
    expect(readReal('data/history', 'h.json')).toBe('{"x":1}');
    expect(readdirSync(log)).toEqual([]);
  });

  it('is skipped where absent, the reason noted once however many tests ask', () => {
    expect(lacks('fixtures/hub-api')).toBe(true);
    expect(lacks('fixtures/hub-api')).toBe(true);
    const notes = readdirSync(log);
    expect(notes).toHaveLength(1);
    const line = readFileSync(path.join(log, notes[0]!), 'utf8');
    expect(line).toMatch(/^skipped: needs .*fixtures\/hub-api .*RIMEL-UCA\/RIMEL-UCA\.github\.io @ .*26fe6600.*SOURCES\.md.*HUB_LENS_REAL_DATA/);
  });

  it('is never skipped when required (CI): the test runs and fails, naming what is missing', () => {
    process.env.HUB_LENS_REQUIRE_REAL_DATA = '1';
    expect(lacks('data/history')).toBe(false);
    expect(() => readReal('data/history', 'trending-2026-03-to-08.json')).toThrow(/missing real data: needs .*data\/history/);
    expect(readdirSync(log)).toEqual([]);
  });
});
