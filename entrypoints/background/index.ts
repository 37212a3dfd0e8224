import { BACKGROUND_PARTS } from '@/lib/features/background-parts';
import { followFault } from '@/lib/features/fault';
import { handlers as modelHandlers } from '@/lib/features/model-messages';
import type { BackgroundContext, Envelope, Handler } from '@/lib/features/protocol';
import { FEATURE_NAMES, isOn, type FeatureName } from '@/lib/features/registry';
import { guarded, reportError } from '@/lib/features/report-error';
import { createHistoryStore } from '@/lib/history-store';
import { createHubClient, type HubClient } from '@/lib/hub/client';
import { RateLimiter } from '@/lib/hub/rate-limit';
import { lockSession, rateLimitItem, settingsItem } from '@/lib/storage-items';
import { senderKind } from './sender';

// The service worker: the sole owner of the history database and the only caller of the Hub
// API. It answers the model page's own messages (lib/features/model-messages.ts: no switch turns
// them off) and runs each feature's background part from the registry: routes every message to
// its handler after checking the sender and the input, opens ports, keeps the alarms; each
// feature's work, synchronous or not, fails inside its boundary, reported under its name.

/** The label of the framework's own messages (they belong to no feature). */
const CORE = 'model';

export default defineBackground(() => {
  if (import.meta.env.WXT_FAULT) void followFault();
  // State content scripts have no business reading (the rate-limit window, polling's budget) is in storage.session.
  lockSession().catch((error: unknown) => reportError(CORE, error));
  const parts = FEATURE_NAMES.flatMap((name) => (BACKGROUND_PARTS[name] ? [{ name, part: BACKGROUND_PARTS[name]! }] : []));

  let hubPromise: Promise<HubClient> | undefined;
  const hub = () => (hubPromise ??= rateLimitItem.get().then((state) => createHubClient({ limiter: new RateLimiter(Date.now, state) })));
  // The rate-limit window survives the worker being stopped.
  const saveLimiter = async () => rateLimitItem.set((await hub()).limiter.state);

  const ctx: BackgroundContext = {
    store: createHistoryStore(),
    hub,
    settings: settingsItem.get,
    async features() {
      const settings = await settingsItem.get();
      return parts.filter(({ name }) => isOn(name, settings));
    },
    now: Date.now,
  };

  const routes = new Map<string, { feature: FeatureName | typeof CORE; handler: Handler }>();
  for (const [type, h] of Object.entries(modelHandlers)) routes.set(type, { feature: CORE, handler: h });
  for (const { name, part } of parts) {
    for (const [type, h] of Object.entries(part.handlers ?? {})) routes.set(type, { feature: name, handler: h });
  }

  async function handle(feature: FeatureName | typeof CORE, h: Handler, input: unknown, sender: Parameters<Handler['run']>[2]): Promise<Envelope> {
    if (feature !== CORE && !isOn(feature, await settingsItem.get())) return { ok: false, kind: 'off', error: `${feature} is turned off` };
    const parsed = h.input.safeParse(input);
    if (!parsed.success) return { ok: false, kind: 'invalid', error: `invalid input: ${parsed.error.issues[0]?.message ?? 'rejected'}` };
    try {
      return { ok: true, value: await h.run(parsed.data, ctx, sender) };
    } catch (error) {
      reportError(feature, error);
      return { ok: false, kind: 'failed', error: error instanceof Error ? error.message : String(error) };
    } finally {
      saveLimiter().catch(() => undefined);
    }
  }

  // Listeners are registered synchronously so a woken service worker receives the event.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const { type, input } = (message ?? {}) as { type?: unknown; input?: unknown };
    const route = typeof type === 'string' ? routes.get(type) : undefined;
    const kind = senderKind(sender, browser.runtime.id, browser.runtime.getURL('/'));
    if (!route || !kind || !route.handler.from.includes(kind)) return false;
    void handle(route.feature, route.handler, input, { kind, url: sender.url, tabId: sender.tab?.id }).then(sendResponse);
    return true;
  });

  // Ports (import, export) are for the extension's own pages only.
  browser.runtime.onConnect.addListener((port) => {
    const owner = parts.find(({ part }) => part.ports?.[port.name]);
    if (!owner) return;
    if (senderKind(port.sender ?? {}, browser.runtime.id, browser.runtime.getURL('/')) !== 'extension') return port.disconnect();
    guarded(owner.name, () => owner.part.ports![port.name]!(port, ctx));
  });

  const alarms = parts.flatMap(({ name, part }) => Object.entries(part.alarms ?? {}).map(([alarm, a]) => ({ name, alarm, ...a })));
  browser.alarms.onAlarm.addListener(({ name }) => {
    const a = alarms.find((x) => x.alarm === name);
    if (a) guarded(a.name, () => a.run(ctx).then(saveLimiter));
  });

  for (const { name, part } of parts) guarded(name, () => part.start?.(ctx));

  // On every start, not only on install: Chrome may drop alarms when the browser restarts, and
  // Firefox always does. An alarm that exists keeps its schedule.
  void ensureAlarms(alarms);
});

async function ensureAlarms(alarms: { alarm: string; periodInMinutes: number }[]) {
  for (const { alarm, periodInMinutes } of alarms) {
    if (!(await browser.alarms.get(alarm))) await browser.alarms.create(alarm, { periodInMinutes, delayInMinutes: Math.min(1, periodInMinutes) });
  }
}
