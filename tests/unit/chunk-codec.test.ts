import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeChunk, encodeChunk } from '@/lib/store/chunk-codec';
import type { Snapshot } from '@/lib/types';

const counter = fc.oneof(
  fc.constant(null),
  fc.nat({ max: 5000 }),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.constant(0),
);
const snapshot: fc.Arbitrary<Snapshot> = fc.record({
  t: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  likes: counter,
  downloads: counter,
  downloadsAllTime: counter,
  trendingScore: counter,
});
const sorted = (snaps: Snapshot[]) => [...snaps].sort((a, b) => a.t - b.t);

describe('chunk codec', () => {
  it('decodes exactly what it encoded', () => {
    fc.assert(fc.property(fc.array(snapshot, { maxLength: 60 }).map(sorted), (snaps) => {
      expect(decodeChunk(encodeChunk(snaps))).toEqual(snaps);
    }), { numRuns: 500 });
  });

  it('packs a day of hourly snapshots in about 10 bytes each', () => {
    const day: Snapshot[] = Array.from({ length: 24 }, (_, i) => ({
      t: 1_700_000_000_000 + i * 3_600_000 + (i * 7919) % 60_000,
      likes: 1000 + 2 * i,
      downloads: 50_000 + 37 * i,
      downloadsAllTime: 9_000_000_000 + 1500 * i,
      trendingScore: i % 5 === 0 ? null : 12,
    }));
    expect(decodeChunk(encodeChunk(day))).toEqual(day);
    expect(encodeChunk(day).byteLength / 24).toBeLessThan(12);
  });

  it('keeps values whose steps are too large for exact varints', () => {
    const wild: Snapshot[] = [0, Number.MAX_SAFE_INTEGER, 0, 3].map((v, i) => ({ t: i, likes: v, downloads: null, downloadsAllTime: v, trendingScore: 0 }));
    expect(decodeChunk(encodeChunk(wild))).toEqual(wild);
  });
});
