import { storage } from '@wxt-dev/storage';
import { createHubClient, type HubClient } from '@/lib/hub/client';
import { RateLimiter, type RateLimitState } from '@/lib/hub/rate-limit';
import { IMPORT_PORT, importRequestSchema, requestSchema, type Request } from '@/lib/messages';
import { allModelIds, clearHistory, compactModel, historyStats, openHistoryDB, type HistoryDB } from '@/lib/store/history-db';
import { onImport, onRefresh, onView, type Deps } from './handlers';
import { familyOf } from './family';
import { onListView } from './list-view';
import { modelState } from './model-state';
import { POLL_ALARM, pollTick, schedulePolling } from './polling';
import { senderMayAsk } from './sender';
import { markWarningsSeen, openNotifiedModel, refreshActionBadge, setWatched, watchRows } from './watch-list';
import { createQueue } from './serial';

const COMPACT_ALARM = 'compact-history';

/** One model per queued task, so page views are never stuck behind the whole database. */
async function compactAll(db: () => Promise<HistoryDB>, serial: Deps['serial']) {
  const d = await db();
  for (const id of await allModelIds(d)) await serial(() => compactModel(d, id, Date.now()));
}

export default defineBackground(() => {
  const serial = createQueue();
  let dbPromise: Promise<HistoryDB> | undefined;
  const db = () => (dbPromise ??= openHistoryDB());
  // The rate-limit window survives the worker being stopped: a 429's reset is kept in storage.
  const limiterItem = storage.defineItem<RateLimitState>('local:rate-limit');
  let hubPromise: Promise<HubClient> | undefined;
  const hub = () =>
    (hubPromise ??= limiterItem.getValue().then((state) => createHubClient({ limiter: new RateLimiter(Date.now, state ?? undefined) })));
  const deps = async (): Promise<Deps> => ({ db: await db(), hub: await hub(), serial, now: Date.now });
  const saveLimiter = async () => limiterItem.setValue((await hub()).limiter.state);

  async function handle(request: Request) {
    const d = await deps();
    switch (request.type) {
      case 'model/view':
        return { ok: true, state: await onView(d, request.observation) };
      case 'model/refresh': {
        const state = await onRefresh(d, request.id);
        return state ? { ok: true, state } : { ok: false, error: 'unknown model' };
      }
      case 'history/import':
        return onImport(d, request.text);
      case 'family/get': {
        const view = await familyOf(d, request.id);
        return view ? { ok: true, ...view } : { ok: false, error: 'no family data yet' };
      }
      case 'list/view':
        return { ok: true, badges: await onListView(d, request.ids, request.query) };
      case 'model/watch': {
        const record = await setWatched(d, request.id, request.watched);
        return { ok: true, state: await modelState(d.db, record!, d.now()) };
      }
      case 'watchlist/get':
        return { ok: true, rows: await watchRows(d) };
      case 'watchlist/seen':
        await markWarningsSeen(d);
        return { ok: true };
      case 'history/stats':
        return { ok: true, ...(await historyStats(d.db)) };
      case 'history/clear':
        await d.serial(() => clearHistory(d.db));
        await refreshActionBadge(d);
        return { ok: true };
      case 'poll/now': {
        const lastRun = await pollTick(d);
        await refreshActionBadge(d);
        return { ok: true, lastRun };
      }
    }
  }

  // Listeners are registered synchronously so a woken service worker receives the event.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const parsed = requestSchema.safeParse(message);
    if (!parsed.success) return false;
    if (!senderMayAsk(sender, parsed.data, browser.runtime.id, browser.runtime.getURL('/'))) return false;
    handle(parsed.data)
      .then(sendResponse, (error: unknown) => {
        console.error('Hub Lens:', error);
        sendResponse({ ok: false, error: String(error) });
      })
      .finally(() => saveLimiter().catch(() => undefined));
    return true;
  });

  // The notifications API exists only once its optional permission is granted.
  const listenToNotifications = () => {
    if (browser.notifications && !browser.notifications.onClicked.hasListener(openNotifiedModel)) {
      browser.notifications.onClicked.addListener(openNotifiedModel);
    }
  };
  listenToNotifications();
  browser.permissions.onAdded.addListener(listenToNotifications);

  // Imports report progress over a port; only the extension's own pages may open one.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== IMPORT_PORT || port.sender?.id !== browser.runtime.id) return;
    if (!port.sender.url?.startsWith(browser.runtime.getURL('/'))) return port.disconnect();
    port.onMessage.addListener(async (message: unknown) => {
      const parsed = importRequestSchema.safeParse(message);
      if (!parsed.success) return;
      const d = await deps();
      const result = await onImport(d, parsed.data.text, (done, total) =>
        port.postMessage({ type: 'progress', done, total }),
      );
      port.postMessage({ type: 'result', result });
    });
  });

  // Retention runs daily, one model per transaction, off any page's path; polling ticks
  // every minute and polls the watched models that are due.
  browser.alarms.onAlarm.addListener((alarm) => {
    const work =
      alarm.name === COMPACT_ALARM
        ? compactAll(db, serial)
        : alarm.name === POLL_ALARM
          ? deps().then(async (d) => (await pollTick(d), await saveLimiter(), refreshActionBadge(d)))
          : undefined;
    work?.catch((e) => console.error('Hub Lens:', e));
  });
  browser.runtime.onInstalled.addListener(() => {
    void browser.alarms.create(COMPACT_ALARM, { periodInMinutes: 24 * 60, delayInMinutes: 1 });
    void schedulePolling();
  });
});
