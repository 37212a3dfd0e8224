import type { HubClient, HubErrorKind, HubModel } from '@/lib/hub/client';
import { RELATIONS, type Relation } from '@/lib/hub/schemas';
import { isModelId } from '@/lib/model-id';
import { looksLikeCopyOf, normaliseName } from './names';

// A model's family: the original, its declared children by relation, and undeclared copies.
// At most five API calls a refresh: the walk up to the original, one list of children of
// every relation, one name search.

export const MAX_CALLS = 5;
const MAX_DEPTH = 4;
const TOP = 20;
const LIST_EXPAND = ['likes', 'downloads', 'trendingScore', 'createdAt', 'tags', 'gguf'];

export interface Member {
  id: string;
  relation: Relation | 'undeclared';
  downloads?: number;
  likes?: number;
  trendingScore?: number;
  createdAt?: string;
  gguf: boolean;
}

/** Why a declared base could not be read, in the words the card shows. */
export type UnreadableReason = 'not found' | 'gated or private' | 'server error' | 'offline' | 'rate-limited' | 'malformed';

const UNREADABLE: Record<HubErrorKind, UnreadableReason> = {
  'not-found': 'not found',
  unauthorized: 'gated or private',
  'server-error': 'server error',
  offline: 'offline',
  'rate-limited': 'rate-limited',
  malformed: 'malformed',
};

export interface Family {
  /**
   * the original: the nearest ancestor that is not itself a re-upload; when the walk up could
   * not read a declared base, that base's id (what the repos declare), see `unreadableBase`
   */
  head: string;
  /**
   * the declared base that could not be read: the head is then known by its id only;
   * `relation` is what the repo that declared it said it is (quantized, finetune…)
   */
  unreadableBase?: { id: string; reason: UnreadableReason; relation?: Relation };
  /**
   * the ids walked from the model the family was fetched for up to the head, both included,
   * so a cached family is found from any repo on the way (absent in families cached before it)
   */
  chain?: string[];
  headDownloads?: number;
  headLikes?: number;
  headGguf: boolean;
  counts: Record<Relation, number | null>;
  /** the largest declared children, all relations, by 30-day downloads */
  top: Member[];
  undeclared: Member[];
  newVersion?: string;
  fetchedAt: number;
  /** something failed part-way: what is here is true but incomplete */
  partial: boolean;
  calls: number;
}

const relationTo = (child: HubModel, parent: string): Relation | undefined => {
  for (const tag of child.tags) {
    const m = /^base_model:(quantized|finetune|adapter|merge):(.+)$/.exec(tag);
    if (m && m[2] === parent) return m[1] as Relation;
  }
  return child.baseModels.ids.includes(parent) ? child.baseModels.relation : undefined;
};

const member = (m: HubModel, relation: Member['relation']): Member => ({
  id: m.id,
  relation,
  downloads: m.downloads,
  likes: m.likes,
  trendingScore: m.trendingScore,
  createdAt: m.createdAt,
  gguf: m.gguf,
});

interface HeadFound {
  /** the head's answer; only its id when it could not be read */
  head: HubModel;
  chain: string[];
  unreadableBase?: Family['unreadableBase'];
  partial: boolean;
}

/** A model known by its id alone. */
const idOnly = (id: string): HubModel => ({ id, tags: [], gguf: false, baseModels: { ids: [] } });

/**
 * Walk up from `model` while it is a quantized copy (cycle-safe, depth-limited). A finetune,
 * adapter or merge belongs to its parent's family; a model with children of its own heads one.
 * A declared base that cannot be read is still the head: a failure never makes a copy its
 * own original.
 */
async function findHead(model: HubModel, client: HubClient, budget: { calls: number }): Promise<HeadFound> {
  const hasChildren = (m: HubModel) => (m.childrenCount?.total ?? 0) > 0;
  let current = model;
  const chain = [model.id];
  const seen = new Set([model.id.toLowerCase()]);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    // Ids can come from stored records written under older rules: only a valid one is walked to.
    const parentId = current.baseModels.ids.find(isModelId);
    const isCopy = current.baseModels.relation === 'quantized';
    if (!parentId || seen.has(parentId.toLowerCase())) break;
    if (!isCopy && (hasChildren(current) || depth > 0)) break;
    if (budget.calls >= MAX_CALLS - 1) return { head: current, chain, partial: true };
    budget.calls++;
    chain.push(parentId);
    const parent = await client.getModel(parentId, { priority: 'background' });
    if (!parent.ok) {
      const unreadableBase = { id: parentId, reason: UNREADABLE[parent.error.kind], relation: current.baseModels.relation };
      return { head: idOnly(parentId), chain, unreadableBase, partial: parent.error.kind !== 'not-found' };
    }
    seen.add(parentId.toLowerCase());
    current = parent.value;
    if (!isCopy) break; // a finetune's family is its parent's
  }
  return { head: current, chain, partial: false };
}

export async function fetchFamily(model: HubModel, client: HubClient, now: number): Promise<Family> {
  const budget = { calls: 0 };
  const { head, chain, unreadableBase, partial: headPartial } = await findHead(model, client, budget);
  let partial = headPartial;
  const c = head.childrenCount;
  const counts: Family['counts'] = {
    quantized: c?.quantized ?? null,
    finetune: c?.finetune ?? null,
    adapter: c?.adapter ?? null,
    merge: c?.merge ?? null,
  };
  const family: Family = {
    head: head.id,
    ...(unreadableBase ? { unreadableBase } : {}),
    chain,
    headDownloads: head.downloads,
    headLikes: head.likes,
    headGguf: head.gguf,
    counts,
    top: [],
    undeclared: [],
    newVersion: head.newVersion,
    fetchedAt: now,
    partial,
    calls: 0,
  };

  // Children of every relation in one call, largest first (`filter=base_model:{id}`).
  if ((c?.total ?? 1) > 0 && budget.calls < MAX_CALLS) {
    budget.calls++;
    const children = await client.listModels({ filter: [`base_model:${head.id}`], sort: 'downloads', limit: TOP, expand: LIST_EXPAND }, { priority: 'background' });
    if (children.ok) family.top = children.value.models.map((m) => member(m, relationTo(m, head.id) ?? 'finetune'));
    else partial = true;
  }

  // Copies that do not declare their base: the same name with a re-upload suffix.
  if (budget.calls < MAX_CALLS) {
    budget.calls++;
    const name = head.id.split('/')[1]!;
    const found = await client.listModels({ search: normaliseName(name), sort: 'downloads', limit: 50, expand: LIST_EXPAND }, { priority: 'background' });
    if (found.ok) {
      family.undeclared = found.value.models
        .filter((m) => m.id !== head.id && looksLikeCopyOf(m.id, name) && !relationTo(m, head.id))
        .map((m) => member(m, 'undeclared'));
    } else partial = true;
  }
  family.partial = partial;
  family.calls = budget.calls;
  return family;
}

/**
 * How many repos of each relation the family has, as far as is known: the Hub's count, else
 * the members fetched (only a floor when the list was cut at its length or failed part-way).
 */
export function knownCounts(family: Family): { relation: Relation; count: number; atLeast: boolean }[] {
  const out: { relation: Relation; count: number; atLeast: boolean }[] = [];
  for (const relation of RELATIONS) {
    const hub = family.counts[relation];
    const fetched = family.top.filter((m) => m.relation === relation).length;
    if (hub) out.push({ relation, count: hub, atLeast: false });
    else if (hub === null && fetched > 0) out.push({ relation, count: fetched, atLeast: family.top.length >= TOP || family.partial });
  }
  return out;
}

export interface Place {
  role: 'original' | 'copy' | 'outside';
  relation?: Member['relation'];
  /** 1-based rank among the fetched members of its relation, by 30-day downloads */
  rank?: number;
  of?: number | null;
  /** this repo's 30-day downloads over the original's plus every fetched member's */
  share?: number;
  /** the counters summed for `share` */
  sharedOver: number;
  /** some summed counter belongs to a GGUF repo, which counts every .gguf file fetched */
  ggufInflated: boolean;
  /** the largest copy that out-downloads the original */
  outranking?: Member;
  newVersion?: string;
}

/**
 * Where `model` stands in `family`. Besides the fetched members, a repo is a copy when it
 * declares (`baseModels`) the head or a repo of the walked chain as its base, or when it is on
 * the chain below a base that could not be read: never the original by default.
 */
export function placeIn(
  family: Family,
  model: { id: string; downloads?: number; gguf?: boolean; newVersion?: string; baseModels?: { relation?: Relation; ids: string[] } },
): Place {
  const members = [...family.top, ...family.undeclared];
  const mine = members.find((m) => m.id === model.id);
  const isHead = model.id === family.head;
  const chain = family.chain ?? [];
  const declares = model.baseModels?.ids.some((id) => id === family.head || chain.includes(id)) ?? false;
  const belowUnreadable = family.unreadableBase !== undefined && chain.includes(model.id);
  const role: Place['role'] = isHead ? 'original' : mine || declares || belowUnreadable ? 'copy' : 'outside';
  const relation = isHead
    ? undefined
    : (mine?.relation ?? (declares ? model.baseModels?.relation : belowUnreadable ? family.unreadableBase?.relation : undefined));
  const peers = mine ? members.filter((m) => m.relation === mine.relation).sort((a, b) => (b.downloads ?? 0) - (a.downloads ?? 0)) : [];
  const summed = [{ downloads: family.headDownloads, gguf: family.headGguf }, ...members];
  const total = summed.reduce((sum, m) => sum + (m.downloads ?? 0), 0);
  const own = isHead ? family.headDownloads : (mine?.downloads ?? model.downloads);
  const best = family.top.filter((m) => m.relation !== 'adapter').sort((a, b) => (b.downloads ?? 0) - (a.downloads ?? 0))[0];
  return {
    role,
    relation,
    rank: mine ? peers.indexOf(mine) + 1 : undefined,
    of: mine ? (mine.relation === 'undeclared' ? family.undeclared.length : family.counts[mine.relation]) : undefined,
    share: total > 0 && own !== undefined ? own / total : undefined,
    sharedOver: summed.length,
    ggufInflated: summed.some((m) => m.gguf),
    outranking: best && (best.downloads ?? 0) > (family.headDownloads ?? Infinity) ? best : undefined,
    newVersion: model.newVersion ?? (isHead ? family.newVersion : undefined),
  };
}
