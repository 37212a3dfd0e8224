/**
 * Is a rate accelerating against the next longer window? 'up' when it runs 25% faster,
 * 'down' when 20% slower (symmetric on a log scale), with a small absolute floor so that
 * 0.1 against 0.05 likes a day is not called a trend.
 */
export function trend(rate: number | null, longer: number | null): 'up' | 'down' | null {
  if (rate === null || longer === null) return null;
  if (rate > longer * 1.25 + 0.05) return 'up';
  if (rate < longer * 0.8 - 0.05) return 'down';
  return null;
}
