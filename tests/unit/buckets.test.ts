import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, dayStart, mergeSnapshots, monthStart, reduceToDaily, retentionCutoff } from '@/lib/store/buckets';
import { DAY_MS, type Snapshot } from '@/lib/types';

const snap = (t: number, likes: number | null = 1): Snapshot => ({ t, likes, downloads: null, downloadsAllTime: null, trendingScore: null });
const NOW = Date.parse('2026-11-24T12:00:00Z');

describe('buckets', () => {
  it('puts recent snapshots in their day and old ones in their month', () => {
    const recent = Date.parse('2026-11-20T05:00:00Z');
    const old = Date.parse('2026-09-14T05:00:00Z');
    expect(bucketOf(recent, NOW)).toBe(Date.parse('2026-11-20T00:00:00Z'));
    expect(bucketOf(old, NOW)).toBe(Date.parse('2026-09-01T00:00:00Z'));
    expect(retentionCutoff(NOW)).toBe(Date.parse('2026-10-25T00:00:00Z'));
  });

  it('merges with the later value winning and counts what changed', () => {
    const r = mergeSnapshots([snap(1, 1), snap(3, 3)], [snap(2, 2), snap(3, 3), snap(1, 9)]);
    expect(r.merged.map((s) => [s.t, s.likes])).toEqual([[1, 9], [2, 2], [3, 3]]);
    expect(r).toMatchObject({ added: 1, present: 1, changed: 1 });
  });

  it('reduces to the last snapshot of each day, keeping the first when asked', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 40 * DAY_MS }), { maxLength: 200 }), fc.boolean(), (ts, keepFirst) => {
        const snaps = ts.sort((a, b) => a - b).map((t) => snap(t));
        const out = reduceToDaily(snaps, keepFirst);
        const days = new Set(snaps.map((s) => dayStart(s.t)));
        const lastOfDays = [...days].map((d) => snaps.filter((s) => dayStart(s.t) === d).at(-1));
        for (const s of lastOfDays) expect(out).toContain(s);
        if (keepFirst && snaps[0]) expect(out[0]).toBe(snaps[0]);
        expect(out.length).toBeLessThanOrEqual(days.size + (keepFirst ? 1 : 0));
      }),
    );
  });

  it('computes month starts in UTC', () => {
    expect(monthStart(Date.parse('2026-03-31T23:59:59Z'))).toBe(Date.parse('2026-03-01T00:00:00Z'));
  });
});
