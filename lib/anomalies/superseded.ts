import { type Detector, warning } from './context';
import { count } from './evidence-numbers';
import { atOrBefore } from './series';

export const superseded: Detector = {
  meta: true,
  detect(ctx) {
    const next = ctx.history.newVersion;
    if (typeof next !== 'string' || !next.trim() || next === ctx.history.id) return null;
    const d = ctx.series.downloads;
    const i = atOrBefore(d, ctx.at);
    const still =
      i >= 0 && d.v[i]! > 0
        ? `, yet still counts ${count(d.v[i]!)} downloads in 30 days (older repos keep downloads out of habit)`
        : '';
    const since = Number.isNaN(ctx.series.first) ? ctx.at : ctx.series.first;
    return warning('superseded', 'info', since, 1, `This repo names ${next.trim()} as its newer version${still}`);
  },
  why: () =>
    `The repo's card names a newer version (new_version). Older repos keep their downloads out of habit while ` +
    `the newer one starves (a lab saw 30,000 weekend downloads go to its old model), so popularity here may ` +
    `not mean it is the one to use.`,
};
