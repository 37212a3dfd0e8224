import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_CREATED_AT, RATE_WINDOWS, ratesFor } from '@/lib/estimates';
import { DAY_MS, HOUR_MS, type ModelHistory, type Snapshot } from '@/lib/types';
import { velocity } from '@/lib/velocity';

const T0 = Date.parse('2026-08-01T00:00:00Z');
const snap = (t: number, likes: number | null, downloads: number | null, all: number | null, score: number | null): Snapshot => ({
  t,
  likes,
  downloads,
  downloadsAllTime: all,
  trendingScore: score,
});
const model = (snapshots: Snapshot[], meta: Partial<ModelHistory> = {}): ModelHistory => ({ id: 'invented/m', snapshots, ...meta });
const createdDaysAgo = (days: number) => new Date(T0 - days * DAY_MS).toISOString();

describe('ratesFor on the first view (one snapshot)', () => {
  it('estimates likes/day from the 7-day trending score on an old repo', () => {
    const r = ratesFor(model([snap(T0, 5000, 90_000, null, 378)], { createdAt: createdDaysAgo(400) }), T0);
    expect(r.likesPerDay['7d']).toEqual({ value: 54, estimated: true, basis: 'from the 7-day trending score' });
    expect(r.likesPerDay['24h'].value).toBeNull();
    expect(r.downloadsPerDay['30d']).toEqual({ value: 3000, estimated: true, basis: 'from the 30-day download counter' });
    expect(r.likesPerDay.lifetime.value).toBeCloseTo(5000 / 400);
    expect(r.likesPerDay.lifetime.basis).toBe('since created 400 days ago');
    // Older than 30 days: no Hub window holds 30 days of likes.
    expect(r.likesPerDay['30d'].value).toBeNull();
    expect(r.downloadsPerDay['7d'].value).toBeNull();
  });

  it('divides by the age where the repo is younger than the window (score = likes under 7 days)', () => {
    const r = ratesFor(model([snap(T0, 300, 1200, 1500, 300)], { createdAt: createdDaysAgo(3) }), T0);
    expect(r.likesPerDay['7d'].value).toBe(100);
    expect(r.likesPerDay['7d'].basis).toBe('from the trending score (all its likes: created 3 days ago)');
    expect(r.likesPerDay['30d'].value).toBe(100);
    expect(r.downloadsPerDay['30d'].value).toBe(400);
    expect(r.downloadsPerDay.lifetime.value).toBe(500);
  });

  it('does not extrapolate a few hours to a whole day', () => {
    const r = ratesFor(model([snap(T0, 40, 0, null, 40)], { createdAt: new Date(T0 - 2 * HOUR_MS).toISOString() }), T0);
    expect(r.likesPerDay['7d'].value).toBe(40);
    expect(r.likesPerDay['7d'].basis).toContain('created 2 h ago');
  });

  it('gives no lifetime rate for the 2022 placeholder: the age is unknown', () => {
    const r = ratesFor(model([snap(T0, 5000, 90_000, 2e6, 70)], { createdAt: new Date(PLACEHOLDER_CREATED_AT).toISOString() }), T0);
    expect(r.likesPerDay.lifetime.value).toBeNull();
    expect(r.downloadsPerDay.lifetime.value).toBeNull();
    expect(r.likesPerDay.lifetime.basis).toContain('does not say when');
    // The placeholder still means "older than 7 days": the score is a 7-day window.
    expect(r.likesPerDay['7d'].value).toBe(10);
  });

  it('never turns a zero that is not evidence into "0 downloads a day"', () => {
    const young = ratesFor(model([snap(T0, 300, 0, 0, 300)], { createdAt: createdDaysAgo(1), trackDownloads: true }), T0);
    expect(young.downloadsPerDay['30d'].value).toBeNull();
    expect(young.downloadsPerDay.lifetime.value).toBeNull();
    const unknown = ratesFor(model([snap(T0, 300, 0, null, 80)], { createdAt: createdDaysAgo(60) }), T0);
    expect(unknown.downloadsPerDay['30d'].value).toBeNull();
    const counted = ratesFor(model([snap(T0, 300, 0, null, 80)], { createdAt: createdDaysAgo(60), trackDownloads: true }), T0);
    expect(counted.downloadsPerDay['30d']).toMatchObject({ value: 0, estimated: true });
    // The placeholder means older than 2022: past the counter's lag, so a counted 0 is a fact.
    const old = ratesFor(model([snap(T0, 300, 0, null, 80)], { createdAt: new Date(PLACEHOLDER_CREATED_AT).toISOString(), trackDownloads: true }), T0);
    expect(old.downloadsPerDay['30d']).toMatchObject({ value: 0, estimated: true });
    const noDate = ratesFor(model([snap(T0, 300, 0, null, 80)], { trackDownloads: true }), T0);
    expect(noDate.downloadsPerDay['30d'].value).toBeNull();
  });

  it('says "not counted" for every download rate when trackDownloads is false, measured ones included', () => {
    const snaps = [0, 24, 31].map((d) => snap(T0 + d * DAY_MS, 10 * d, 0, 5 * d, 5));
    const r = ratesFor(model(snaps, { createdAt: createdDaysAgo(100), trackDownloads: false }), T0 + 31 * DAY_MS);
    for (const w of RATE_WINDOWS) {
      expect(r.downloadsPerDay[w]).toEqual({ value: null, estimated: false, basis: "the Hub does not count this repo's downloads" });
    }
    expect(r.likesPerDay['7d'].estimated).toBe(false);
  });

  it('uses the latest snapshot that carries each counter', () => {
    const r = ratesFor(model([snap(T0 - HOUR_MS, 90, 3000, null, 70), snap(T0, 100, null, null, null)], { createdAt: createdDaysAgo(90) }), T0);
    expect(r.likesPerDay['7d'].value).toBe(10);
    expect(r.downloadsPerDay['30d'].value).toBe(100);
  });

  it('ignores snapshots after `now`', () => {
    const r = ratesFor(model([snap(T0, 100, 3000, null, 70), snap(T0 + DAY_MS, 200, 9000, null, 700)], { createdAt: createdDaysAgo(90) }), T0);
    expect(r.likesPerDay['7d'].value).toBe(10);
  });
});

describe('ratesFor with history', () => {
  it('replaces each estimate by the measured rate once the history covers its window', () => {
    const snaps = Array.from({ length: 9 }, (_, d) => snap(T0 + d * DAY_MS, 1000 + 20 * d, 3000, 50_000 + 100 * d, 700));
    const r = ratesFor(model(snaps, { createdAt: createdDaysAgo(200) }), T0 + 8 * DAY_MS);
    expect(r.likesPerDay['24h']).toEqual({ value: 20, estimated: false, basis: 'measured over 24 h of history' });
    expect(r.likesPerDay['7d']).toEqual({ value: 20, estimated: false, basis: 'measured over 7 days of history' });
    expect(r.downloadsPerDay['7d'].value).toBe(100);
    // 30 days not covered yet: the Hub's 30-day counter stands in.
    expect(r.downloadsPerDay['30d']).toMatchObject({ value: 100, estimated: true });
  });
});

const counter = fc.oneof(fc.constant(null), fc.nat({ max: 10_000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
const odd = fc.oneof(counter, fc.constantFrom(-5, NaN, Infinity, 1.5) as fc.Arbitrary<number>);
const histories = fc.record({
  snapshots: fc
    .uniqueArray(
      fc.record({
        t: fc.integer({ min: 0, max: 120 * 24 }).map((h) => T0 + h * HOUR_MS),
        likes: counter,
        downloads: counter,
        downloadsAllTime: counter,
        trendingScore: counter,
      }),
      { selector: (s) => s.t, maxLength: 40 },
    )
    .map((s) => s.sort((a, b) => a.t - b.t)),
  createdAt: fc.option(
    fc.oneof(
      fc.constant(new Date(PLACEHOLDER_CREATED_AT).toISOString()),
      fc.integer({ min: -400, max: 120 }).map((d) => new Date(T0 + d * DAY_MS).toISOString()),
      fc.constant('not a date'),
    ),
    { nil: undefined },
  ),
  trackDownloads: fc.option(fc.boolean(), { nil: undefined }),
});

describe('ratesFor, properties', () => {
  it('never gives NaN, Infinity or a negative estimate; measured rates are velocity() exactly, and win', () => {
    fc.assert(
      fc.property(histories, fc.integer({ min: 0, max: 121 * 24 }), (h, nowH) => {
        const now = T0 + nowH * HOUR_MS;
        const m = model(h.snapshots, { createdAt: h.createdAt, trackDownloads: h.trackDownloads });
        const r = ratesFor(m, now);
        const v = velocity(h.snapshots.filter((s) => s.t <= now));
        for (const kind of ['likesPerDay', 'downloadsPerDay'] as const) {
          for (const w of RATE_WINDOWS) {
            const rate = r[kind][w];
            if (rate.value !== null) expect(Number.isFinite(rate.value)).toBe(true);
            if (rate.estimated) expect(rate.value).toBeGreaterThanOrEqual(0);
            if (rate.value === null) expect(rate.estimated).toBe(false);
            expect(rate.basis.length).toBeGreaterThan(0);
            if (w === 'lifetime') continue;
            const measured = v[kind][w];
            const counts = !(kind === 'downloadsPerDay' && h.trackDownloads === false);
            if (measured !== null && counts) expect(rate).toMatchObject({ value: measured, estimated: false });
            if (!rate.estimated && rate.value !== null) expect(rate.value).toBe(measured);
          }
        }
        if (h.trackDownloads === false) for (const w of RATE_WINDOWS) expect(r.downloadsPerDay[w].value).toBeNull();
        if (!(h.createdAt && Date.parse(h.createdAt) > PLACEHOLDER_CREATED_AT)) {
          expect(r.likesPerDay.lifetime.value).toBeNull();
        }
      }),
      { numRuns: 500 },
    );
  });

  it('does not throw on odd values or garbage', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ t: fc.oneof(fc.integer(), fc.constant(NaN)), likes: odd, downloads: odd, downloadsAllTime: odd, trendingScore: odd })),
        (snaps) => {
          const r = ratesFor(model(snaps as Snapshot[], { createdAt: createdDaysAgo(3) }), T0);
          for (const w of RATE_WINDOWS) {
            for (const rate of [r.likesPerDay[w], r.downloadsPerDay[w]]) {
              if (rate.value !== null) expect(Number.isFinite(rate.value) && (rate.value >= 0 || !rate.estimated)).toBe(true);
            }
          }
        },
      ),
    );
    expect(() => ratesFor({ id: 'x' } as unknown as ModelHistory, T0)).not.toThrow();
  });
});
