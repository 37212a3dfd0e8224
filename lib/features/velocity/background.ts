import { ratesFor } from '@/lib/estimates';
import { everyPeriod } from '@/lib/features/period';
import type { BackgroundPart } from '@/lib/features/protocol';
import { seriesFor } from '@/lib/velocity';
import { MIN_SPAN_MS, rateCells, type VelocityView } from './view-model';

export const describe: BackgroundPart['describe'] = async (history, ctx): Promise<VelocityView> => {
  const s = history.snapshots;
  const allTime = seriesFor(s, 'downloadsAllTime');
  const recordedMs = s.length ? s[s.length - 1]!.t - s[0]!.t : 0;
  const { pollMinutes } = await ctx.settings();
  return {
    likes: seriesFor(s, 'likes'),
    // Daily downloads come from the all-time counter; without two of its readings, the 30-day one.
    downloads: allTime.length >= 2 ? allTime : seriesFor(s, 'downloads'),
    downloadsAllTime: allTime.length >= 2,
    ...rateCells(ratesFor(history, ctx.now())),
    recordedMs,
    young:
      recordedMs < MIN_SPAN_MS
        ? `${s.length <= 1 ? 'Seen once' : 'Recorded for under an hour'} so far: Hub Lens records this model each time you open it, or ${everyPeriod(pollMinutes)} once you press Watch.`
        : null,
  };
};
