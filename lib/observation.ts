import type { HubModel } from './hub/client';
import type { ModelRecord } from './store/history-db';
import type { ModelMeta, Snapshot } from './types';

// Everything Hub Lens learns about a model, from a page or from the API, becomes one
// Observation through one of the two mappers below: the only shape the store records.

/** What a model page's own header says, read without any API call (lib/hub-page.ts). */
export interface PageModel {
  id: string;
  likes?: number;
  downloads?: number;
  downloadsAllTime?: number;
  trackDownloads?: boolean;
  createdAt?: string;
  pipelineTag?: string;
  libraryName?: string;
  newVersion?: string;
  gguf?: boolean;
}

export type ObservedMeta = Partial<ModelMeta> & Partial<Pick<ModelRecord, 'parents' | 'children'>> & { id: string };

export interface Observation {
  meta: ObservedMeta;
  snapshot: Snapshot;
}

export function fromPage({ likes, downloads, downloadsAllTime, ...meta }: PageModel, t: number): Observation {
  return {
    meta,
    snapshot: { t, likes: likes ?? null, downloads: downloads ?? null, downloadsAllTime: downloadsAllTime ?? null, trendingScore: null },
  };
}

/** `listEntry`: from a list answer, which carries no relatives: the record keeps the ones it has. */
export function fromHub(m: HubModel, t: number, { listEntry = false } = {}): Observation {
  return {
    meta: {
      id: m.id,
      hubId: m.hubId,
      pipelineTag: m.pipelineTag,
      libraryName: m.libraryName,
      createdAt: m.createdAt,
      gguf: m.gguf,
      newVersion: m.newVersion,
      ...(listEntry ? {} : { parents: m.baseModels, children: m.childrenCount }),
    },
    snapshot: {
      t,
      likes: m.likes ?? null,
      downloads: m.downloads ?? null,
      downloadsAllTime: m.downloadsAllTime ?? null,
      trendingScore: m.trendingScore ?? null,
    },
  };
}
