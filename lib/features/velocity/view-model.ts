import { formatRate } from '@/components/format';
import { RATE_WINDOWS, type Rate, type Rates } from '@/lib/estimates';
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
  /** an estimate from the Hub's own windows, shown with ≈ */
  estimated: boolean;
  /** against the next longer window, measured rates only */
  trend: 'up' | 'down' | null;
}

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
}

function cell(rate: Rate, longer: Rate | undefined): RateCell {
  const estimated = rate.estimated && rate.value !== null;
  return {
    text: formatRate(rate.value, !rate.estimated),
    title: rate.value === null ? rate.basis || 'not enough history for this window yet' : rate.basis,
    estimated,
    // Arrows compare measured rates only: an estimate against a measurement says nothing.
    trend: !rate.estimated && longer && !longer.estimated ? trend(rate.value, longer.value) : null,
  };
}

const row = (rates: Rates['likesPerDay']) => RATE_WINDOWS.map((w, i) => cell(rates[w], RATE_WINDOWS[i + 1] ? rates[RATE_WINDOWS[i + 1]!] : undefined));

/** The rates table of the panel. */
export function rateCells(rates: Rates): Pick<VelocityView, 'rates' | 'estimated'> {
  return {
    rates: { likes: row(rates.likesPerDay), downloads: row(rates.downloadsPerDay) },
    estimated: RATE_WINDOWS.some((w) => rates.likesPerDay[w].estimated || rates.downloadsPerDay[w].estimated),
  };
}
