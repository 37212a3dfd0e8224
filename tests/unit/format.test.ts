import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatDateTime, formatExact, formatRate, formatSigned } from '@/components/format';

// The hand-written formatters write exactly what Intl's 'en' formatters write (Node carries the
// same ICU data as Chromium), so that no page pays for Intl's locale data.

const fullIntl = new Intl.NumberFormat('en');
const compactIntl = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const dateIntl = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const dateTimeIntl = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

/** Whole numbers as counts come, and near every rounding edge of the compact form (12,350; 999,950). */
const counts = fc.oneof(
  fc.integer({ min: -1e9, max: 1e12 }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.tuple(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 10 }), fc.constantFrom(-1, 0, 1)).map(
    ([n, zeros, nudge]) => Number(`${n}5${'0'.repeat(zeros)}`) + nudge,
  ).filter(Number.isSafeInteger),
);

describe('numbers', () => {
  it('are written as Intl.NumberFormat("en") writes them, for every safe whole number', () => {
    fc.assert(
      fc.property(counts, (n) => {
        expect(formatExact(n)).toBe(fullIntl.format(n));
      }),
      { numRuns: 5000 },
    );
  });

  it('are written compact from 10,000 on, as Intl writes them compact', () => {
    fc.assert(
      fc.property(counts, (n) => {
        expect(formatCount(n)).toBe(n < 10_000 ? fullIntl.format(n) : compactIntl.format(n));
      }),
      { numRuns: 5000 },
    );
    for (const [n, text] of [
      [9_999, '9,999'],
      [10_000, '10K'],
      [12_350, '12.4K'],
      [999_949, '999.9K'],
      [999_950, '1M'],
      [1_500_000_000, '1.5B'],
      [999.95e12, '1000T'],
      [Number.MAX_SAFE_INTEGER, '9007.2T'],
    ] as const) {
      expect(formatCount(n)).toBe(text);
    }
  });

  it('change unit exactly at each power of ten, and stay in T past every safe integer', () => {
    for (let k = 4; k <= 15; k++) {
      for (const n of [10 ** k - 1, 10 ** k, 10 ** k + 1]) expect(formatCount(n)).toBe(n < 10_000 ? fullIntl.format(n) : compactIntl.format(n));
    }
    expect(formatCount(1e21)).toBe('1000000000T');
  });

  it('are rounded to whole numbers first: counts are whole', () => {
    expect(formatExact(1234.4)).toBe('1,234');
    expect(formatExact(2.5)).toBe('3');
    expect(formatCount(12_349.5)).toBe('12.4K'); // 12,350
  });

  it('write nothing they could not read as a number', () => {
    for (const n of [null, undefined, NaN, Infinity, -Infinity]) {
      expect(formatCount(n)).toBe('—');
      expect(formatExact(n)).toBe('—');
      expect(formatSigned(n ?? null)).toBe('—');
      expect(formatRate(n ?? null)).toBe('—');
    }
  });

  it('write rates grouped from 1,000 and compact from 10,000', () => {
    expect(formatRate(12_345.67)).toBe('+12.3K');
    expect(formatRate(1_609.6, false)).toBe('1,610');
    expect(formatRate(-0.034)).toBe('−0.03');
    expect(formatRate(2.5, false)).toBe('2.5');
  });
});

describe('dates', () => {
  const times = fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) });

  it('are written as Intl.DateTimeFormat("en") writes them in UTC', () => {
    fc.assert(
      fc.property(times, (t) => {
        expect(formatDate(t)).toBe(dateIntl.format(t));
        expect(formatDateTime(t)).toBe(`${dateTimeIntl.format(t)} UTC`);
      }),
      { numRuns: 3000 },
    );
    expect(formatDateTime(Date.UTC(2026, 11, 3, 0, 5))).toBe('Dec 3, 00:05 UTC');
  });

  it('write nothing of a time that is not one', () => {
    expect(formatDate(NaN)).toBe('—');
    expect(formatDateTime(8.65e15)).toBe('—');
  });
});
