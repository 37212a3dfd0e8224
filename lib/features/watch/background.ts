import * as z from 'zod/mini';
import { modelUrl } from '@/lib/hub-url';
import { settingsItem } from '@/lib/storage-items';
import { notifiedWarnings, seenWarnings } from './storage';
import { modelState } from '@/lib/features/model-messages';
import { handler, type BackgroundContext, type BackgroundPart } from '@/lib/features/protocol';
import { modelIdSchema, nothing } from '@/lib/features/message-schemas';
import { detector } from '@/lib/features/detector';
import { toNotify } from './notify-plan';
import { POLL_ALARM, pollTick } from './polling';
import { FIRST_ROWS, FIRST_SCREEN_KEY, topRows } from './row-order';
import { rowsOf } from './rows';
import { summaryOf, warningKeys, type WatchRow } from './summary';

// The watch list: polling, the popup's rows, the toolbar count of warnings (warn or alert)
// that appeared since the popup was last opened, and optional desktop notifications.


/**
 * Histories read at once when rows are made again: a history is up to ~50 KB in memory (720
 * snapshots), so 5,000 watched models at once would be ~264 MB; a batch is a few MB.
 */
export const ROW_BATCH = 100;

/**
 * Recompute the rows of these models (the watched ones among them), a batch at a time; drop
 * rows of unwatched ones. The store writes a row only if its model is still watched then.
 */
let rowsQueue: Promise<unknown> = Promise.resolve();
function refreshRows(ctx: BackgroundContext, ids: readonly string[]): Promise<void> {
  // One at a time: a record's refresh and the popup's making of missing rows would otherwise
  // each read a batch at once.
  const run = rowsQueue.then(() => refreshRowsNow(ctx, ids));
  rowsQueue = run.catch(() => undefined);
  return run;
}

async function refreshRowsNow(ctx: BackgroundContext, ids: readonly string[]): Promise<void> {
  const watched = new Set(await ctx.store.watchedIds());
  const haveRow = new Set(await rowsOf(ctx.store).ids());
  const update = ids.filter((id) => watched.has(id));
  const remove = ids.filter((id) => !watched.has(id) && haveRow.has(id));
  if (update.length === 0 && remove.length === 0) return; // a page of models nobody watches
  const detect = await detector(ctx);
  if (remove.length) await rowsOf(ctx.store).put([], remove);
  for (let i = 0; i < update.length; i += ROW_BATCH) {
    const { histories } = await ctx.store.histories(update.slice(i, i + ROW_BATCH));
    const rows = histories.map((h) => summaryOf({ ...h, lastApiFetch: h.record.lastApiFetch }, detect(h), ctx.now()));
    await rowsOf(ctx.store).put(rows);
  }
  await refreshActionBadge(ctx);
}

/** The most rows `watchlist/top` answers: a screen of them, with room to spare. */
export const MAX_TOP = 200;

/** The first `count` rows of the watch list in its opening order, and how many rows it has. */
async function topOfList(ctx: BackgroundContext, count: number) {
  const rows = await watchRows(ctx);
  return { rows: topRows(rows, count), total: rows.length };
}

/** The popup's first screen, kept in session storage (FIRST_SCREEN_KEY, row-order.ts: why). */

function firstScreenPublisher(ctx: BackgroundContext): () => void {
  let chain = Promise.resolve();
  let queued = false;
  return () => {
    // A publish queued and not begun reads the rows as they are when it begins: one is enough.
    if (queued) return;
    queued = true;
    chain = chain.then(async () => {
      queued = false;
      try {
        await browser.storage.session.set({ [FIRST_SCREEN_KEY]: await topOfList(ctx, FIRST_ROWS) });
      } catch (error) {
        console.warn('Hub Lens: watch: the first rows could not be kept for the popup', error);
        await browser.storage.session.remove(FIRST_SCREEN_KEY).catch(() => undefined);
      }
    });
  };
}

/** Every watched model's row; rows missing (an older database, a failed write) are made now. */
async function watchRows(ctx: BackgroundContext): Promise<readonly WatchRow[]> {
  // Both reads at once: the popup waits on this.
  const [rows, watched] = await Promise.all([rowsOf(ctx.store).all(), ctx.store.watchedIds()]);
  const have = new Set(rows.map((r) => r.id));
  const missing = watched.filter((id) => !have.has(id));
  if (missing.length > 0) await refreshRows(ctx, missing).catch(() => undefined);
  return onlyWatched(ctx, missing.length ? await rowsOf(ctx.store).all() : rows);
}

/** Rows of watched models only: a row left by an unwatched model (an older version, a failed removal) is never shown. */
async function onlyWatched(ctx: BackgroundContext, rows: readonly WatchRow[]): Promise<readonly WatchRow[]> {
  const watched = new Set(await ctx.store.watchedIds());
  return rows.every((r) => watched.has(r.id)) ? rows : rows.filter((r) => watched.has(r.id));
}

/**
 * The toolbar badge counts warn/alert warnings of watched models not yet seen in the popup;
 * with notifications on (and granted), each new one is also notified, once a re-arm period.
 */
async function refreshActionBadge(ctx: BackgroundContext): Promise<number> {
  const rows = await onlyWatched(ctx, await rowsOf(ctx.store).all());
  const seen = new Set(await seenWarnings(ctx.store).get());
  const fresh = rows.flatMap(warningKeys).filter((k) => !seen.has(k)).length;
  await browser.action.setBadgeText({ text: fresh ? String(fresh) : '' });
  await browser.action.setBadgeBackgroundColor({ color: '#b45309' });
  await notify(ctx, rows);
  return fresh;
}

async function notify(ctx: BackgroundContext, rows: readonly WatchRow[]) {
  const { notifications } = await ctx.settings();
  if (!notifications || !(await browser.permissions.contains({ permissions: ['notifications'] }))) return;
  const t = ctx.now();
  const current = rows.flatMap((r) => r.warnings.map((w) => ({ ...w, id: r.id })));
  const notified = notifiedWarnings(ctx.store);
  const plan = toNotify(current, await notified.get(), t);
  await notified.set(plan.notified);
  for (const w of plan.notify) {
    await browser.notifications.create(`hub-lens|${w.id}|${w.kind}|${t}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: `${w.severity === 'alert' ? 'Alert' : 'Warning'}: ${w.id}`,
      message: w.evidence,
    });
  }
  if (plan.more > 0) {
    // The rest in one notification: the popup lists them all.
    await browser.notifications.create(`hub-lens-more|${t}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: `${plan.more} more warning${plan.more === 1 ? '' : 's'} on watched models`,
      message: 'Open Hub Lens (the toolbar button) to see them all.',
    });
  }
}

/** A click on a notification opens the model (the id is checked: the link is built, never taken). */
function openNotifiedModel(notificationId: string) {
  const [prefix, id] = notificationId.split('|');
  const url = prefix === 'hub-lens' && id ? modelUrl(id) : undefined;
  if (url) void browser.tabs.create({ url });
}

export const handlers = {
  'model/watch': handler({
    from: ['hub', 'extension'],
    input: z.object({ id: modelIdSchema, watched: z.boolean() }),
    async run({ id, watched }, ctx) {
      const done = await ctx.store.setWatched(id, watched);
      if (!done.ok) return { ok: false as const, error: done.error };
      return { ok: true as const, state: await modelState(ctx, id) };
    },
  }),
  'watchlist/get': handler({ from: ['extension'], input: nothing, run: (_, ctx) => watchRows(ctx) }),
  /** The popup's first screen: its first `count` rows in its opening order, and how many there are in all. */
  'watchlist/top': handler({
    from: ['extension'],
    input: z.object({ count: z.int().check(z.minimum(1), z.maximum(MAX_TOP)) }),
    run: ({ count }, ctx) => topOfList(ctx, count),
  }),
  /** The popup was opened: everything it shows now has been seen. */
  'watchlist/seen': handler({
    from: ['extension'],
    input: nothing,
    async run(_, ctx) {
      const rows = await rowsOf(ctx.store).all();
      await seenWarnings(ctx.store).set(rows.flatMap(warningKeys));
      await browser.action.setBadgeText({ text: '' });
      return true;
    },
  }),
} satisfies BackgroundPart['handlers'];

type Messages = typeof handlers;
declare module '@/lib/features/protocol' {
  interface Protocol extends Messages {}
}

export const alarms: BackgroundPart['alarms'] = {
  // Ticks every minute and polls the watched models that are due.
  [POLL_ALARM]: { periodInMinutes: 1, run: (ctx) => pollTick(ctx) },
};

export const start: BackgroundPart['start'] = (ctx) => {
  ctx.store.onRecorded((ids) => refreshRows(ctx, ids));
  // Published at every start too: a worker stopped between a write and its publish left it stale.
  const publish = firstScreenPublisher(ctx);
  ctx.store.onWritten((stores) => stores.has('summaries') && publish());
  publish();
  // Sensitivity and the warnings switch change what every row says.
  settingsItem.watch(() => void ctx.store.watchedIds().then((ids) => refreshRows(ctx, ids)).catch(() => undefined));
  // The notifications API exists only once its optional permission is granted.
  const listen = () => {
    if (browser.notifications && !browser.notifications.onClicked.hasListener(openNotifiedModel)) {
      browser.notifications.onClicked.addListener(openNotifiedModel);
    }
  };
  listen();
  browser.permissions.onAdded.addListener(listen);
};
