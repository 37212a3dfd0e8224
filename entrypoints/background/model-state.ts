import { detector } from './warnings';
import type { ApiStatus, ModelState } from '@/lib/messages';
import { readSeries, type HistoryDB, type ModelRecord } from '@/lib/store/history-db';
import type { ModelHistory } from '@/lib/types';
import { likesGained, sinceLastVisit, velocity, WINDOWS } from '@/lib/velocity';

/** Everything the panel shows about one model, computed here so the page does no analysis. */
export async function modelState(db: HistoryDB, record: ModelRecord, now: number, api?: ApiStatus): Promise<ModelState> {
  const series = await readSeries(db, record.id);
  const { watched, firstSeen, previousVisit, ...meta } = record;
  const history: ModelHistory = { ...meta, watched: watched === 1, snapshots: series };
  const since = previousVisit === undefined ? null : sinceLastVisit(series, previousVisit);
  return {
    id: record.id,
    firstSeen,
    trackDownloads: record.trackDownloads,
    newVersion: record.newVersion,
    watched: watched === 1,
    series,
    velocity: velocity(series),
    likesGained7d: likesGained(series, WINDOWS['7d']),
    sinceLastVisit: since && { from: since.from, likes: since.likes, downloadsAllTime: since.downloadsAllTime },
    warnings: (await detector())(history, now),
    api,
  };
}
