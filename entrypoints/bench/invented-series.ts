import { HOUR_MS, type Snapshot } from '@/lib/types';

// Invented histories for the benchmarks: seeded random walks, the same on every run. Shared by
// the storage benchmark (inside the extension) and `npm run bench` (popup and list pages).

/** Ids of `n` invented models, spread over 37 invented organisations. */
export const inventedIds = (n: number) => Array.from({ length: n }, (_, i) => `bench-org-${i % 37}/invented-model-${i}`);

/**
 * `days` of hourly snapshots of model number `model`, the last near `end`. Downloads per hour
 * vary; the 30-day counter is their rolling sum, as the Hub's is. With `campaign`, 400 likes
 * arrive over six hours four days before the end, with no downloads behind them.
 */
export function inventedSeries(model: number, days: number, end: number, { campaign = false } = {}): Snapshot[] {
  let seed = model * 2654435761 + 1;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const n = days * 24;
  const out: Snapshot[] = new Array(n);
  const hourly: number[] = new Array(n);
  const burstAt = n - 4 * 24;
  let likes = Math.floor(rand() * 5000);
  let all = Math.floor(rand() * 5e7);
  let window = 0;
  const rate = rand() * 40;
  for (let i = 0; i < n; i++) {
    likes += rand() < rate / 24 ? 1 + Math.floor(rand() * 3) : 0;
    if (campaign && i >= burstAt && i < burstAt + 6) likes += 400 / 6;
    likes = Math.round(likes);
    hourly[i] = Math.floor(rand() * rate * 300);
    all += hourly[i]!;
    window += hourly[i]! - (i >= 720 ? hourly[i - 720]! : 0);
    out[i] = {
      t: end - (n - 1 - i) * HOUR_MS - Math.floor(rand() * 60_000),
      likes,
      downloads: window,
      downloadsAllTime: all,
      trendingScore: Math.floor(rate * 7),
    };
  }
  return out;
}
