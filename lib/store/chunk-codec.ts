import type { Snapshot } from '../types';

// One stored record holds many snapshots of one model packed into a single ArrayBuffer:
//   u32 count | u8 width of each counter column (4 or 8) | pad to 8
//   t column: f64 epoch ms | likes | downloads | downloadsAllTime | trendingScore
// A counter column is u32 (null = 0xFFFFFFFF) when every value fits, else f64 (null = NaN).
// Packing makes one model's series a handful of IndexedDB reads and ~24 bytes a snapshot,
// where one record per snapshot costs a key and an object header each.

const FIELDS = ['likes', 'downloads', 'downloadsAllTime', 'trendingScore'] as const;
const U32_NULL = 0xffff_ffff;
const HEADER = 8;

function columnWidth(snaps: readonly Snapshot[], field: (typeof FIELDS)[number]): 4 | 8 {
  for (const s of snaps) {
    const v = s[field];
    if (v !== null && (v >= U32_NULL || !Number.isInteger(v) || v < 0)) return 8;
  }
  return 4;
}

export function encodeChunk(snaps: readonly Snapshot[]): ArrayBuffer {
  const n = snaps.length;
  const widths = FIELDS.map((f) => columnWidth(snaps, f));
  const size = HEADER + 8 * n + widths.reduce((sum, w) => sum + w * n, 0);
  const view = new DataView(new ArrayBuffer(size));
  view.setUint32(0, n, true);
  widths.forEach((w, i) => view.setUint8(4 + i, w));
  let at = HEADER;
  for (const s of snaps) (view.setFloat64(at, s.t, true), (at += 8));
  FIELDS.forEach((field, i) => {
    const w = widths[i];
    for (const s of snaps) {
      const v = s[field];
      if (w === 4) view.setUint32(at, v ?? U32_NULL, true);
      else view.setFloat64(at, v ?? NaN, true);
      at += w!;
    }
  });
  return view.buffer;
}

export function decodeChunk(buffer: ArrayBuffer): Snapshot[] {
  const view = new DataView(buffer);
  const n = view.getUint32(0, true);
  const out: Snapshot[] = new Array(n);
  let at = HEADER;
  for (let i = 0; i < n; i++, at += 8) {
    out[i] = { t: view.getFloat64(at, true), likes: null, downloads: null, downloadsAllTime: null, trendingScore: null };
  }
  FIELDS.forEach((field, f) => {
    const w = view.getUint8(4 + f);
    for (let i = 0; i < n; i++, at += w) {
      const raw = w === 4 ? view.getUint32(at, true) : view.getFloat64(at, true);
      out[i]![field] = w === 4 ? (raw === U32_NULL ? null : raw) : Number.isNaN(raw) ? null : raw;
    }
  });
  return out;
}
