// Display formatting: numbers are stored exact and rounded only here. Each formatter is made
// on first use: making one costs milliseconds, which a page Hub Lens does not serve never pays.

const once = <T>(make: () => T) => {
  let made: T | undefined;
  return () => (made ??= make());
};
const compactFmt = once(() => new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }));
const fullFmt = once(() => new Intl.NumberFormat('en'));
const compact = { format: (n: number) => compactFmt().format(n) };
const full = { format: (n: number) => fullFmt().format(n) };

export const formatCount = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : n < 10_000 ? full.format(n) : compact.format(n);

export const formatExact = (n: number | null | undefined) => (n === null || n === undefined ? '—' : full.format(n));

/** A per-day rate: two decimals below 1, one below 10, whole numbers above, compact past 10k. */
export function formatRate(n: number | null, signed = true): string {
  if (n === null) return '—';
  const sign = n < 0 ? '−' : signed && n > 0 ? '+' : '';
  const a = Math.abs(n);
  const digits = a < 1 ? 2 : a < 10 ? 1 : 0;
  const body = a >= 10_000 ? compact.format(a) : a.toFixed(digits).replace(/\.0+$/, '');
  return `${sign}${body}`;
}

export function formatSigned(n: number | null): string {
  if (n === null) return '—';
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${formatCount(Math.abs(n))}`;
}

const dateFmt = once(() => new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }));
const dateTimeFmt = once(
  () => new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }),
);

export const formatDate = (t: number) => dateFmt().format(t);
export const formatDateTime = (t: number) => `${dateTimeFmt().format(t)} UTC`;

export function formatAgo(t: number, now: number): string {
  const s = Math.max(0, (now - t) / 1000);
  if (s < 90) return 'just now';
  const m = s / 60;
  if (m < 90) return `${Math.round(m)} min ago`;
  const h = m / 60;
  if (h < 36) return `${Math.round(h)} h ago`;
  const d = h / 24;
  if (d < 60) return `${Math.round(d)} days ago`;
  return formatDate(t);
}
