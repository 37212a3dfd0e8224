import { ratesFor } from '@/lib/estimates';
import type { BackgroundPart } from '@/lib/features/protocol';
import { seriesFor } from '@/lib/velocity';
import { rateCells, type VelocityView } from './view-model';

export const describe: BackgroundPart['describe'] = (history, ctx): VelocityView => {
  const s = history.snapshots;
  const allTime = seriesFor(s, 'downloadsAllTime');
  return {
    likes: seriesFor(s, 'likes'),
    // Daily downloads come from the all-time counter; without two of its readings, the 30-day one.
    downloads: allTime.length >= 2 ? allTime : seriesFor(s, 'downloads'),
    downloadsAllTime: allTime.length >= 2,
    ...rateCells(ratesFor(history, ctx.now())),
    recordedMs: s.length ? s[s.length - 1]!.t - s[0]!.t : 0,
  };
};
