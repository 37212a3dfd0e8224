import type { Snapshot } from '@/lib/types';

// One stored record holds many snapshots of one model, packed into bytes:
//   varint count | f64 first t | varint first t delta | zigzag varints of the change of
//     each next delta (regular polling makes these near zero)
//   then per counter column (likes, downloads, downloadsAllTime, trendingScore):
//     mode byte 0: a varint per snapshot, 0 = null, else zigzag(value − previous value) + 1
//     mode byte 1: an f64 per snapshot (NaN = null), for deltas too large for exact varints
// Counters move by small steps between snapshots, so most take one or two bytes: a day of
// hourly snapshots packs into ~10 bytes each, where one record per snapshot costs a key and
// an object header each. Decoding is a single pass.

const FIELDS = ['likes', 'downloads', 'downloadsAllTime', 'trendingScore'] as const;
/** Largest |delta| whose zigzag form stays an exact double. */
const MAX_DELTA = 2 ** 51;

class Writer {
  private bytes = new Uint8Array(256);
  length = 0;

  private room(n: number) {
    if (this.length + n <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  byte(b: number) {
    this.room(1);
    this.bytes[this.length++] = b;
  }

  /** Unsigned integer up to 2^53, 7 bits a byte (arithmetic: bit operators stop at 32 bits). */
  varint(x: number) {
    this.room(8);
    while (x >= 128) {
      this.bytes[this.length++] = (x % 128) + 128;
      x = Math.floor(x / 128);
    }
    this.bytes[this.length++] = x;
  }

  f64(x: number) {
    this.room(8);
    new DataView(this.bytes.buffer).setFloat64(this.length, x, true);
    this.length += 8;
  }

  done(): ArrayBuffer {
    return this.bytes.slice(0, this.length).buffer;
  }
}

/** A stored chunk that cannot be what the encoder wrote: truncated, over-long or garbled. */
export class DamagedChunkError extends Error {
  override name = 'DamagedChunkError';
}

/** A varint of the encoder is at most 8 bytes (2^53 in 7-bit groups). */
const MAX_VARINT_BYTES = 8;

/** Reads forward and refuses to step past the end: damaged bytes must fail, not loop. */
class Reader {
  private at = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get left(): number {
    return this.bytes.length - this.at;
  }

  private need(n: number) {
    if (this.left < n) throw new DamagedChunkError(`chunk ends at byte ${this.bytes.length}, ${n} more needed`);
  }

  byte(): number {
    this.need(1);
    return this.bytes[this.at++]!;
  }

  varint(): number {
    let x = 0;
    let scale = 1;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      const b = this.byte();
      x += (b % 128) * scale;
      if (b < 128) {
        if (x > Number.MAX_SAFE_INTEGER) break;
        return x;
      }
      scale *= 128;
    }
    throw new DamagedChunkError(`no valid varint at byte ${this.at}`);
  }

  f64(): number {
    this.need(8);
    const x = this.view.getFloat64(this.at, true);
    this.at += 8;
    return x;
  }
}

/** The snapshot count, refused when the bytes left could not hold that many (each takes ≥ 1 byte). */
function readCount(r: Reader): number {
  const n = r.varint();
  if (n > r.left) throw new DamagedChunkError(`chunk claims ${n} snapshots in ${r.left} bytes`);
  return n;
}

const zigzag = (d: number) => (d >= 0 ? 2 * d : -2 * d - 1);
const unzigzag = (z: number) => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

function fitsVarints(snaps: readonly Snapshot[], field: (typeof FIELDS)[number]): boolean {
  let prev = 0;
  for (const s of snaps) {
    const v = s[field];
    if (v === null) continue;
    if (!Number.isSafeInteger(v) || Math.abs(v - prev) > MAX_DELTA) return false;
    prev = v;
  }
  return true;
}

/** `snaps` sorted by t. */
export function encodeChunk(snaps: readonly Snapshot[]): ArrayBuffer {
  const w = new Writer();
  w.varint(snaps.length);
  if (snaps.length === 0) return w.done();
  w.f64(snaps[0]!.t);
  let step = 0;
  for (let i = 1; i < snaps.length; i++) {
    const next = snaps[i]!.t - snaps[i - 1]!.t;
    if (i === 1) w.varint(next);
    else w.varint(zigzag(next - step));
    step = next;
  }
  for (const field of FIELDS) {
    if (fitsVarints(snaps, field)) {
      w.byte(0);
      let prev = 0;
      for (const s of snaps) {
        const v = s[field];
        if (v === null) w.varint(0);
        else {
          w.varint(zigzag(v - prev) + 1);
          prev = v;
        }
      }
    } else {
      w.byte(1);
      for (const s of snaps) w.f64(s[field] ?? NaN);
    }
  }
  return w.done();
}

/** The snapshots of a chunk; throws DamagedChunkError for anything the encoder cannot have written. */
export function decodeChunk(buffer: ArrayBuffer): Snapshot[] {
  if (!(buffer instanceof ArrayBuffer)) throw new DamagedChunkError('chunk is not bytes');
  const r = new Reader(new Uint8Array(buffer));
  const n = readCount(r);
  const out: Snapshot[] = new Array(n);
  let t = 0;
  let step = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0) t = r.f64();
    else {
      step = i === 1 ? r.varint() : step + unzigzag(r.varint());
      t += step;
    }
    if (!Number.isFinite(t)) throw new DamagedChunkError(`snapshot ${i} has no valid time`);
    out[i] = { t, likes: null, downloads: null, downloadsAllTime: null, trendingScore: null };
  }
  for (const field of FIELDS) {
    if (n === 0) break;
    const mode = r.byte();
    if (mode !== 0 && mode !== 1) throw new DamagedChunkError(`unknown column mode ${mode}`);
    let prev = 0;
    for (let i = 0; i < n; i++) {
      if (mode === 1) {
        const v = r.f64();
        if (!Number.isNaN(v) && !Number.isFinite(v)) throw new DamagedChunkError(`${field} ${i} is infinite`);
        out[i]![field] = Number.isNaN(v) ? null : v;
        continue;
      }
      const z = r.varint();
      if (z === 0) continue;
      prev += unzigzag(z - 1);
      if (!Number.isSafeInteger(prev)) throw new DamagedChunkError(`${field} ${i} is out of range`);
      out[i]![field] = prev;
    }
  }
  // A count lower than what was written leaves bytes over: the chunk is not what it says.
  if (r.left !== 0) throw new DamagedChunkError(`${r.left} bytes after the last column`);
  return out;
}

/** How many snapshots a chunk holds, without decoding it (checks only the count; throws DamagedChunkError). */
export function chunkLength(buffer: ArrayBuffer): number {
  if (!(buffer instanceof ArrayBuffer)) throw new DamagedChunkError('chunk is not bytes');
  return readCount(new Reader(new Uint8Array(buffer)));
}
