import type { ModelHistory, Snapshot } from './types';

// Exports as text parts, one model at a time, so a history of millions of snapshots becomes
// a file without one giant string.

const iso = (t: number) => new Date(t).toISOString();

function modelJson({ snapshots, ...meta }: ModelHistory): string {
  const model = {
    id: meta.id,
    hubId: meta.hubId,
    pipelineTag: meta.pipelineTag,
    libraryName: meta.libraryName,
    createdAt: meta.createdAt,
    trackDownloads: meta.trackDownloads,
    watched: meta.watched,
    snapshots: snapshots.map((s: Snapshot) => ({
      t: iso(s.t),
      likes: s.likes,
      downloads: s.downloads,
      downloadsAllTime: s.downloadsAllTime,
      trendingScore: s.trendingScore,
    })),
  };
  return JSON.stringify(model);
}

/** `hub-lens-history` version 1, one model a part. */
export async function* historyJsonParts(models: AsyncIterable<ModelHistory>, exportedAt: Date, source?: string): AsyncGenerator<string> {
  const head = { format: 'hub-lens-history', version: 1, exportedAt: exportedAt.toISOString(), ...(source ? { source } : {}) };
  yield `${JSON.stringify(head).slice(0, -1)},"models":[\n`;
  let first = true;
  for await (const m of models) {
    yield `${first ? '' : ',\n'}${modelJson(m)}`;
    first = false;
  }
  yield '\n]}\n';
}

const csvCell = (v: string | number | null) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per snapshot, UTC times, empty cell = null. */
export async function* historyCsvParts(models: AsyncIterable<ModelHistory>): AsyncGenerator<string> {
  yield 'model_id,t,likes,downloads,downloads_all_time,trending_score\n';
  for await (const m of models) {
    yield m.snapshots
      .map((s) => [m.id, iso(s.t), s.likes, s.downloads, s.downloadsAllTime, s.trendingScore].map(csvCell).join(',') + '\n')
      .join('');
  }
}
