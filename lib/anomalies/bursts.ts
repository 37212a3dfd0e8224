import { DAY_MS } from '@/lib/types';
import { atOrAfter, atOrBefore, type Points } from './series';
import { median, medianError, robustSigma } from './stats';

// Finding windows in which a counter rose far above its own baseline: the median and MAD of its
// rates over earlier chunks of the window's length (a robust baseline, as StarGuard does), with a
// Poisson floor so that a model whose chunks are mostly 0 is not called bursting by a few likes.

export interface Baseline {
  /** median of the chunk rates, per day */
  rate: number;
  /** what was gained over the whole baseline, per day (what evidence quotes) */
  mean: number;
  /** robust sigma of the chunk rates, per day */
  sigma: number;
  /** standard error of `rate` (per day): a baseline of few chunks is itself uncertain */
  se: number;
  /** mean chunk length (ms) */
  chunkMs: number;
  from: number;
  to: number;
  /** true when the baseline is the cohort's, not the model's own */
  cohort: boolean;
}

export interface Window {
  /** reading at the start (ms) */
  from: number;
  /** reading at the end (ms) */
  to: number;
  /** the nominal window (ms); to - from is between it and twice it */
  nominal: number;
  gained: number;
  expected: number;
  excess: number;
  /** standard deviation of `gained` under the baseline */
  sigma: number;
  z: number;
  baseline: Baseline | null;
}

export interface ScanOptions {
  windowsMs: readonly number[];
  /** windows ending before this are not reported */
  endsFrom: number;
  baselineMs: number;
  minBaselineMs: number;
  z: number;
  /** least excess per day of the window, and at least once */
  minExcessPerDay: number;
  /** baseline chunk length; default the window, at most a day */
  chunkMs?: number;
  /** used where the model's own baseline is too short */
  fallback?: Baseline | null;
}

/** A median and MAD of fewer chunks than this say nothing robust. */
const MIN_CHUNKS = 3;

export function scan(p: Points, o: ScanOptions): Window[] {
  const out: Window[] = [];
  const n = p.t.length;
  const firstEnd = atOrAfter(p, o.endsFrom);
  if (n < 2 || firstEnd < 0) return out;
  for (const w of o.windowsMs) {
    const start = Math.max(0, atOrBefore(p, o.endsFrom - 2 * w - o.baselineMs));
    const chunks = chunksOf(p, start, o.chunkMs ?? Math.min(w, DAY_MS));
    const minExcess = o.minExcessPerDay * Math.max(1, w / DAY_MS);
    let b = start;
    let lo = 0;
    let hi = 0;
    let [memoLo, memoHi] = [-1, -1];
    let base: Baseline | null = null;
    for (let e = Math.max(firstEnd, start + 1); e < n; e++) {
      const limit = p.t[e]! - w;
      while (b + 1 < e && p.t[b + 1]! <= limit) b++;
      const spanMs = p.t[e]! - p.t[b]!;
      if (p.t[b]! > limit || spanMs > 2 * w) continue;
      while (hi < chunks.end.length && p.t[chunks.end[hi]!]! <= p.t[b]!) hi++;
      while (lo < hi && p.t[chunks.start[lo]!]! < p.t[b]! - o.baselineMs) lo++;
      // Too little gained to be a burst whatever the baseline: skip the baseline's cost.
      if (p.v[e]! - p.v[b]! < minExcess) continue;
      if (lo !== memoLo || hi !== memoHi) {
        [memoLo, memoHi] = [lo, hi];
        base = baselineOf(p, chunks, lo, hi, o.minBaselineMs) ?? o.fallback ?? null;
      }
      if (!base) continue;
      const win = measure(p, b, e, w, base);
      if (win.z >= o.z && win.excess >= minExcess) out.push(win);
    }
  }
  return out;
}

/**
 * Standard deviation of what a counter gains over `spanMs` beyond its baseline: chunk-to-chunk noise
 * adding up over the span, and the baseline's own uncertainty carried over the span.
 */
export function noiseOver(base: Baseline, spanMs: number): number {
  const walk = (base.sigma * Math.sqrt(spanMs * base.chunkMs)) / DAY_MS;
  const drift = (base.se * spanMs) / DAY_MS;
  return Math.sqrt(walk * walk + drift * drift);
}

/** The rise from reading `b` to reading `e` against a baseline (none: against nothing). */
export function measure(p: Points, b: number, e: number, nominal: number, base: Baseline | null): Window {
  const spanMs = p.t[e]! - p.t[b]!;
  const gained = p.v[e]! - p.v[b]!;
  const expected = base ? (base.rate * spanMs) / DAY_MS : 0;
  const noise = base ? noiseOver(base, spanMs) : 0;
  const excess = gained - expected;
  const sigma = Math.max(noise, Math.sqrt(Math.max(expected, 1)));
  return { from: p.t[b]!, to: p.t[e]!, nominal, gained, expected, excess, sigma, z: excess / sigma, baseline: base };
}

interface Chunks {
  start: number[];
  end: number[];
}

/** Consecutive spans of at least `chunkMs` between readings, from index `from` to `until`. */
function chunksOf(p: Points, from: number, chunkMs: number, until = p.t.length - 1): Chunks {
  const c: Chunks = { start: [], end: [] };
  for (let i = from, j = from + 1; j <= until; j++) {
    if (p.t[j]! - p.t[i]! >= chunkMs) {
      c.start.push(i);
      c.end.push(j);
      i = j;
    }
  }
  return c;
}

function baselineOf(p: Points, c: Chunks, lo: number, hi: number, minMs: number): Baseline | null {
  if (hi - lo < MIN_CHUNKS) return null;
  const from = p.t[c.start[lo]!]!;
  const to = p.t[c.end[hi - 1]!]!;
  if (to - from < minMs) return null;
  const rates = new Float64Array(hi - lo);
  for (let k = lo; k < hi; k++) {
    const i = c.start[k]!;
    const j = c.end[k]!;
    rates[k - lo] = ((p.v[j]! - p.v[i]!) / (p.t[j]! - p.t[i]!)) * DAY_MS;
  }
  const rate = median(rates);
  const sigma = robustSigma(rates, rate);
  return {
    rate,
    mean: ((p.v[c.end[hi - 1]!]! - p.v[c.start[lo]!]!) / (to - from)) * DAY_MS,
    sigma,
    se: medianError(sigma, hi - lo),
    chunkMs: (to - from) / (hi - lo),
    from,
    to,
    cohort: false,
  };
}

/** The model's own baseline of a counter over `baselineMs` before `t`, in chunks of a day. */
export function baselineBefore(p: Points, t: number, baselineMs: number, minMs: number): Baseline | null {
  const start = atOrAfter(p, t - baselineMs);
  const end = atOrBefore(p, t);
  if (start < 0 || end <= start) return null;
  const chunks = chunksOf(p, start, DAY_MS, end);
  return baselineOf(p, chunks, 0, chunks.start.length, minMs);
}

/** Windows whose excess is within this many standard deviations of a cluster's largest can describe it. */
const HELD_Z = 2;

/**
 * Separate episodes, strongest first (`stronger` sorts). Overlapping windows form one episode,
 * described by the earliest-ending, then shortest, window holding all of its largest excess but
 * noise: 150 likes in 6 h also make every 72 h window around them stand out (with some organic
 * likes on top), and 100 likes spread over 24 h make several 6 h windows stand out, each with only
 * part of them. Ending earliest says by when the episode had happened.
 */
export function episodes<W extends Window>(
  candidates: W[],
  stronger: (a: W, b: W) => number,
  max: number,
  /** windows that, where present, describe their episode whatever their share of its excess */
  telling: (w: W) => boolean = () => false,
): W[] {
  const clusters: W[][] = [];
  let end = -Infinity;
  for (const w of [...candidates].sort((a, b) => a.from - b.from)) {
    if (w.from < end) clusters[clusters.length - 1]!.push(w);
    else clusters.push([w]);
    end = Math.max(end, w.to);
  }
  const described = clusters.map((c) => {
    const top = c.reduce((m, w) => (w.excess > m.excess ? w : m));
    const strongest = [...c].sort(stronger)[0]!;
    const told = c.filter(telling);
    const held = told.length ? told : c.filter((w) => w.excess >= top.excess - HELD_Z * top.sigma);
    const better = (w: W, m: W) => w.to < m.to || (w.to === m.to && w.to - w.from < m.to - m.from);
    return { strongest, tight: held.reduce((m, w) => (better(w, m) ? w : m)) };
  });
  return described
    .sort((a, b) => stronger(a.strongest, b.strongest))
    .slice(0, max)
    .map((d) => d.tight);
}
