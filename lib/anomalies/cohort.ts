import { median, robustSigma } from './stats';

/**
 * Models of the same kind (pipeline tag, library, GGUF or not), as one Hub list call gives them:
 * the baseline a model is compared with where its own history is too short, and the ratio its
 * likes and downloads are held to (ReviewMeta tests against the category, not a constant).
 */
export interface Cohort {
  /** e.g. "text-generation, GGUF"; shown in evidence */
  label?: string;
  /** members that had both likes and downloads */
  size: number;
  /** median of likes / 30-day downloads, over members with downloads > 0; null without any */
  likesPerDownload: number | null;
  /** likes a day from the trending score (about 7-day likes, api.md): median and robust sigma */
  likesPerDay: { median: number; sigma: number; size: number } | null;
}

type Member = { likes: number | null; downloads: number | null; trendingScore: number | null };

const usable = (x: number | null): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

export function cohortFrom(models: readonly Member[], label?: string): Cohort {
  const ratios: number[] = [];
  const rates: number[] = [];
  let size = 0;
  for (const m of models) {
    if (usable(m.likes) && usable(m.downloads)) {
      size++;
      if (m.downloads > 0) ratios.push(m.likes / m.downloads);
    }
    if (usable(m.trendingScore)) rates.push(m.trendingScore / 7);
  }
  const rateMedian = rates.length ? median(rates) : 0;
  return {
    ...(label === undefined ? {} : { label }),
    size,
    likesPerDownload: ratios.length ? median(ratios) : null,
    likesPerDay: rates.length
      ? { median: rateMedian, sigma: robustSigma(rates, rateMedian), size: rates.length }
      : null,
  };
}
