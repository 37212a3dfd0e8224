import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohortFrom, detectAnomalies, type AnomalyOptions } from '@/lib/anomalies';
import { HOUR_MS, WARNING_KINDS, type ModelHistory, type Snapshot, type Warning } from '@/lib/types';

// Whatever the history (out of order, duplicated, null, negative, NaN, huge, empty), the detectors
// neither throw nor put NaN or Infinity anywhere, and the measurability rules always hold.

const T0 = Date.UTC(2026, 0, 1);
const KINDS = new Set<string>(WARNING_KINDS);
const ZERO_KINDS = new Set(['zero-downloads-trending', 'likes-without-downloads']);

const odd = fc.constantFrom(NaN, Infinity, -Infinity, -1, 0.5, Number.MAX_SAFE_INTEGER, 1e308, -0);
const counter = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 5_000 }) },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }) },
  { weight: 1, arbitrary: odd },
);
const time = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: T0 - 90 * 24 * HOUR_MS, max: T0 }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0) },
);
const anySnapshot: fc.Arbitrary<Snapshot> = fc.record({
  t: time,
  likes: counter,
  downloads: counter,
  downloadsAllTime: counter,
  trendingScore: counter,
});

/** Plausible histories too: counters that mostly rise, sampled at random gaps, with bursts and falls. */
const walk: fc.Arbitrary<Snapshot[]> = fc
  .array(
    fc.record({
      gapH: fc.oneof(fc.constant(1), fc.constant(12), fc.constant(24), fc.double({ min: 0.1, max: 96, noNaN: true })),
      likes: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 20 }) }, { weight: 1, arbitrary: fc.integer({ min: -300, max: 2_000 }) }),
      downloads: fc.integer({ min: -2_000, max: 50_000 }),
      zero: fc.boolean(),
      score: fc.option(fc.nat({ max: 2_000 })),
    }),
    { maxLength: 400 },
  )
  .map((steps) => {
    let [t, likes, rolling, total] = [T0 - 60 * 24 * HOUR_MS, 100, 5_000, 100_000];
    return steps.map((s) => {
      t += s.gapH * HOUR_MS;
      likes = Math.max(0, likes + s.likes);
      rolling = Math.max(0, rolling + s.downloads);
      total += Math.max(0, s.downloads);
      return { t: Math.round(t), likes, downloads: s.zero ? 0 : rolling, downloadsAllTime: total, trendingScore: s.score };
    });
  });

const meta = fc.record({
  trackDownloads: fc.constantFrom(true, false, undefined),
  createdAt: fc.constantFrom(undefined, '2022-03-02T23:29:04.000Z', '2025-12-30T00:00:00.000Z', 'not a date', '+275760-09-13T00:00:00.000Z'),
  gguf: fc.boolean(),
  newVersion: fc.constantFrom(undefined, '', 'invented/next'),
});

const options: fc.Arbitrary<AnomalyOptions> = fc.record({
  settings: fc.record({ sensitivity: fc.constantFrom('low' as const, 'normal' as const, 'high' as const) }),
  cohort: fc.option(
    fc
      .array(fc.record({ likes: counter, downloads: counter, trendingScore: counter }), { maxLength: 30 })
      .map((members) => cohortFrom(members)),
    { nil: undefined },
  ),
});

const history = (snapshots: Snapshot[], m: Partial<ModelHistory> = {}): ModelHistory =>
  ({ id: 'invented/property', ...m, snapshots }) as ModelHistory;

function sane(ws: Warning[]): void {
  expect(Array.isArray(ws)).toBe(true);
  expect(new Set(ws.map((w) => w.kind)).size).toBe(ws.length);
  for (const w of ws) {
    expect(KINDS.has(w.kind)).toBe(true);
    expect(['info', 'warn', 'alert']).toContain(w.severity);
    expect(new Date(w.since).toISOString()).toBe(w.since);
    expect(Number.isFinite(w.confidence)).toBe(true);
    expect(w.confidence).toBeGreaterThanOrEqual(0);
    expect(w.confidence).toBeLessThanOrEqual(1);
    expect(w.evidence.length).toBeGreaterThan(20);
    expect(w.evidence).not.toMatch(/NaN|Infinity|undefined|\?/);
  }
}

describe('detectAnomalies on any history', () => {
  it('never throws, and every warning is well formed', () => {
    fc.assert(
      fc.property(fc.array(anySnapshot, { maxLength: 60 }), meta, time, options, (snaps, m, at, o) => {
        sane(detectAnomalies(history(snaps, m), at, o));
      }),
      { numRuns: 500 },
    );
  });

  it('holds on plausible histories, evaluated at any time', () => {
    fc.assert(
      fc.property(walk, meta, fc.double({ min: 0, max: 1, noNaN: true }), options, (snaps, m, f, o) => {
        const last = snaps[snaps.length - 1]?.t ?? T0;
        sane(detectAnomalies(history(snaps, m), T0 - 60 * 24 * HOUR_MS + f * (last - T0 + 60 * 24 * HOUR_MS), o));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer whatever the order of the snapshots', () => {
    fc.assert(
      fc.property(walk, meta, fc.integer(), (snaps, m, seed) => {
        const shuffled = [...snaps].sort((a, b) => ((a.t * 31 + seed) % 97) - ((b.t * 31 + seed) % 97));
        const at = T0 + 30 * 24 * HOUR_MS;
        expect(detectAnomalies(history(shuffled, m), at)).toEqual(detectAnomalies(history(snaps, m), at));
      }),
      { numRuns: 100 },
    );
  });

  it('never gives a zero-download warning where downloads are not counted', () => {
    fc.assert(
      fc.property(walk, meta, (snaps, m) => {
        const ws = detectAnomalies(history(snaps, { ...m, trackDownloads: false }), T0 + 30 * 24 * HOUR_MS);
        expect(ws.filter((w) => ZERO_KINDS.has(w.kind))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never gives a zero-download warning on a repo younger than 48 hours', () => {
    fc.assert(
      fc.property(walk, fc.double({ min: 0, max: 47.9, noNaN: true }), fc.boolean(), (snaps, ageH, stated) => {
        const at = snaps[snaps.length - 1]?.t ?? T0;
        const created = at - ageH * HOUR_MS;
        const young = snaps.filter((s) => s.t >= created);
        const m = stated ? { createdAt: new Date(created).toISOString() } : {};
        const ws = detectAnomalies(history(young, { ...m, trackDownloads: true }), at);
        expect(ws.filter((w) => ZERO_KINDS.has(w.kind))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('like-burst severity has no single edge', () => {
  const RANK = { none: 0, info: 1, warn: 2, alert: 3 } as const;
  /** A steady counted model (about 2 likes a day, 200 downloads a day), `n` likes added within one hour at day 30, seen `afterH` later. */
  function model(n: number, afterH: number, hourlyBase: number): ModelHistory {
    const snapshots: Snapshot[] = [];
    const start = 30 * 24;
    for (let h = 0; h <= start + afterH; h++) {
      const organic = Math.floor((h * hourlyBase) / 24) + ((h * 7919) % 5 === 0 ? 1 : 0);
      snapshots.push({
        t: T0 + h * HOUR_MS,
        likes: 500 + organic + (h > start ? n : 0),
        downloads: 6_000 + (Math.floor(h / 24) % 4) * 50,
        downloadsAllTime: 100_000 + 200 * Math.floor(h / 24),
        trendingScore: null,
      });
    }
    return { id: 'invented/edge', createdAt: '2022-03-02T23:29:04.000Z', trackDownloads: true, snapshots };
  }
  const severity = (h: ModelHistory) => {
    const w = detectAnomalies(h, h.snapshots[h.snapshots.length - 1]!.t).find((x) => x.kind === 'like-burst');
    return RANK[w?.severity ?? 'none'];
  };

  it('never falls as more likes arrive in the hour, before or after the downloads answer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_500 }),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom(6, 40),
        fc.constantFrom(1, 2, 20),
        (n, more, afterH, base) => {
          expect(severity(model(n + more, afterH, base))).toBeGreaterThanOrEqual(severity(model(n, afterH, base)));
        },
      ),
      { numRuns: 60 },
    );
  });
});
