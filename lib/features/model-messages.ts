import * as z from 'zod/mini';
import { modelIdFromPath, sameModel } from '@/lib/hub-page';
import { fromHub, fromPage } from '@/lib/observation';
import type { Snapshot } from '@/lib/types';
import { sinceLastVisit } from '@/lib/velocity';
import { API_REFRESH_MS, VISIT_GAP_MS, type ApiStatus, type ModelState } from './model-state';
import { handler, type BackgroundContext, type BackgroundPart } from './protocol';
import { reportError } from './report-error';
import { FEATURE_NAMES, FEATURES, isOn, type PageKind } from './registry';
import { byId, count, modelIdSchema, nothing, text } from './message-schemas';

// What every model page does, whatever the switches: its view is recorded (history, badges,
// warnings and the watch list all read it), and the panel is answered with each feature's part.
// Framework, not a feature: no switch turns it off.

/** What a model page's header says (lib/hub-page.ts reads it; checked here like any input). */
const pageModelSchema = z.object({
  id: modelIdSchema,
  likes: z.optional(count),
  downloads: z.optional(count),
  downloadsAllTime: z.optional(count),
  trackDownloads: z.optional(z.boolean()),
  createdAt: z.optional(text(40)),
  pipelineTag: z.optional(text(100)),
  libraryName: z.optional(text(100)),
  newVersion: z.optional(modelIdSchema),
  gguf: z.optional(z.boolean()),
});

/** What the panel says when the API call did not give its numbers. */
const API_NOTES: Partial<Record<ApiStatus['status'], string>> = {
  'rate-limited': 'The Hub is rate-limiting requests: the trending score will be fetched later.',
  offline: 'Offline or no answer in time: showing what the page and the local history say.',
  'server-error': 'The Hub API answered with an error: showing what the page and the local history say.',
  malformed: 'The Hub API answered with something unexpected: some numbers may be missing.',
  unauthorized: 'This model is gated or private: the API did not answer.',
  'not-found': 'The Hub API does not know this model.',
};

const COUNTERS = ['likes', 'downloads', 'downloadsAllTime', 'trendingScore'] as const;

function latest(series: readonly Snapshot[], field: (typeof COUNTERS)[number]): { v: number; t: number } | null {
  for (let i = series.length - 1; i >= 0; i--) {
    const v = series[i]![field];
    if (v !== null) return { v, t: series[i]!.t };
  }
  return null;
}

/** Everything the panel shows about one model: its numbers here, each enabled feature's part beside them. */
export async function modelState(ctx: BackgroundContext, id: string, api?: ApiStatus): Promise<ModelState | null> {
  const h = await ctx.store.history(id);
  if (!h) return null;
  const { record, snapshots } = h;
  const since = record.previousVisit === undefined ? null : sinceLastVisit(snapshots, record.previousVisit);
  const parts: Record<string, unknown> = {};
  for (const { name, part } of await ctx.features()) {
    if (!part.describe) continue;
    try {
      parts[name] = await part.describe(h, ctx);
    } catch (error) {
      reportError(name, error); // that feature's part is missing; the rest of the panel stands
    }
  }
  return {
    id: record.id,
    firstSeen: record.firstSeen,
    watched: record.watched === 1,
    snapshots: snapshots.length,
    latest: Object.fromEntries(COUNTERS.map((c) => [c, latest(snapshots, c)])) as ModelState['latest'],
    trackDownloads: record.trackDownloads,
    sinceLastVisit: since && { from: since.from, likes: since.likes, downloadsAllTime: since.downloadsAllTime },
    api: api && { ...api, note: API_NOTES[api.status] },
    writeFailure: ctx.store.writeFailure()?.message,
    parts,
  };
}

/** What the panel shows of a model whose first snapshot could not be kept: nothing but the failure. */
function unsaved(ctx: BackgroundContext, id: string): ModelState {
  const none = { likes: null, downloads: null, downloadsAllTime: null, trendingScore: null };
  const writeFailure = ctx.store.writeFailure()?.message;
  return { id, firstSeen: ctx.now(), watched: false, snapshots: 0, latest: none, sinceLastVisit: null, writeFailure, parts: {} };
}

export const handlers = {
  /**
   * A Hub page's first question: the settings (checked, as every read of them is) and the
   * features that are on, in registry order, with the kinds of page each serves. The content
   * script reads no storage and carries neither the registry's words nor the settings' checks.
   */
  'page/setup': handler({
    from: ['hub'],
    input: nothing,
    async run(_, ctx) {
      const settings = await ctx.settings();
      const features = FEATURE_NAMES.filter((name) => isOn(name, settings)).map((name) => ({ name, pages: FEATURES[name].pages as readonly PageKind[] }));
      return { settings, features };
    },
  }),

  /** A model page was opened: record what its header says, answer with what Hub Lens knows. */
  'model/view': handler({
    from: ['hub'],
    input: pageModelSchema,
    async run(page, ctx, sender) {
      // The page may only speak for the model it shows.
      const shown = sender.url ? modelIdFromPath(new URL(sender.url).pathname) : null;
      if (!shown || !sameModel(shown, page.id)) throw new Error(`model/view for ${page.id} from a tab showing ${sender.url}`);
      const kept = await ctx.store.record([fromPage(page, ctx.now())]).then(() => true, () => false);
      await ctx.store.visit(page.id, VISIT_GAP_MS).catch(() => undefined);
      // A model seen for the first time on a full disk has no record: the panel still says why.
      return (await modelState(ctx, page.id)) ?? (kept ? null : unsaved(ctx, page.id));
    },
  }),

  /** The one API call for a model (trending score, relatives), at most once per API_REFRESH_MS. */
  'model/refresh': handler({
    from: ['hub', 'extension'],
    input: byId,
    async run({ id }, ctx) {
      const due = await ctx.store.claimApiFetch(id, API_REFRESH_MS).catch(() => false);
      if (!due) return modelState(ctx, id, { status: 'skipped' });
      const answer = await (await ctx.hub()).getModel(id, { priority: 'interactive' });
      if (!answer.ok) return modelState(ctx, id, { status: answer.error.kind, retryAt: answer.error.retryAt });
      await ctx.store.record([fromHub(answer.value, ctx.now())]).catch(() => undefined);
      return modelState(ctx, id, { status: 'ok' });
    },
  }),
} satisfies BackgroundPart['handlers'];

type Messages = typeof handlers;
declare module './protocol' {
  interface Protocol extends Messages {}
}
