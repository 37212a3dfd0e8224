import type { Rates } from '../../estimates';

export interface Point {
  t: number;
  v: number;
}

/** The velocity feature's part of the model state. */
export interface VelocityView {
  likes: Point[];
  /** all-time downloads when two readings exist (`downloadsAllTime`), else the 30-day counter */
  downloads: Point[];
  downloadsAllTime: boolean;
  /** per window: measured from the history, else estimated from the Hub's own windows */
  rates: Rates;
  /** likes gained over 7 days in Hub Lens's own history (report-v1's base rule) */
  likesGained7d: number | null;
  /** from the first snapshot to the last */
  recordedMs: number;
}
