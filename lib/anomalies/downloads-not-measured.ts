import { type Detector, warning } from './context';
import { count } from './evidence-numbers';
import { atOrBefore } from './series';

export const downloadsNotMeasured: Detector = {
  meta: true,
  detect(ctx) {
    if (ctx.history.trackDownloads !== false) return null;
    const d = ctx.series.downloads;
    const i = atOrBefore(d, ctx.at);
    const shown = i >= 0 ? `its ${count(d.v[i]!)} downloads` : 'its download count';
    const since = Number.isNaN(ctx.series.first) ? ctx.at : ctx.series.first;
    const evidence =
      `The Hub does not count this repo's downloads (it has no file the counter watches, such as ` +
      `config.json), so ${shown} say nothing about use`;
    return warning('downloads-not-measured', 'info', since, 1, evidence);
  },
  why: () =>
    `The Hub counts downloads only through "query files" (config.json and the like, or every .gguf); a repo ` +
    `without one shows 0 however much it is used, and its page says so (trackDownloads is false). Such repos ` +
    `never get zero-download or likes-without-downloads warnings.`,
};
