import type { ModelHistory } from './types';
import { velocity } from './velocity';

// Placeholder until the analysis branch lands (same interface).
export type RateWindow = '24h' | '7d' | '30d' | 'lifetime';
export interface Rate {
  value: number | null;
  estimated: boolean;
  basis: string;
}
export interface Rates {
  likesPerDay: Record<RateWindow, Rate>;
  downloadsPerDay: Record<RateWindow, Rate>;
}
export function ratesFor(history: ModelHistory, _now: number): Rates {
  const v = velocity(history.snapshots);
  const m = (r: Record<'24h' | '7d' | '30d', number | null>): Record<RateWindow, Rate> => ({
    '24h': { value: r['24h'], estimated: false, basis: 'measured' },
    '7d': { value: r['7d'], estimated: false, basis: 'measured' },
    '30d': { value: r['30d'], estimated: false, basis: 'measured' },
    lifetime: { value: null, estimated: true, basis: '' },
  });
  return { likesPerDay: m(v.likesPerDay), downloadsPerDay: m(v.downloadsPerDay) };
}
