import { fetchFamily, placeIn, type Family, type Place } from '@/lib/family/family';
import type { HubModel } from '@/lib/hub/client';
import { getModel, type ModelRecord } from '@/lib/store/history-db';
import type { Deps } from './handlers';

/** Families change slowly: one refresh a day, shared by every page of the family; an incomplete one is retried sooner. */
export const FAMILY_TTL_MS = 24 * 3_600_000;
const PARTIAL_TTL_MS = 10 * 60_000;

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

/** A fresh cached family this model belongs to: its own, its parent's, or the one it heads. */
async function cachedFamily(db: Deps['db'], record: ModelRecord, now: number): Promise<Family | undefined> {
  const candidates = new Set([record.familyHead, record.parents?.ids[0], record.id].filter((x): x is string => !!x));
  for (const head of candidates) {
    const f = await db.get('families', head);
    if (!f || now - f.fetchedAt >= (f.partial ? PARTIAL_TTL_MS : FAMILY_TTL_MS)) continue;
    const member = f.head === record.id || f.top.some((m) => m.id === record.id) || f.undeclared.some((m) => m.id === record.id);
    if (member || record.parents?.ids.includes(f.head)) return f;
  }
  return undefined;
}

/** The family card's data: cached, else fetched (after the panel's own numbers have their call). */
export async function familyOf({ db, hub, serial, now }: Deps, id: string): Promise<{ family: Family; place: Place } | null> {
  const record = await getModel(db, id);
  if (!record?.parents && !record?.children) return null; // the API has not answered for it yet
  let family = await cachedFamily(db, record, now());
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
