import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkLength, DamagedChunkError, decodeChunk, encodeChunk } from '@/lib/store/chunk-codec';
import type { Snapshot } from '@/lib/types';

// A damaged chunk (truncated, garbled, wrong count) must fail with the typed error, at once:
// the decoder runs synchronously in the worker, so a loop there freezes every feature.

const counter = fc.oneof(fc.constant(null), fc.nat({ max: 5000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
const snapshot: fc.Arbitrary<Snapshot> = fc.record({
  t: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  likes: counter,
  downloads: counter,
  downloadsAllTime: counter,
  trendingScore: counter,
});
const chunk = fc.array(snapshot, { minLength: 1, maxLength: 40 }).map((s) => [...s].sort((a, b) => a.t - b.t));

const bytesOf = (buf: ArrayBuffer) => new Uint8Array(buf);
const buffer = (bytes: Uint8Array) => bytes.slice().buffer;

/** Decoding either gives snapshots or throws DamagedChunkError: nothing else, never a hang. */
function decodesOrRefuses(buf: ArrayBuffer): Snapshot[] | 'damaged' {
  try {
    return decodeChunk(buf);
  } catch (error) {
    expect(error).toBeInstanceOf(DamagedChunkError);
    return 'damaged';
  }
}

describe('damaged chunks', () => {
  it('refuses an empty chunk, in decodeChunk and chunkLength', () => {
    expect(() => decodeChunk(new ArrayBuffer(0))).toThrow(DamagedChunkError);
    expect(() => chunkLength(new ArrayBuffer(0))).toThrow(DamagedChunkError);
  });

  it('refuses what is not bytes at all', () => {
    for (const junk of [undefined, null, 'abc', 42, {}, new Uint8Array(4)]) {
      expect(() => decodeChunk(junk as unknown as ArrayBuffer)).toThrow(DamagedChunkError);
      expect(() => chunkLength(junk as unknown as ArrayBuffer)).toThrow(DamagedChunkError);
    }
  });

  it('refuses every truncation of a valid chunk', () => {
    fc.assert(
      fc.property(chunk, (snaps) => {
        const whole = bytesOf(encodeChunk(snaps));
        for (let len = 0; len < whole.length; len++) {
          expect(() => decodeChunk(buffer(whole.subarray(0, len)))).toThrow(DamagedChunkError);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a varint that never ends (every byte has its high bit set)', () => {
    const endless = new Uint8Array(64).fill(0xff);
    expect(() => decodeChunk(buffer(endless))).toThrow(DamagedChunkError);
    expect(() => chunkLength(buffer(endless))).toThrow(DamagedChunkError);
  });

  it('refuses a count larger than the bytes could hold, without allocating for it', () => {
    // varint 2^49 followed by one byte: the count alone would ask for an enormous array
    const huge = new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00]);
    expect(() => chunkLength(buffer(huge))).toThrow(DamagedChunkError);
    expect(() => decodeChunk(buffer(huge))).toThrow(DamagedChunkError);
  });

  it('refuses bytes left over after the last column', () => {
    fc.assert(
      fc.property(chunk, fc.uint8Array({ minLength: 1, maxLength: 16 }), (snaps, extra) => {
        const whole = bytesOf(encodeChunk(snaps));
        const longer = new Uint8Array(whole.length + extra.length);
        longer.set(whole);
        longer.set(extra, whole.length);
        expect(() => decodeChunk(longer.buffer)).toThrow(DamagedChunkError);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an unknown column mode', () => {
    const one: Snapshot = { t: 1000, likes: 1, downloads: 2, downloadsAllTime: 3, trendingScore: 4 };
    const bytes = bytesOf(encodeChunk([one]));
    bytes[1 + 8] = 7; // count (1 byte), first t (8 bytes), then the likes column's mode
    expect(() => decodeChunk(buffer(bytes))).toThrow(DamagedChunkError);
  });

  it('a mis-counted chunk gives its claimed number of snapshots or is refused', () => {
    fc.assert(
      fc.property(chunk, fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0), (snaps, delta) => {
        const whole = bytesOf(encodeChunk(snaps));
        const claimed = snaps.length + delta;
        fc.pre(claimed >= 0 && claimed < 128 && snaps.length < 128); // one-byte counts: swap in place
        const bytes = whole.slice();
        bytes[0] = claimed;
        const r = decodesOrRefuses(bytes.buffer);
        if (r !== 'damaged') expect(r).toHaveLength(claimed);
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes decode or are refused, with work bounded by their length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = decodesOrRefuses(buffer(bytes));
        if (r !== 'damaged') {
          expect(r.length).toBeLessThanOrEqual(bytes.length);
          for (const s of r) {
            expect(Number.isFinite(s.t)).toBe(true);
            for (const k of ['likes', 'downloads', 'downloadsAllTime', 'trendingScore'] as const) {
              expect(s[k] === null || Number.isFinite(s[k])).toBe(true);
            }
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('single flipped bytes in a valid chunk decode or are refused', () => {
    fc.assert(
      fc.property(chunk, fc.nat(), fc.integer({ min: 1, max: 255 }), (snaps, at, xor) => {
        const bytes = bytesOf(encodeChunk(snaps)).slice();
        bytes[at % bytes.length]! ^= xor;
        decodesOrRefuses(bytes.buffer);
      }),
      { numRuns: 1000 },
    );
  });

  it('a large random buffer is decoded or refused (its time is in `npm run bench -- --only analysis`)', () => {
    const big = new Uint8Array(1 << 20);
    for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
    decodesOrRefuses(big.buffer);
  });
});
