import { ratesFor, type Rate } from '@/lib/estimates';
import { familyCard, type FamilyCard } from '@/lib/family/card';
import { fetchFamily, knownCounts, placeIn, type Family, type Member } from '@/lib/family/family';
import type { HubModel } from '@/lib/hub/client';
import type { ModelRecord } from '@/lib/store/history-db';
import { handler, type BackgroundContext, type BackgroundPart } from '@/lib/features/protocol';
import { byId } from '@/lib/features/message-schemas';
import { putFamily, readFamily } from './store';

/** Families change slowly: one refresh a day, shared by every page of the family; an incomplete one is retried sooner. */
export const FAMILY_TTL_MS = 24 * 3_600_000;
const PARTIAL_TTL_MS = 10 * 60_000;

/** A relative seen in a list answer, as one snapshot: the same estimate as every other rate. */
function relativeRate(m: Member, t: number): Rate {
  const snapshot = { t, likes: m.likes ?? null, downloads: m.downloads ?? null, downloadsAllTime: null, trendingScore: m.trendingScore ?? null };
  return ratesFor({ id: m.id, createdAt: m.createdAt, snapshots: [snapshot] }, t).likesPerDay['7d'];
}

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

const isFresh = (f: Family, now: number) => now - f.fetchedAt < (f.partial ? PARTIAL_TTL_MS : FAMILY_TTL_MS);
const holds = (f: Family, id: string) =>
  f.head === id || f.chain?.includes(id) || f.top.some((m) => m.id === id) || f.undeclared.some((m) => m.id === id);

/**
 * A fresh cached family this model belongs to: the one it was last placed in, its parent's
 * (a copy of a copy finds the family through its parent's record), or the one it heads.
 */
async function cachedFamily(ctx: BackgroundContext, record: ModelRecord): Promise<Family | undefined> {
  const parents = record.parents?.ids ?? [];
  const parentHeads = await Promise.all(parents.slice(0, 2).map(async (p) => (await ctx.store.model(p))?.familyHead));
  const candidates = new Set([record.familyHead, ...parentHeads, ...parents, record.id].filter((x): x is string => !!x));
  for (const head of candidates) {
    const f = await readFamily(ctx.store, head);
    if (f && isFresh(f, ctx.now()) && (holds(f, record.id) || parents.some((p) => holds(f, p)))) return f;
  }
  return undefined;
}

async function familyOf(ctx: BackgroundContext, id: string): Promise<FamilyCard | null> {
  const record = await ctx.store.model(id);
  if (!record?.parents && !record?.children) return null; // the API has not answered for it yet
  let family = await cachedFamily(ctx, record);
  if (!family) {
    // Two tabs of one family at once make their calls once: the Hub client shares a call in flight.
    family = await fetchFamily(asHubModel(record), await ctx.hub(), ctx.now());
    await putFamily(ctx.store, family, id).catch(() => undefined); // not cached: fetched again next time
  }
  const own = record.last?.downloads ?? undefined;
  const likesPerDay = Object.fromEntries([...family.top, ...family.undeclared].map((m) => [m.id, relativeRate(m, family!.fetchedAt)]));
  const place = placeIn(family, { id, downloads: own, gguf: record.gguf, newVersion: record.newVersion, baseModels: record.parents });
  return familyCard({ family, place, likesPerDay, counts: knownCounts(family) }, id);
}

export const handlers = {
  /** The family card, composed: its family cached, else fetched (after the panel's own numbers have their call). */
  'family/get': handler({
    from: ['hub', 'extension'],
    input: byId,
    run: ({ id }, ctx) => familyOf(ctx, id),
  }),
} satisfies BackgroundPart['handlers'];

type Messages = typeof handlers;
declare module '@/lib/features/protocol' {
  interface Protocol extends Messages {}
}
