// Display formatting: numbers are stored exact and rounded only here. Numbers and dates are
// written by hand, as Intl's 'en' formatters write them (a test compares the two): the first
// Intl formatter a page makes costs it 20–35 ms of locale data, which the popup's first rows and
// the panel's first render would pay. Counts are whole numbers: a fraction is rounded first.

const grouped = (whole: number) => String(whole).replace(/\B(?=(\d{3})+$)/g, ','); // \B: never after a minus

/** As Intl.NumberFormat('en') writes a whole number: 1,234,567. */
const full = (n: number) => grouped(Math.round(n));

/** As Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }) writes a whole number from 1,000: 12.3K, 1.5B. */
function compact(n: number): string {
  const whole = Math.round(n);
  let unit = Math.min(4, Math.floor(Math.log10(whole) / 3)); // exact at powers of ten
  // Tenths of the unit; 999.95K rounds to 1000K, which is 1M.
  let tenths = Math.round(whole / 10 ** (3 * unit - 1));
  if (tenths >= 10_000 && unit < 4) tenths = Math.round(whole / 10 ** (3 * ++unit - 1));
  // Under 10,000T (every safe integer) the whole part is never grouped: 1000T.
  return `${Math.floor(tenths / 10)}${tenths % 10 ? `.${tenths % 10}` : ''}${' KMBT'[unit]}`;
}

const known = (n: number | null | undefined): n is number => Number.isFinite(n);

export const formatCount = (n: number | null | undefined) => (!known(n) ? '—' : n < 10_000 ? full(n) : compact(n));

export const formatExact = (n: number | null | undefined) => (known(n) ? full(n) : '—');

/** A count and its noun, grouped and in the right number: "1 model", "1,002 models". */
export const countOf = (n: number, one: string, many = `${one}s`) => `${full(n)} ${n === 1 ? one : many}`;

/** A per-day rate: two decimals below 1, one below 10, whole numbers above (1,610), compact past 10k. */
export function formatRate(n: number | null, signed = true): string {
  if (!known(n)) return '—';
  const sign = n < 0 ? '−' : signed && n > 0 ? '+' : '';
  const a = Math.abs(n);
  const body = a >= 10_000 ? compact(a) : a >= 10 ? full(a) : a.toFixed(a < 1 ? 2 : 1).replace(/\.0+$/, '');
  return `${sign}${body}`;
}

export function formatSigned(n: number | null): string {
  if (!known(n)) return '—';
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${formatCount(Math.abs(n))}`;
}

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** `write` of the time `t` in UTC and its "Dec 3"; "—" when `t` is no time. */
function utc(t: number, write: (d: Date, day: string) => string): string {
  const d = new Date(t);
  const m = d.getUTCMonth() * 3;
  return Number.isNaN(m) ? '—' : write(d, `${MONTHS.slice(m, m + 3)} ${d.getUTCDate()}`);
}

/** "Dec 3, 2026" (UTC), as Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric' }). */
export const formatDate = (t: number) => utc(t, (d, day) => `${day}, ${d.getUTCFullYear()}`);

/** "Dec 3, 14:05 UTC", as Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }). */
export const formatDateTime = (t: number) => utc(t, (d, day) => `${day}, ${d.toISOString().slice(11, 16)} UTC`);

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
