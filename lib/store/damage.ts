import type { ModelRecord } from './history-db';

// A model whose stored data cannot be read is quarantined: reading it throws DamagedModelError,
// which callers catch per model, so one bad record never takes a whole list, export or
// retention pass down with it. The options page can then drop what is unreadable.

export class DamagedModelError extends Error {
  override name = 'DamagedModelError';
  constructor(
    readonly id: string,
    readonly reason: string,
  ) {
    super(`The stored history of ${id} cannot be read: ${reason}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const optional = (check: (v: unknown) => boolean) => (v: unknown) => v === undefined || check(v);
const isString = (v: unknown) => typeof v === 'string';
const isBoolean = (v: unknown) => typeof v === 'boolean';
const isCounter = (v: unknown) => v === null || isFiniteNumber(v);

const isSnapshot = (v: unknown) =>
  isObject(v) && isFiniteNumber(v.t) && isCounter(v.likes) && isCounter(v.downloads) && isCounter(v.downloadsAllTime) && isCounter(v.trendingScore);

const isParents = (v: unknown) =>
  isObject(v) && optional(isString)(v.relation) && Array.isArray(v.ids) && v.ids.every(isString);

const isChildren = (v: unknown) => isObject(v) && Object.values(v).every(optional(isFiniteNumber));

/** What each stored field must be; a record failing any of them is damaged. */
export const RECORD_FIELDS: Record<keyof ModelRecord, (v: unknown) => boolean> = {
  id: isString,
  key: Number.isSafeInteger,
  watched: (v) => v === 0 || v === 1,
  firstSeen: isFiniteNumber,
  lastSeen: isFiniteNumber,
  hubId: optional(isString),
  pipelineTag: optional(isString),
  libraryName: optional(isString),
  createdAt: optional(isString),
  trackDownloads: optional(isBoolean),
  newVersion: optional(isString),
  gguf: optional(isBoolean),
  last: optional(isSnapshot),
  lastApiFetch: optional(isFiniteNumber),
  lastView: optional(isFiniteNumber),
  previousVisit: optional(isFiniteNumber),
  parents: optional(isParents),
  children: optional(isChildren),
  familyHead: optional(isString),
};

/** Why a stored record cannot be used as the record of `id`, or null when it can. */
export function recordProblem(v: unknown, id: string): string | null {
  if (!isObject(v)) return 'the record is not an object';
  if (v.id !== id) return 'the record names another model';
  for (const [field, ok] of Object.entries(RECORD_FIELDS)) if (!ok(v[field])) return `bad field ${field}`;
  return null;
}

/** The record of `id` as stored, checked: undefined when absent, DamagedModelError when unusable. */
export function checkedRecord(v: unknown, id: string): ModelRecord | undefined {
  if (v === undefined) return undefined;
  const problem = recordProblem(v, id);
  if (problem) throw new DamagedModelError(id, problem);
  return v as ModelRecord;
}

/**
 * Run `fn` for every id, all at once, each failure kept to its own model: the results of the
 * others stand. Order follows `ids`.
 */
export async function eachModel<T>(
  ids: readonly string[],
  fn: (id: string) => Promise<T>,
): Promise<{ results: { id: string; value: T }[]; failed: { id: string; error: unknown }[] }> {
  const settled = await Promise.allSettled(ids.map((id) => fn(id)));
  const results: { id: string; value: T }[] = [];
  const failed: { id: string; error: unknown }[] = [];
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') results.push({ id: ids[i]!, value: s.value });
    else failed.push({ id: ids[i]!, error: s.reason });
  });
  return { results, failed };
}
