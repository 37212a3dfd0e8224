import type { HubClient, HubModel } from '@/lib/hub/client';
import { parseHistoryFile } from '@/lib/history-format';
import type { ImportResult, ModelState, PageObservation } from '@/lib/messages';
import {
  getModel,
  ingestAll,
  recordSnapshot,
  THROTTLE_MS,
  VISIT_GAP_MS,
  type HistoryDB,
  type ModelRecord,
} from '@/lib/store/history-db';
import type { ModelMeta, Snapshot } from '@/lib/types';
import { modelState } from './model-state';

/** The one API call per model is made at most this often. */
export const API_REFRESH_MS = THROTTLE_MS;

export interface Deps {
  db: HistoryDB;
  hub: HubClient;
  /** every database write runs through this queue */
  serial: <T>(task: () => Promise<T>) => Promise<T>;
  now: () => number;
}

/** A page view: record what the page says, return what Hub Lens knows. */
export async function onView({ db, serial, now }: Deps, obs: PageObservation): Promise<ModelState> {
  const t = now();
  const record = await serial(async () => {
    const old = await getModel(db, obs.id);
    const newVisit = old?.lastView !== undefined && t - old.lastView > VISIT_GAP_MS;
    const visits = { lastView: t, previousVisit: newVisit ? old!.lastView : old?.previousVisit };
    const snap: Snapshot = {
      t,
      likes: obs.likes ?? null,
      downloads: obs.downloads ?? null,
      downloadsAllTime: obs.downloadsAllTime ?? null,
      trendingScore: null,
    };
    const { id, likes: _l, downloads: _d, downloadsAllTime: _a, ...meta } = obs;
    await recordSnapshot(db, { id, ...meta }, snap, t, visits);
    return getModel(db, id);
  });
  return modelState(db, record!, t);
}

export const metaFromApi = (m: HubModel): Partial<ModelMeta> & Pick<ModelRecord, 'parents' | 'children'> => ({
  parents: m.baseModels,
  children: m.childrenCount,
  hubId: m.hubId,
  pipelineTag: m.pipelineTag,
  libraryName: m.libraryName,
  createdAt: m.createdAt,
  gguf: m.gguf,
  newVersion: m.newVersion,
});

export const snapshotFromApi = (m: HubModel, t: number): Snapshot => ({
  t,
  likes: m.likes ?? null,
  downloads: m.downloads ?? null,
  downloadsAllTime: m.downloadsAllTime ?? null,
  trendingScore: m.trendingScore ?? null,
});

/** The one API call for a model (trending score and the rest), at most once per API_REFRESH_MS. */
export async function onRefresh({ db, hub, serial, now }: Deps, id: string): Promise<ModelState | null> {
  const due = await serial(async () => {
    const old = await getModel(db, id);
    if (!old || (old.lastApiFetch !== undefined && now() - old.lastApiFetch < API_REFRESH_MS)) return false;
    // Claimed before the call, so a second tab on the same model does not call too.
    await db.put('models', { ...old, lastApiFetch: now() });
    return true;
  });
  const current = await getModel(db, id);
  if (!current) return null;
  if (!due) return modelState(db, current, now(), { status: 'skipped' });
  const answer = await hub.getModel(id, { priority: 'interactive' });
  if (!answer.ok) {
    return modelState(db, current, now(), { status: answer.error.kind, retryAt: answer.error.retryAt });
  }
  const m = answer.value;
  const t = now();
  const record = await serial(async () => {
    await recordSnapshot(db, { id, ...metaFromApi(m) }, snapshotFromApi(m, t), t);
    return getModel(db, id);
  });
  return modelState(db, record!, t, { status: 'ok' });
}

/** Import a history file whole: validated before anything is written, written in one transaction. */
export async function onImport(
  { db, serial, now }: Deps,
  text: string,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult> {
  const parsed = parseHistoryFile(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const models = parsed.file.models;
  try {
    const counts = await serial(() => ingestAll(db, models, now(), (done) => onProgress?.(done, models.length)));
    return { ok: true, models: models.length, ...counts };
  } catch (error) {
    return { ok: false, error: `Nothing was imported: ${error instanceof Error ? error.message : String(error)}` };
  }
}
