import { fetchFamily, placeIn, type Family, type Place } from '@/lib/family/family';
import type { HubModel } from '@/lib/hub/client';
import { getModel, type ModelRecord } from '@/lib/store/history-db';
import type { Deps } from './handlers';

/** Families change slowly: one refresh a day, shared by every page of the family. */
export const FAMILY_TTL_MS = 24 * 3_600_000;

/** What the model's last API answer said about its relatives, as the family code reads it. */
function asHubModel(r: ModelRecord): HubModel {
  return {
    id: r.id,
    hubId: r.hubId,
    downloads: r.last?.downloads ?? undefined,
    likes: r.last?.likes ?? undefined,
    tags: [],
    gguf: r.gguf === true,
    baseModels: r.parents ?? { ids: [] },
    childrenCount: r.children,
    newVersion: r.newVersion,
  };
}

/** The family card's data: cached, else fetched (after the panel's own numbers have their call). */
export async function familyOf({ db, hub, serial, now }: Deps, id: string): Promise<{ family: Family; place: Place } | null> {
  const record = await getModel(db, id);
  if (!record?.parents && !record?.children) return null; // the API has not answered for it yet
  const cached = record.familyHead ? await db.get('families', record.familyHead) : undefined;
  let family = cached && now() - cached.fetchedAt < FAMILY_TTL_MS ? cached : undefined;
  if (!family) {
    family = await fetchFamily(asHubModel(record), hub, now());
    const fresh = family;
    await serial(async () => {
      const tx = db.transaction(['models', 'families'], 'readwrite');
      await tx.objectStore('families').put(fresh);
      const latest = await tx.objectStore('models').get(id);
      if (latest) await tx.objectStore('models').put({ ...latest, familyHead: fresh.head });
      await tx.done;
    });
  }
  return { family, place: placeIn(family, { id, downloads: record.last?.downloads ?? undefined, gguf: record.gguf, newVersion: record.newVersion }) };
}
