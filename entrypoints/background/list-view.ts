import { detector } from './warnings';
import { badgeFor } from '@/lib/badge';
import type { HubModel } from '@/lib/hub/client';
import type { ListQuery } from '@/lib/hub-page';
import type { Badge } from '@/lib/messages';
import { readSeries, recordSnapshots } from '@/lib/store/history-db';
import type { Deps } from './handlers';
import { API_REFRESH_MS, snapshotFromApi } from './handlers';

const COUNTERS = ['likes', 'downloads', 'downloadsAllTime', 'trendingScore', 'createdAt', 'pipeline_tag', 'library_name', 'tags', 'gguf'];

/** The last list answer per query, so paging back and forth costs no second call. */
const recent = new Map<string, number>();

/**
 * A page of model cards: one list call mirroring the page's own query (first pages only:
 * the API pages by cursor), a snapshot for every model it returns, and a badge per card.
 */
export async function onListView(deps: Deps, ids: string[], query: ListQuery | null): Promise<Record<string, Badge>> {
  const { db, hub, serial, now } = deps;
  const key = query && JSON.stringify(query);
  if (query && query.page === 0 && key && now() - (recent.get(key) ?? -Infinity) > API_REFRESH_MS) {
    recent.set(key, now());
    const { page: _page, ...params } = query;
    const answer = await hub.listModels({ ...params, limit: Math.min(Math.max(ids.length, 30), 100), expand: COUNTERS });
    if (answer.ok) await serial(() => recordSnapshots(db, answer.value.models.map((m) => observation(m, now())), now()));
  }
  const detect = await detector();
  const tx = db.transaction(['models', 'chunks'], 'readonly');
  const badges: Record<string, Badge> = {};
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      const [record, snapshots] = await Promise.all([tx.objectStore('models').get(id), readSeries(tx, id)]);
      if (!record || snapshots.length === 0) return;
      const { watched, ...meta } = record;
      const history = { ...meta, watched: watched === 1, snapshots };
      badges[id] = badgeFor(history, detect(history, now()));
    }),
  );
  await tx.done;
  return badges;
}

function observation(m: HubModel, t: number) {
  return {
    meta: { id: m.id, hubId: m.hubId, pipelineTag: m.pipelineTag, libraryName: m.libraryName, createdAt: m.createdAt, gguf: m.gguf },
    snap: snapshotFromApi(m, t),
  };
}
