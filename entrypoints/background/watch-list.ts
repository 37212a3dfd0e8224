import { storage } from '@wxt-dev/storage';
import type { WatchRow } from '@/lib/messages';
import { readSeries, setWatched as setWatchedFlag, type HistoryDB } from '@/lib/store/history-db';
import { DAY_MS, type ModelHistory, type Warning } from '@/lib/types';
import { rate, WINDOWS } from '@/lib/velocity';
import { toNotify } from '@/lib/notify-plan';
import { loadSettings } from '@/lib/settings';
import type { Deps } from './handlers';
import { detector } from './warnings';

// The watch list: what the popup shows, and the toolbar badge counting warnings (warn or
// alert) that appeared since the popup was last opened.

const SPARK_POINTS = 60;

/** Keys `id|kind|since` of the warnings the user has seen in the popup. */
const seenItem = storage.defineItem<string[]>('local:seen-warnings', { fallback: [] });

export const setWatched = ({ db, serial, now }: Deps, id: string, watched: boolean) =>
  serial(() => setWatchedFlag(db, id, watched, now()));

/** Every watched model's history, with when it was last polled. */
async function watchedHistories(db: HistoryDB): Promise<(ModelHistory & { lastApiFetch?: number })[]> {
  const tx = db.transaction(['models', 'chunks'], 'readonly');
  const models = await tx.objectStore('models').index('watched').getAll(1);
  const histories = await Promise.all(
    models.map(async ({ watched, ...meta }) => ({ ...meta, watched: watched === 1, snapshots: await readSeries(tx, meta.id) })),
  );
  await tx.done;
  return histories;
}

const serious = (warnings: Warning[]) => warnings.filter((w) => w.severity !== 'info');
const key = (id: string, w: Warning) => `${id}|${w.kind}|${w.since}`;

function downsample<T>(xs: T[], n: number): T[] {
  if (xs.length <= n) return xs;
  return Array.from({ length: n }, (_, i) => xs[Math.round((i * (xs.length - 1)) / (n - 1))]!);
}

export async function watchRows({ db, now }: Deps): Promise<WatchRow[]> {
  const t = now();
  const detect = await detector();
  return (await watchedHistories(db)).map((h) => {
    const s = h.snapshots;
    const last = s[s.length - 1];
    const warnings = serious(detect(h, t));
    const spark = s.filter((x) => x.likes !== null && last && x.t >= last.t - 30 * DAY_MS).map((x) => ({ t: x.t, v: x.likes! }));
    return {
      id: h.id,
      likes: last?.likes ?? null,
      downloads: last?.downloads ?? null,
      likesPerDay24h: rate(s, 'likes', WINDOWS['24h']),
      likesPerDay7d: rate(s, 'likes', WINDOWS['7d']),
      likesPerDay30d: rate(s, 'likes', WINDOWS['30d']),
      spark: downsample(spark, SPARK_POINTS),
      severity: warnings.some((w) => w.severity === 'alert') ? 'alert' : warnings.length ? 'warn' : null,
      warnings: warnings.map((w) => w.evidence),
      lastPolled: h.lastApiFetch,
      snapshots: s.length,
    };
  });
}

/** When each watched model's warning (model|kind) was last notified. */
const notifiedItem = storage.defineItem<Record<string, number>>('local:notified-warnings', { fallback: {} });

/**
 * The toolbar badge counts warn/alert warnings of watched models not yet seen in the popup;
 * with notifications on (and granted), each new one is also notified, once a re-arm period.
 */
export async function refreshActionBadge({ db, now }: Deps): Promise<number> {
  const seen = new Set(await seenItem.getValue());
  const t = now();
  const detect = await detector();
  const current = (await watchedHistories(db)).flatMap((h) => serious(detect(h, t)).map((w) => ({ ...w, id: h.id })));
  const fresh = current.filter((w) => !seen.has(key(w.id, w))).length;
  await browser.action.setBadgeText({ text: fresh ? String(fresh) : '' });
  await browser.action.setBadgeBackgroundColor({ color: '#b45309' });
  await notify(current, t);
  return fresh;
}

async function notify(current: (Warning & { id: string })[], t: number) {
  const { notifications } = await loadSettings();
  if (!notifications || !(await browser.permissions.contains({ permissions: ['notifications'] }))) return;
  const plan = toNotify(current, await notifiedItem.getValue(), t);
  await notifiedItem.setValue(plan.notified);
  for (const w of plan.notify) {
    await browser.notifications.create(`hub-lens|${w.id}|${w.kind}|${t}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: `${w.severity === 'alert' ? 'Alert' : 'Warning'}: ${w.id}`,
      message: w.evidence,
    });
  }
}

/** A click on a notification opens the model. */
export function openNotifiedModel(notificationId: string) {
  const [prefix, id] = notificationId.split('|');
  if (prefix === 'hub-lens' && id && /^[\w.-]+\/[\w.-]+$/.test(id)) void browser.tabs.create({ url: `https://huggingface.co/${id}` });
}

/** The popup was opened: everything it shows now has been seen. */
export async function markWarningsSeen(deps: Deps): Promise<void> {
  const t = deps.now();
  const detect = await detector();
  const keys = (await watchedHistories(deps.db)).flatMap((h) => serious(detect(h, t)).map((w) => key(h.id, w)));
  await seenItem.setValue(keys);
  await browser.action.setBadgeText({ text: '' });
}
