import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packSpark, sparkPoints, summaryOf } from '@/lib/features/watch/summary';
import { DAY_MS, HOUR_MS, type Snapshot } from '@/lib/types';

const END = Date.UTC(2026, 10, 24, 12);
const points = fc
  .uniqueArray(fc.integer({ min: END - 60 * DAY_MS, max: END }), { maxLength: 80 })
  .chain((ts) => fc.tuple(fc.constant(ts.sort((a, b) => a - b)), fc.array(fc.nat(10_000_000), { minLength: ts.length, maxLength: ts.length })))
  .map(([ts, vs]) => ts.map((t, i) => ({ t, v: vs[i]! })));

describe('packed sparklines of the watch rows', () => {
  it('unpack to the same likes at the same times, to the minute', () => {
    fc.assert(
      fc.property(points, (ps) => {
        const back = sparkPoints(packSpark(ps));
        expect(back.map((p) => p.v)).toEqual(ps.map((p) => p.v));
        back.forEach((p, i) => expect(Math.abs(p.t - ps[i]!.t)).toBeLessThanOrEqual(30_000));
      }),
    );
  });

  it('survive the trip through JSON that a message makes', () => {
    fc.assert(
      fc.property(points, (ps) => {
        expect(sparkPoints(JSON.parse(JSON.stringify(packSpark(ps))))).toEqual(sparkPoints(packSpark(ps)));
      }),
    );
  });

  it('read a row of an older version or a damaged one as no points, never as a crash', () => {
    const packed = packSpark([{ t: END - DAY_MS, v: 1 }, { t: END, v: 2 }]);
    for (const stored of [
      [{ t: END - DAY_MS, v: 1 }, { t: END, v: 2 }], // the older shape: a list of points
      null,
      undefined,
      'spark',
      {},
      { ...packed, from: 'yesterday' },
      { ...packed, likes: [1] },
      { ...packed, minutes: [0, Number.NaN] },
      { ...packed, likes: [1, '2'] },
      { ...packed, minutes: 'x' },
    ]) {
      expect(sparkPoints(stored)).toEqual([]);
    }
  });

  it('a row keeps at most 60 points of the last 30 days, ending at the last snapshot', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 * 90 }), fc.integer({ min: 1, max: 12 }), (count, everyHours) => {
        const snapshots: Snapshot[] = Array.from({ length: count }, (_, i) => ({
          t: END - (count - 1 - i) * everyHours * HOUR_MS,
          likes: 100 + i,
          downloads: 1000,
          downloadsAllTime: 5000,
          trendingScore: 3,
        }));
        const spark = sparkPoints(summaryOf({ id: 'invented-org/model', snapshots }, [], END).spark);
        expect(spark.length).toBeLessThanOrEqual(60);
        expect(spark.at(-1)).toEqual({ t: END, v: 100 + count - 1 });
        expect(spark[0]!.t).toBeGreaterThanOrEqual(END - 30 * DAY_MS);
      }),
      { numRuns: 40 },
    );
  });
});
