import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, type Snapshot } from '@/lib/types';
import { countUpTo, likesGained, rate, seriesFor, sinceLastVisit, velocity, WINDOWS } from '@/lib/velocity';

const T0 = Date.parse('2026-08-01T00:00:00Z');
const at = (days: number) => T0 + days * DAY_MS;
const snap = (days: number, likes: number | null, downloadsAllTime: number | null = null, downloads: number | null = null): Snapshot => ({
  t: at(days),
  likes,
  downloads,
  downloadsAllTime,
  trendingScore: null,
});

/** The definition of report-v1.md read literally: linear scans, nothing clever. */
function naiveRate(snaps: Snapshot[], field: 'likes' | 'downloadsAllTime', w: number, when?: number): number | null {
  let e: Snapshot | undefined;
  for (const s of snaps) if ((when === undefined || s.t <= when) && (!e || s.t >= e.t)) e = s;
  if (!e) return null;
  let b: Snapshot | undefined;
  for (const s of snaps) if (s.t <= e.t - w && (!b || s.t >= b.t)) b = s;
  if (!b || e.t - b.t > 2 * w) return null;
  const [ve, vb] = [e[field], b[field]];
  if (ve === null || vb === null) return null;
  return (ve - vb) / ((e.t - b.t) / DAY_MS);
}

const counter = fc.oneof(fc.constant(null), fc.nat({ max: 5000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
// Often on an hour or day grid, so that bases fall exactly on t_e − W and 2W.
const time = fc.oneof(
  fc.integer({ min: T0, max: T0 + 90 * DAY_MS }),
  fc.integer({ min: 0, max: 90 * 24 }).map((h) => T0 + h * HOUR_MS),
  fc.integer({ min: 0, max: 90 }).map((d) => T0 + d * DAY_MS),
);
const series = fc
  .uniqueArray(
    fc.record({ t: time, likes: counter, downloads: counter, downloadsAllTime: counter, trendingScore: counter }),
    { selector: (s) => s.t, maxLength: 60 },
  )
  .map((s) => s.sort((a, b) => a.t - b.t));
// On the same grids, or anywhere, or the default (the last snapshot).
const when = fc.oneof(fc.constant(undefined), time, fc.integer({ min: T0 - DAY_MS, max: T0 + 91 * DAY_MS }));

describe('rate', () => {
  const s = [snap(0, 0), snap(1, 10), snap(2, 30)];

  it('divides the change since the base by the days between them', () => {
    expect(rate(s, 'likes', WINDOWS['24h'])).toBe(20);
    expect(rate(s, 'likes', 2 * DAY_MS)).toBe(15);
    expect(rate(s, 'likes', WINDOWS['7d'])).toBeNull();
  });

  it('takes the latest base at or before t_e − W, and ends at the last snapshot at or before `at`', () => {
    const hourly = [snap(0, 0), snap(0.5, 100), snap(1.25, 200), snap(1.5, 400)];
    // e = 1.5 d; t_e − W = 0.5 d, a snapshot exactly there is the base.
    expect(rate(hourly, 'likes', DAY_MS)).toBe(300);
    expect(rate(hourly, 'likes', DAY_MS, at(1.4))).toBe(200 / 1.25);
    expect(rate(hourly, 'likes', DAY_MS, at(1.25))).toBe(200 / 1.25);
    expect(rate(hourly, 'likes', DAY_MS, at(0.9))).toBeNull();
    expect(rate(hourly, 'likes', DAY_MS, at(-1))).toBeNull();
  });

  it('is null when the base is more than 2W back, so a sparse history does not speak for a window', () => {
    expect(rate([snap(0, 0), snap(2, 20)], 'likes', DAY_MS)).toBe(10);
    expect(rate([snap(0, 0), snap(2 + 1 / DAY_MS, 20)], 'likes', DAY_MS)).toBeNull();
  });

  it('is null when either value is null, and negative when the counter fell', () => {
    expect(rate([snap(0, null), snap(1, 5)], 'likes', DAY_MS)).toBeNull();
    expect(rate([snap(0, 5), snap(1, null)], 'likes', DAY_MS)).toBeNull();
    expect(rate([snap(0, 50), snap(1, 40)], 'likes', DAY_MS)).toBe(-10);
    expect(rate([snap(0, null), snap(0.5, 3), snap(1, 5)], 'likes', DAY_MS)).toBeNull();
  });

  it('is null for no snapshot, one snapshot, or a window that is not positive', () => {
    expect(rate([], 'likes', DAY_MS)).toBeNull();
    expect(rate([snap(0, 1)], 'likes', DAY_MS)).toBeNull();
    expect(rate(s, 'likes', 0)).toBeNull();
    expect(rate(s, 'likes', -DAY_MS)).toBeNull();
    expect(rate(s, 'likes', DAY_MS, NaN)).toBeNull();
  });

  it('agrees with the definition read literally, and is null or finite', () => {
    fc.assert(
      fc.property(series, fc.constantFrom(...Object.values(WINDOWS), HOUR_MS, 1), when, fc.constantFrom('likes' as const, 'downloadsAllTime' as const), (snaps, w, t, field) => {
        const r = rate(snaps, field, w, t);
        expect(r).toBe(naiveRate(snaps, field, w, t));
        expect(r === null || Number.isFinite(r)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a long series at any point (its time is in `npm run bench -- --only analysis`)', () => {
    const long = Array.from({ length: 10_000 }, (_, i) => ({ t: T0 + i * HOUR_MS, likes: i, downloads: null, downloadsAllTime: 2 * i, trendingScore: null }));
    expect(rate(long, 'likes', WINDOWS['7d'])).toBe(24);
    for (const i of [0, 1, 167, 168, 5_000, 9_999]) {
      const at = T0 + i * HOUR_MS;
      expect(rate(long, 'likes', WINDOWS['7d'], at), String(i)).toBe(naiveRate(long, 'likes', WINDOWS['7d'], at));
    }
  });
});

describe('velocity', () => {
  it('gives likes and all-time downloads per day for the three windows; the 30-day counter is not used', () => {
    const snaps = Array.from({ length: 31 }, (_, d) => snap(d, 10 * d, 1000 * d, 7));
    expect(velocity(snaps)).toEqual({
      likesPerDay: { '24h': 10, '7d': 10, '30d': 10 },
      downloadsPerDay: { '24h': 1000, '7d': 1000, '30d': 1000 },
    });
    expect(velocity(snaps, at(3))).toEqual({
      likesPerDay: { '24h': 10, '7d': null, '30d': null },
      downloadsPerDay: { '24h': 1000, '7d': null, '30d': null },
    });
    expect(velocity([snap(0, 1, null, 5), snap(1, 2, null, 9)]).downloadsPerDay['24h']).toBeNull();
  });
});

describe('likesGained', () => {
  it('counts likes between the same base and end as the rate, 2W limit included', () => {
    const snaps = [snap(0, 100), snap(3, 130), snap(8, 200), snap(10, 260)];
    expect(likesGained(snaps, WINDOWS['7d'])).toBe(130);
    expect(likesGained(snaps, WINDOWS['7d'], at(8))).toBe(100);
    expect(likesGained(snaps, WINDOWS['24h'])).toBe(60);
    expect(likesGained([snap(0, 1), snap(15, 9)], WINDOWS['7d'])).toBeNull();
    expect(likesGained([snap(0, null), snap(7, 9)], WINDOWS['7d'])).toBeNull();
  });

  it('is null exactly when the likes rate is', () => {
    fc.assert(
      fc.property(series, when, (snaps, t) => {
        const gained = likesGained(snaps, WINDOWS['7d'], t);
        const r = rate(snaps, 'likes', WINDOWS['7d'], t);
        expect(gained === null).toBe(r === null);
      }),
    );
  });
});

describe('sinceLastVisit', () => {
  const snaps = [snap(0, 10, 100, 50), snap(1, 12, null, 40), snap(2, 20, 300, 30)];

  it('compares the latest snapshot with the last one at or before the visit', () => {
    expect(sinceLastVisit(snaps, at(0.5))).toEqual({ likes: 10, downloadsAllTime: 200, downloads: -20, from: at(0), to: at(2) });
    expect(sinceLastVisit(snaps, at(1))).toEqual({ likes: 8, downloadsAllTime: null, downloads: -10, from: at(1), to: at(2) });
    expect(sinceLastVisit(snaps, at(5))).toEqual({ likes: 0, downloadsAllTime: 0, downloads: 0, from: at(2), to: at(2) });
  });

  it('is null without a snapshot as old as the visit', () => {
    expect(sinceLastVisit(snaps, at(-1))).toBeNull();
    expect(sinceLastVisit([], at(1))).toBeNull();
  });
});

describe('seriesFor', () => {
  it('keeps the observed points from fromT on, nulls dropped', () => {
    const snaps = [snap(0, 1), snap(1, null), snap(2, 3), snap(3, 4)];
    expect(seriesFor(snaps, 'likes')).toEqual([
      { t: at(0), v: 1 },
      { t: at(2), v: 3 },
      { t: at(3), v: 4 },
    ]);
    expect(seriesFor(snaps, 'likes', at(2))).toEqual([
      { t: at(2), v: 3 },
      { t: at(3), v: 4 },
    ]);
    expect(seriesFor(snaps, 'downloadsAllTime')).toEqual([]);
  });

  it('agrees with a filter', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: T0 - DAY_MS, max: T0 + 91 * DAY_MS }), (snaps, from) => {
        const naive = snaps.filter((s) => s.t >= from && s.likes !== null).map((s) => ({ t: s.t, v: s.likes }));
        expect(seriesFor(snaps, 'likes', from)).toEqual(naive);
      }),
    );
  });
});

describe('countUpTo', () => {
  it('counts snapshots at or before a time (or strictly before)', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: T0 - DAY_MS, max: T0 + 91 * DAY_MS }), (snaps, t) => {
        expect(countUpTo(snaps, t)).toBe(snaps.filter((s) => s.t <= t).length);
        expect(countUpTo(snaps, t, false)).toBe(snaps.filter((s) => s.t < t).length);
      }),
    );
  });
});
