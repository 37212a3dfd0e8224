import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '@/scripts/analyze';
import { inventedHistoryFile, inventedIds } from '@/tests/fixtures/invented-hub';
import { lacks, realPath } from '@/tests/real-data';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const REAL = ['trending-2026-03-to-08.json', 'top-likes-downloads-2026-08.json'].map((name) => realPath('data/history', name));
// Every model of the invented Hub, written to a file as an export would be.
const dir = mkdtempSync(path.join(tmpdir(), 'hub-lens-analyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const INVENTED = path.join(dir, 'invented-history.json');
writeFileSync(INVENTED, JSON.stringify(inventedHistoryFile(inventedIds(), Date.UTC(2026, 8, 14, 11))));
const DAY = 86_400_000;
const WINDOW_MS = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY } as const;

type RawSnapshot = { t: string; likes: number | null; downloads: number | null; downloadsAllTime: number | null; trendingScore: number | null };
type RawFile = { models: { id: string; snapshots: RawSnapshot[] }[] };
type Point = Omit<RawSnapshot, 't'> & { t: number };
type Rates = Record<keyof typeof WINDOW_MS, number | null>;
type ReportModel = { id: string; snapshots: number; latest: RawSnapshot | null; velocity: { likesPerDay: Rates; downloadsPerDay: Rates } };
type Report = { at: string | null; models: ReportModel[] };

// The report worked out again from the raw JSON, deliberately naively: Date.parse on the text,
// linear scans, the rules of report-v1.md read literally. Of equal times the later in the file
// wins, hence `>=`.
function naiveLatest(points: Point[], at: number): Point | undefined {
  let e: Point | undefined;
  for (const p of points) if (p.t <= at && (!e || p.t >= e.t)) e = p;
  return e;
}

function naiveRate(points: Point[], at: number, field: 'likes' | 'downloadsAllTime', w: number): number | null {
  const e = naiveLatest(points, at);
  if (!e) return null;
  const b = naiveLatest(points, e.t - w);
  if (!b || e.t - b.t > 2 * w) return null;
  const ve = e[field];
  const vb = b[field];
  if (ve === null || vb === null) return null;
  return ((ve - vb) * DAY) / (e.t - b.t);
}

function naiveReport(raw: RawFile, at?: number) {
  const ids = [...new Set(raw.models.map((m) => m.id))];
  const pointsOf = (id: string): Point[] =>
    raw.models.filter((m) => m.id === id).flatMap((m) => m.snapshots.map((s) => ({ ...s, t: Date.parse(s.t) })));
  const all = raw.models.flatMap((m) => m.snapshots.map((s) => Date.parse(s.t)));
  const when = at ?? Math.max(...all);
  return {
    at: new Date(when).toISOString(),
    models: ids.map((id) => {
      const points = pointsOf(id);
      const rates = (field: 'likes' | 'downloadsAllTime') =>
        Object.fromEntries(Object.entries(WINDOW_MS).map(([name, w]) => [name, naiveRate(points, when, field, w)])) as Rates;
      const latest = naiveLatest(points, when);
      return {
        id,
        snapshots: new Set(points.filter((p) => p.t <= when).map((p) => p.t)).size,
        latest: latest ? { ...latest, t: new Date(latest.t).toISOString() } : null,
        velocity: { likesPerDay: rates('likes'), downloadsPerDay: rates('downloadsAllTime') },
      };
    }),
  };
}

const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));

/** Compares the CLI's report with the naive one; counts the rates that were not null. */
function compare(actual: Report, expected: ReturnType<typeof naiveReport>): number {
  expect(actual.at).toBe(expected.at);
  expect(actual.models.map((m) => [m.id, m.snapshots, m.latest])).toEqual(expected.models.map((m) => [m.id, m.snapshots, m.latest]));
  let measured = 0;
  actual.models.forEach((m, i) => {
    for (const kind of ['likesPerDay', 'downloadsPerDay'] as const) {
      for (const w of Object.keys(WINDOW_MS) as (keyof typeof WINDOW_MS)[]) {
        const [a, b] = [m.velocity[kind][w], expected.models[i]!.velocity[kind][w]];
        if (!close(a, b)) throw new Error(`${m.id} ${kind} ${w}: CLI says ${a}, the definition says ${b}`);
        if (a !== null) measured++;
      }
    }
  });
  return measured;
}

function run(argv: string[], read?: (file: string) => string): Report {
  const out = main(argv, read);
  expect([out.code, out.stderr]).toEqual([0, '']);
  return JSON.parse(out.stdout) as Report;
}

const expectRefused = (out: { code: number; stdout: string; stderr: string }, what: RegExp) => {
  expect(out.code).toBe(2);
  expect(out.stdout).toBe('');
  expect(out.stderr).toMatch(/^analyze: [^\n]+\n$/);
  expect(out.stderr).toMatch(what);
};

/** The CLI's report of every model of a history file, at several times, against the definition. */
function checkFile(file: string) {
  const text = readFileSync(file, 'utf8');
  const raw = JSON.parse(text) as RawFile;
  const times = raw.models.flatMap((m) => m.snapshots.map((s) => Date.parse(s.t)));
  const [first, last] = [Math.min(...times), Math.max(...times)];
  let measured = compare(run([file]), naiveReport(raw));
  // Exactly on a snapshot (written as in the file, offset and all), between, before everything.
  const ats = [raw.models[0]!.snapshots[1]!.t, last - DAY, last - 7 * DAY + 1, (first + last) / 2, first - DAY];
  for (const at of ats) {
    const iso = typeof at === 'string' ? at : new Date(Math.floor(at)).toISOString();
    measured += compare(run([file, '--at', iso]), naiveReport(raw, Date.parse(iso)));
  }
  // The comparison means something: most models have rates.
  expect(measured).toBeGreaterThan(raw.models.length);
}

describe.skipIf(lacks('data/history'))('analyze CLI: velocity of every model of the real files, against the definition', () => {
  for (const file of REAL) it(path.basename(file), () => checkFile(file));
});

describe('analyze CLI: velocity against the definition', () => {
  it('every model of an invented file', () => checkFile(INVENTED));

  it('a generated history with all-time downloads, disorder, duplicate times and ids, and huge counters', () => {
    const t0 = Date.parse('2026-08-01T00:00:00Z');
    const counter = fc.oneof(fc.constant(null), fc.nat({ max: 2000 }), fc.constantFrom(0, Number.MAX_SAFE_INTEGER));
    const snapshot = fc.record({
      t: fc.integer({ min: 0, max: 24 * 70 }).map((h) => new Date(t0 + h * 3_600_000).toISOString()),
      likes: counter,
      downloads: counter,
      downloadsAllTime: counter,
      trendingScore: counter,
    });
    const model = fc.record({ id: fc.constantFrom('a/b', 'c/d', 'e/f'), snapshots: fc.array(snapshot, { maxLength: 80 }) });
    const at = fc.option(fc.integer({ min: 0, max: 24 * 72 }).map((h) => t0 + h * 3_600_000), { nil: undefined });
    fc.assert(
      fc.property(fc.array(model, { minLength: 1, maxLength: 4 }).filter((ms) => ms.some((m) => m.snapshots.length > 0)), at, (models, when) => {
        const text = JSON.stringify({ format: 'hub-lens-history', version: 1, exportedAt: new Date(t0).toISOString(), models });
        const argv = when === undefined ? ['generated.json'] : ['generated.json', '--at', new Date(when).toISOString()];
        compare(run(argv, () => text), naiveReport({ models }, when));
      }),
      { numRuns: 300 },
    );
  });
});

describe('analyze CLI: refusals', () => {
  const valid = INVENTED;
  const fake = (text: string) => () => text;
  const file = (models: unknown, version = 1) => JSON.stringify({ format: 'hub-lens-history', version, exportedAt: '2026-08-01T00:00:00Z', models });

  it('refuses bad arguments with exit status 2 and one line on stderr', () => {
    expectRefused(main([]), /missing history file/);
    expectRefused(main([valid, '--at']), /--at: missing time/);
    expectRefused(main([valid, '--at', 'yesterday']), /--at: expected an ISO 8601 time with Z or an offset, got "yesterday"/);
    expectRefused(main([valid, '--at', '2026-08-22T12:00:00']), /--at: expected an ISO 8601 time/);
    expectRefused(main([valid, '--verbose']), /unknown option "--verbose"/);
    expectRefused(main([valid, valid]), /one history file only/);
  });

  it('refuses unreadable and invalid files, saying what and where', () => {
    expectRefused(main([path.join(dir, 'missing.json')]), /missing\.json: cannot read: ENOENT/);
    expectRefused(main([dir]), /cannot read: EISDIR/);
    expectRefused(main(['x.json'], fake('{"format": "hub-lens-history",\n "vers')), /^analyze: x\.json: not valid JSON: /);
    expectRefused(main(['x.json'], fake(file([{ id: 'a/b', snapshots: [{ t: '2026-08-01T00:00:00Z', likes: -3, downloads: 0, downloadsAllTime: null, trendingScore: null }] }]))), /^analyze: x\.json: models\[0\]\.snapshots\[0\]\.likes: expected a non-negative integer or null\n$/);
    expectRefused(main(['x.json'], fake(file([], 2))), /x\.json: version: this file is version 2; this Hub Lens reads version 1/);
  });

  it('accepts --at=<time> and a file without snapshots', () => {
    expect(run([valid, '--at=2026-08-10T00:00:00+09:00']).at).toBe('2026-08-09T15:00:00.000Z');
    expect(run(['empty.json'], fake(file([])))).toEqual({ format: 'hub-lens-report', version: 1, at: null, models: [] });
  });
});

describe('analyze CLI: the real command', () => {
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');

  it('prints through npm run what main computes', () => {
    const argv = [INVENTED, '--at', '2026-09-13T00:00:00Z'];
    const r = spawnSync('npm', ['run', '-s', 'analyze', '--', ...argv], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(main(argv).stdout);
  }, 60_000);

  it('exits 2 with one line on stderr and nothing on stdout', () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'hub-lens-history', version: 1, exportedAt: 'yesterday', models: [] }));
    for (const argv of [[bad], [path.join(dir, 'none.json')], []]) {
      const r = spawnSync(tsx, ['scripts/analyze.ts', ...argv], { cwd: ROOT, encoding: 'utf8' });
      expectRefused({ code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }, /^analyze: /);
    }
  }, 60_000);
});
