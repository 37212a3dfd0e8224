import * as z from 'zod/mini';
import { isModelId } from './model-id';
import type { ModelHistory, Snapshot } from './types';

// The `hub-lens-history` file format, version 1 (shared/formats/history-v1.md): the one format
// Hub Lens exports, imports and analyses. Reading is all-or-nothing: the first bad place refuses
// the whole file, so an import never half-happens.

export const HISTORY_FORMAT = 'hub-lens-history';
export const HISTORY_VERSION = 1;

export interface HistoryFile {
  /** normalised to `toISOString()` */
  exportedAt: string;
  source?: string;
  /** in order of each id's first appearance; snapshots sorted by `t`, one per `t` */
  models: ModelHistory[];
}

export type ParseResult = { ok: true; file: HistoryFile } | { ok: false; error: string };

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** The number written by the two digits at `i` (the regex has checked they are digits). */
const twoDigits = (text: string, i: number) => (text.charCodeAt(i) - 48) * 10 + text.charCodeAt(i + 1) - 48;

/**
 * Epoch ms of an ISO 8601 time with `Z` or an offset, else null. The regex refuses local times
 * and prose; the range checks are needed because Date.parse rolls Feb 30 over to March 2.
 * Fractions finer than a millisecond are truncated, as Date.parse does.
 */
export function parseIsoTime(text: string): number | null {
  if (!ISO_TIME.test(text)) return null;
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const second = text[16] === ':' ? twoDigits(text, 17) : 0;
  const offset = text.endsWith('Z') || (twoDigits(text, text.length - 5) <= 23 && twoDigits(text, text.length - 2) <= 59);
  const valid =
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) &&
    twoDigits(text, 11) <= 23 && twoDigits(text, 14) <= 59 && second <= 59 && offset;
  const t = valid ? Date.parse(text) : NaN;
  return Number.isFinite(t) ? t : null;
}

const HUB_ID = /^[0-9a-f]{24}$/i;
const COUNT = 'a non-negative integer or null';
const TIME = 'an ISO 8601 time with Z or an offset';
const COUNTERS = ['likes', 'downloads', 'downloadsAllTime', 'trendingScore'] as const;

const isCount = (v: unknown): v is number | null => v === null || (Number.isSafeInteger(v) && (v as number) >= 0);
const isTime = (v: unknown): v is string => typeof v === 'string' && parseIsoTime(v) !== null;
const isText = (max: number) => (v: unknown): v is string => typeof v === 'string' && v.length <= max;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const expected = (input: unknown, what: string) => (input === undefined ? `missing, expected ${what}` : `expected ${what}`);

/** zod's error option: the message says what was expected and whether it was missing. */
const says = (what: string) => ({ error: (issue: { input?: unknown }) => expected(issue.input, what) });

/** A value checked by `ok`. */
const rule = <T>(ok: (v: unknown) => v is T, what: string) => z.custom<T>((v) => ok(v), says(what));

type Issue = { path: (string | number)[]; input: unknown; message: string };

/**
 * Snapshots are checked by hand, not by zod: a file can hold millions, and this is 2–4 times
 * faster (measured on a 50 MB file of 440k snapshots). The messages are zod's, word for word.
 */
function readSnapshot(raw: unknown, index: number): Snapshot | Issue {
  if (!isObject(raw)) return { path: [index], input: raw, message: expected(raw, 'a snapshot object') };
  const t = typeof raw.t === 'string' ? parseIsoTime(raw.t) : null;
  if (t === null) return { path: [index, 't'], input: raw.t, message: expected(raw.t, TIME) };
  for (const key of COUNTERS) {
    if (!isCount(raw[key])) return { path: [index, key], input: raw[key], message: expected(raw[key], COUNT) };
  }
  const { likes, downloads, downloadsAllTime, trendingScore } = raw as Record<(typeof COUNTERS)[number], number | null>;
  return { t, likes, downloads, downloadsAllTime, trendingScore };
}

const snapshotsSchema = z.pipe(
  rule(Array.isArray, 'an array of snapshots'),
  z.transform((raws: unknown[], ctx) => {
    const out: Snapshot[] = [];
    for (let i = 0; i < raws.length; i++) {
      const s = readSnapshot(raws[i], i);
      if ('message' in s) {
        ctx.issues.push({ code: 'custom', ...s });
        return z.NEVER;
      }
      out.push(s);
    }
    return out;
  }),
);

const modelSchema = z.object(
  {
    id: rule(isModelId, 'a model id author/name'),
    hubId: z.optional(rule((v): v is string => typeof v === 'string' && HUB_ID.test(v), "the Hub's _id (24 hex digits)")),
    pipelineTag: z.optional(rule(isText(100), 'a string of at most 100 characters')),
    libraryName: z.optional(rule(isText(100), 'a string of at most 100 characters')),
    createdAt: z.optional(rule(isTime, TIME)),
    trackDownloads: z.optional(z.boolean(says('true or false'))),
    watched: z.optional(z.boolean(says('true or false'))),
    snapshots: snapshotsSchema,
  },
  says('a model object'),
);

// Checked first and alone, so a newer file is refused for its version, not for a field it changed.
const headSchema = z.object(
  {
    format: rule((v): v is string => v === HISTORY_FORMAT, `"${HISTORY_FORMAT}"`),
    version: rule((v): v is number => Number.isSafeInteger(v) && (v as number) >= 1, 'an integer version ≥ 1'),
  },
  says('a JSON object'),
);

const bodySchema = z.object({
  exportedAt: rule(isTime, TIME),
  source: z.optional(z.string(says('a string'))),
  models: z.array(modelSchema, says('an array of models')),
});

/** `models[3].snapshots[17].likes`; `(file)` for the whole file. */
function formatPath(path: readonly PropertyKey[]): string {
  const s = path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
  return s === '' ? '(file)' : s.replace(/^\./, '');
}

const firstIssue = (error: z.core.$ZodError) => `${formatPath(error.issues[0]!.path)}: ${error.issues[0]!.message}`;

/** Sorted by t; of two snapshots at one t, the later in the input wins (sort is stable). */
function sortedUnique(snaps: Snapshot[]): Snapshot[] {
  const sorted = [...snaps].sort((a, b) => a.t - b.t);
  return sorted.filter((s, i) => i === sorted.length - 1 || sorted[i + 1]!.t !== s.t);
}

/** The object without its undefined fields, so that absent stays absent. */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** One history per id, in order of first appearance; a repeated id adds its snapshots, and its meta wins. */
function mergeModels(models: z.infer<typeof modelSchema>[]): ModelHistory[] {
  const byId = new Map<string, ModelHistory>();
  for (const { snapshots, ...meta } of models) {
    const known = byId.get(meta.id);
    if (known) Object.assign(known, defined(meta), { snapshots: known.snapshots.concat(snapshots) });
    else byId.set(meta.id, { ...defined(meta), snapshots });
  }
  return [...byId.values()].map((m) => ({ ...m, snapshots: sortedUnique(m.snapshots) }));
}

/** A snapshot dated after the reader's now + this is refused: one bad time must never become "latest". */
export const FUTURE_SLACK_MS = 24 * 3_600_000;

export interface ParseOptions {
  /** the reader's time: snapshots after now + FUTURE_SLACK_MS are refused (the import gives it; without it, any time is read) */
  now?: number;
  /** refuse a file of more models than this (entries in `models`) */
  maxModels?: number;
}

/** The place of the first snapshot dated after `limit`, and its time, if any (indices are the file's). */
function firstFuture(models: readonly { snapshots: readonly Snapshot[] }[], limit: number): string | null {
  for (let m = 0; m < models.length; m++) {
    const snaps = models[m]!.snapshots;
    for (let i = 0; i < snaps.length; i++) {
      if (snaps[i]!.t > limit) {
        return `models[${m}].snapshots[${i}].t: ${iso(snaps[i]!.t)} is in the future (after ${iso(limit)}, a day from now)`;
      }
    }
  }
  return null;
}

/** Reads a `hub-lens-history` v1 file whole, or says where its first problem is. Never throws. */
export function parseHistoryFile(text: string, { now = Infinity, maxModels = Infinity }: ParseOptions = {}): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `not valid JSON: ${why.replace(/\s+/g, ' ')}` };
  }
  const head = headSchema.safeParse(json);
  if (!head.success) return { ok: false, error: firstIssue(head.error) };
  const { version } = head.data;
  if (version > HISTORY_VERSION) {
    return { ok: false, error: `version: this file is version ${version}; this Hub Lens reads version ${HISTORY_VERSION} (update Hub Lens)` };
  }
  const entries = (json as { models?: unknown }).models;
  if (Array.isArray(entries) && entries.length > maxModels) {
    return { ok: false, error: `models: the file holds ${entries.length.toLocaleString('en')} models; Hub Lens imports at most ${maxModels.toLocaleString('en')} at once (split the file)` };
  }
  const body = bodySchema.safeParse(json);
  if (!body.success) return { ok: false, error: firstIssue(body.error) };
  const { exportedAt, source, models } = body.data;
  const future = Number.isFinite(now) ? firstFuture(models, now + FUTURE_SLACK_MS) : null;
  if (future) return { ok: false, error: future };
  const file: HistoryFile = { exportedAt: new Date(Date.parse(exportedAt)).toISOString(), models: mergeModels(models) };
  if (source !== undefined) file.source = source;
  return { ok: true, file };
}

const iso = (t: number) => new Date(t).toISOString();

/** One model of a v1 file, as one line of JSON. */
export function modelJson({ id, hubId, pipelineTag, libraryName, createdAt, trackDownloads, watched, snapshots }: ModelHistory): string {
  const snaps = snapshots.map(({ t, likes, downloads, downloadsAllTime, trendingScore }) => ({
    t: iso(t), likes, downloads, downloadsAllTime, trendingScore,
  }));
  return JSON.stringify({ id, hubId, pipelineTag, libraryName, createdAt, trackDownloads, watched, snapshots: snaps });
}

/** A v1 file is this head, the models joined by `,\n`, and FILE_TAIL (written in parts by exports). */
export function fileHead(exportedAt: Date, source?: string): string {
  const head = JSON.stringify({ format: HISTORY_FORMAT, version: HISTORY_VERSION, exportedAt: exportedAt.toISOString(), source });
  return `${head.slice(0, -1)},"models":[\n`;
}
export const FILE_TAIL = '\n]}\n';

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = 'model_id,t,likes,downloads,downloads_all_time,trending_score\n';

/** One model's CSV rows, one per snapshot, UTC times, empty cell = null (history-v1.md). */
export function csvRows(m: ModelHistory): string {
  return m.snapshots
    .map((s) => [m.id, iso(s.t), s.likes, s.downloads, s.downloadsAllTime, s.trendingScore].map(csvCell).join(',') + '\n')
    .join('');
}
