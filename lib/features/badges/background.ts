import * as z from 'zod/mini';
import { fromHub } from '@/lib/observation';
import { claim } from '@/lib/session-claims';
import { API_REFRESH_MS } from '@/lib/features/model-state';
import { handler, type BackgroundPart } from '@/lib/features/protocol';
import { modelIdSchema, text } from '@/lib/features/message-schemas';
import { detector } from '@/lib/features/detector';
import { LIST_LIMITS, LIST_SORTS } from '@/lib/list-query';
import { spendListAnswers } from './answer-budget';
import { badgeFor, type Badge } from './badge';

const warnedTabs = new Set<number>();

const COUNTERS = ['likes', 'downloads', 'downloadsAllTime', 'trendingScore', 'createdAt', 'pipeline_tag', 'library_name', 'tags', 'gguf'];

const listQuerySchema = z.object({
  search: z.optional(text(LIST_LIMITS.search)),
  author: z.optional(text(LIST_LIMITS.text)),
  pipelineTag: z.optional(text(LIST_LIMITS.text)),
  sort: z.optional(z.enum(LIST_SORTS)),
  filter: z.optional(z.array(text(LIST_LIMITS.text)).check(z.maxLength(LIST_LIMITS.filters))),
  page: z.int().check(z.nonnegative(), z.maximum(LIST_LIMITS.page)),
});

export const handlers = {
  /**
   * A batch of model cards: for the page's first batch, one list call mirroring its query
   * (first pages only: the API pages by cursor), recording a snapshot of every model it
   * returns; then a badge per card from the history.
   */
  'list/view': handler({
    from: ['hub'],
    input: z.object({
      ids: z.array(modelIdSchema).check(z.maxLength(LIST_LIMITS.batch)),
      query: z.nullable(listQuerySchema),
      /** how many cards the page shows: the list call asks for as many (30 to 100) */
      cards: z.optional(z.int().check(z.nonnegative(), z.maximum(100_000))),
    }),
    async run({ ids, query, cards }, ctx, sender) {
      // A page that asks about more models than any reader would learns nothing more (see answer-budget.ts).
      if (query === null && sender.tabId !== undefined && !(await spendListAnswers(sender.tabId, ids.length, ctx.now()))) {
        if (!warnedTabs.has(sender.tabId)) console.warn('Hub Lens: list badges: tab', sender.tabId, 'asked about more models than a reader would: no more badges there for now');
        warnedTabs.add(sender.tabId);
        return {};
      }
      if (query && query.page === 0 && (await claim(`list:${JSON.stringify(query)}`, API_REFRESH_MS, ctx.now()))) {
        const { page: _page, ...params } = query;
        const answer = await (await ctx.hub()).listModels({ ...params, limit: Math.min(Math.max(cards ?? ids.length, 30), 100), expand: COUNTERS });
        if (answer.ok) {
          const t = ctx.now();
          await ctx.store.record(answer.value.models.map((m) => fromHub(m, t, { listEntry: true }))).catch(() => undefined);
        }
      }
      const detect = await detector(ctx);
      const { histories } = await ctx.store.histories([...new Set(ids)]);
      const badges: Record<string, Badge> = {};
      for (const h of histories) {
        if (h.snapshots.length === 0) continue;
        try {
          badges[h.id] = badgeFor(h, detect(h), ctx.now());
        } catch (error) {
          console.warn('Hub Lens: badge of', h.id, error); // one model without a badge, the rest keep theirs
        }
      }
      return badges;
    },
  }),
} satisfies BackgroundPart['handlers'];

type Messages = typeof handlers;
declare module '@/lib/features/protocol' {
  interface Protocol extends Messages {}
}
