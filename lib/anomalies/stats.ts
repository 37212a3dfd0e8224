// Robust statistics, guarded so that no NaN or Infinity can leave them.

/** Median of a non-empty list (the list is not changed). */
export function median(xs: ArrayLike<number>): number {
  return sortedMedian(Float64Array.from(xs).sort());
}

function sortedMedian(s: Float64Array): number {
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median absolute deviation, scaled to estimate a standard deviation under normal noise. */
export function robustSigma(xs: ArrayLike<number>, centre: number): number {
  const d = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) d[i] = Math.abs(xs[i]! - centre);
  return 1.4826 * sortedMedian(d.sort());
}

/** Standard error of the median of `n` values with spread `sigma`: sqrt(pi / 2) times that of a mean. */
export function medianError(sigma: number, n: number): number {
  return (1.2533 * sigma) / Math.sqrt(n);
}

/** Clamp to [0, 1]; NaN becomes 0. */
export function clamp01(x: number): number {
  return x > 0 ? (x < 1 ? x : 1) : 0;
}

/** Confidence from how much of the needed span was seen: sqrt, so a week of 5 is already ~0.45. */
export function spanConfidence(seenMs: number, neededMs: number): number {
  return Math.sqrt(clamp01(seenMs / neededMs));
}
