import type { WatchRow } from './summary';

// The one rule that orders the watch list: the popup's table sorts and filters by it, and the
// background picks the popup's first rows by it (watchlist/top), so the rows shown first are
// the top of the very list that replaces them.

export type Column = 'id' | 'likes' | 'downloads' | 'likesPerDay24h' | 'likesPerDay7d' | 'severity';

/** The order the popup opens in: likes a day over the last 24 hours, most first. */
export const DEFAULT_ORDER = { sort: 'likesPerDay24h', descending: true } as const satisfies { sort: Column; descending: boolean };

const SEVERITY_RANK = { alert: 2, warn: 1 } as const;

function value(row: WatchRow, key: Column): string | number | null {
  if (key === 'severity') return row.severity ? SEVERITY_RANK[row.severity] : 0;
  return row[key];
}

/** Sorted and filtered rows; nulls always last; ties keep the order they came in (a stable sort). */
export function visibleRows(rows: readonly WatchRow[], filter: string, sort: Column, descending: boolean): WatchRow[] {
  const q = filter.trim().toLowerCase();
  const kept = q ? rows.filter((r) => r.id.toLowerCase().includes(q)) : rows;
  return [...kept].sort((a, b) => {
    const va = value(a, sort);
    const vb = value(b, sort);
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    const c = typeof va === 'string' ? va.localeCompare(vb as string) : va - (vb as number);
    return descending ? -c : c;
  });
}

/** Rows are a fixed height so only those on screen, and OVERSCAN more each side, are rendered (1,000 watched models). */
export const ROW_HEIGHT = 29;
export const VIEW_ROWS = 16;
export const OVERSCAN = 8;
/**
 * The rows on screen with the list scrolled to the top (the scroller is VIEW_ROWS + 1 rows high,
 * its header included): what the popup renders first (public/popup-early.js asks for them). The
 * rows below wait for the whole list, a few milliseconds later: the first frame paints only what is seen.
 */
export const FIRST_ROWS = VIEW_ROWS + 1;

/** The first `count` rows in the popup's opening order: what its first screen shows. */
export const topRows = (rows: readonly WatchRow[], count: number): WatchRow[] =>
  visibleRows(rows, '', DEFAULT_ORDER.sort, DEFAULT_ORDER.descending).slice(0, count);
/** A row's height when the popup is narrow (under 480 px, or zoomed in): two lines, the model's name on the first. */
export const ROW_HEIGHT_NARROW = 48;

/**
 * The popup's first screen (`topOfList` of FIRST_ROWS) is also kept in session storage, where
 * public/popup-early.js reads it without waking this worker: asleep, it takes ~150 ms to answer.
 * Session storage is memory that content scripts cannot read or write, emptied when the browser
 * closes. It is published again after every write to the rows; when that fails it is removed,
 * so the popup never shows rows a write has made stale (it then asks `watchlist/top`).
 */
export const FIRST_SCREEN_KEY = 'watch-first-screen';
