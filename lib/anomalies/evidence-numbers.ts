import { formatExact } from '@/components/format';
import { DAY_MS, HOUR_MS } from '@/lib/types';

// Numbers for evidence sentences: rounded for reading, never NaN.

export function count(n: number): string {
  return Number.isFinite(n) ? formatExact(Math.round(n)) : '?';
}

/** A rate: "2.5", "0.03", "1,204". */
export function num(n: number): string {
  if (!Number.isFinite(n)) return '?';
  const a = Math.abs(n);
  if (a >= 10 || a === 0) return count(n);
  return String(Number(a >= 1 ? n.toFixed(1) : n.toPrecision(1)));
}

/** "45 min", "6 h", "3 days". */
export function span(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  if (ms < HOUR_MS) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (ms < 48 * HOUR_MS) return `${Math.round(ms / HOUR_MS)} h`;
  const days = Number((ms / DAY_MS).toFixed(ms < 10 * DAY_MS ? 1 : 0));
  return `${days} days`;
}

/** "1 like per 120 downloads" or "2.5 likes per download". */
export function likesPerDownload(ratio: number): string {
  if (!(ratio > 0) || !Number.isFinite(ratio)) return 'no likes per download';
  return ratio >= 1 ? `${num(ratio)} likes per download` : `1 like per ${count(1 / ratio)} downloads`;
}
