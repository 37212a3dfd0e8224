import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeChunk, encodeChunk } from '@/lib/store/chunk-codec';
import type { Snapshot } from '@/lib/types';

const counter = fc.oneof(
  fc.constant(null),
  fc.nat({ max: 5000 }),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.constant(0xffff_ffff), // the u32 null marker itself must survive as a number
);
const snapshot: fc.Arbitrary<Snapshot> = fc.record({
  t: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  likes: counter,
  downloads: counter,
  downloadsAllTime: counter,
  trendingScore: counter,
});

describe('chunk codec', () => {
  it('decodes exactly what it encoded', () => {
    fc.assert(fc.property(fc.array(snapshot, { maxLength: 60 }), (snaps) => {
      expect(decodeChunk(encodeChunk(snaps))).toEqual(snaps);
    }));
  });

  it('packs a day of hourly snapshots in about 24 bytes each', () => {
    const day: Snapshot[] = Array.from({ length: 24 }, (_, i) => ({
      t: 1_700_000_000_000 + i * 3_600_000,
      likes: 1000 + i,
      downloads: 50_000 + i,
      downloadsAllTime: 9_000_000_000 + i, // above u32: this column goes to f64
      trendingScore: 12,
    }));
    const bytes = encodeChunk(day).byteLength;
    expect(bytes).toBe(8 + 24 * (8 + 4 + 4 + 8 + 4));
    expect(bytes / 24).toBeLessThanOrEqual(29);
  });
});
