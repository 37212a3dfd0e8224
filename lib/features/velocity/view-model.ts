import { formatRate } from '@/components/format';
import { estimateSaid } from '@/components/said';
import { RATE_WINDOWS, type Rate, type Rates, type RateWindow } from '@/lib/estimates';
import { trend } from '@/lib/trend';

export interface Point {
  t: number;
  v: number;
}

/** One rate as the panel shows it, worded where it is computed (the content script stays small). */
export interface RateCell {
  text: string;
  /** where the figure comes from, on hover */
  title: string;
  /** what a screen reader says in place of the cell's signs: "about 54, estimated from the 7-day trending score" */
  said: string;
  /** an estimate from the Hub's own windows, shown with ≈ */
  estimated: boolean;
  /** against the next longer window, measured rates only */
  trend: 'up' | 'down' | null;
}

/** Less history than this draws a flat, misleading line: say so in words instead. */
export const MIN_SPAN_MS = 3_600_000;

/** The velocity feature's part of the model state. */
export interface VelocityView {
  likes: Point[];
  /** all-time downloads when two readings exist (`downloadsAllTime`), else the 30-day counter */
  downloads: Point[];
  downloadsAllTime: boolean;
  /** likes and downloads a day, one cell per window of RATE_WINDOWS: measured from the history, else estimated */
  rates: { likes: RateCell[]; downloads: RateCell[] };
  /** some rate is an estimate */
  estimated: boolean;
  /** from the first snapshot to the last */
  recordedMs: number;
  /** under the rates table when some are estimates (worded here: the content script stays small) */
  note: string | null;
  /** in place of the charts while the history spans less than MIN_SPAN_MS */
  young: string | null;
}

const WINDOW_WORDS: Record<RateWindow, string> = { '24h': '24-hour', '7d': '7-day', '30d': '30-day', lifetime: 'lifetime' };

function cell(rate: Rate, longer: Rate | undefined, longerWindow: RateWindow | undefined): RateCell {
  const estimated = rate.estimated && rate.value !== null;
  const text = formatRate(rate.value, !rate.estimated);
  // Arrows compare measured rates only: an estimate against a measurement says nothing.
  const t = !rate.estimated && longer && !longer.estimated ? trend(rate.value, longer.value) : null;
  const against = t && longerWindow ? `${t === 'up' ? 'faster' : 'slower'} than the ${WINDOW_WORDS[longerWindow]} rate` : '';
  const title = rate.value === null ? rate.basis || 'not enough history for this window yet' : `${rate.basis}${against && `; ${against}`}`;
  return {
    text,
    title,
    said: rate.value === null ? title : estimated ? estimateSaid(text, rate.basis) : `${text}${against && `, ${against}`}`,
    estimated,
    trend: t,
  };
}

const row = (rates: Rates['likesPerDay']) =>
  RATE_WINDOWS.map((w, i) => {
    const next = RATE_WINDOWS[i + 1];
    return cell(rates[w], next ? rates[next] : undefined, next);
  });

/** Under the rates table, when some of them are estimates. */
const ESTIMATES_NOTE =
  '≈ estimated from the Hub’s own windows (the 7-day trending score, the 30-day download counter, totals since creation) until Hub Lens’s history covers the window; hover a number for its source.';

/** The rates table of the panel. */
export function rateCells(rates: Rates): Pick<VelocityView, 'rates' | 'estimated' | 'note'> {
  const estimated = RATE_WINDOWS.some((w) => rates.likesPerDay[w].estimated || rates.downloadsPerDay[w].estimated);
  return {
    rates: { likes: row(rates.likesPerDay), downloads: row(rates.downloadsPerDay) },
    estimated,
    note: estimated ? ESTIMATES_NOTE : null,
  };
}
