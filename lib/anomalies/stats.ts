// Robust statistics, guarded so that no NaN or Infinity can leave them.

/** Median of a non-empty list (the list is not changed). */
export function median(xs: readonly number[]): number {
  const s = Float64Array.from(xs).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median absolute deviation, scaled to estimate a standard deviation under normal noise. */
export function robustSigma(xs: readonly number[], centre: number): number {
  return 1.4826 * median(xs.map((x) => Math.abs(x - centre)));
}

/** Clamp to [0, 1]; NaN becomes 0. */
export function clamp01(x: number): number {
  return x > 0 ? (x < 1 ? x : 1) : 0;
}

/** Confidence from how much of the needed span was seen: sqrt, so a week of 5 is already ~0.45. */
export function spanConfidence(seenMs: number, neededMs: number): number {
  return Math.sqrt(clamp01(seenMs / neededMs));
}
