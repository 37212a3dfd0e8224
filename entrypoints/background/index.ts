import { BACKGROUND_PARTS } from '@/lib/features/background-parts';
import type { BackgroundContext, Envelope, Handler } from '@/lib/features/protocol';
import { FEATURE_NAMES, isOn, type FeatureName } from '@/lib/features/registry';
import { reportError } from '@/lib/features/report-error';
import { createHistoryStore } from '@/lib/history-store';
import { createHubClient, type HubClient } from '@/lib/hub/client';
import { RateLimiter } from '@/lib/hub/rate-limit';
import { loadSettings } from '@/lib/settings';
import { senderKind } from './sender';

// The service worker: the sole owner of the history database and the only caller of the Hub
// API. It runs each feature's background part from the registry: routes every message to its
// handler after checking the sender and the input, opens ports, keeps the alarms.

const LIMITER_KEY = 'rate-limit';

export default defineBackground(() => {
  const parts = FEATURE_NAMES.flatMap((name) => (BACKGROUND_PARTS[name] ? [{ name, part: BACKGROUND_PARTS[name]! }] : []));

  let hubPromise: Promise<HubClient> | undefined;
  const hub = () =>
    (hubPromise ??= browser.storage.local
      .get(LIMITER_KEY)
      .then((r) => createHubClient({ limiter: new RateLimiter(Date.now, r[LIMITER_KEY]) })));
  // The rate-limit window survives the worker being stopped.
  const saveLimiter = async () => browser.storage.local.set({ [LIMITER_KEY]: (await hub()).limiter.state });

  const ctx: BackgroundContext = {
    store: createHistoryStore(),
    hub,
    settings: loadSettings,
    async features() {
      const settings = await loadSettings();
      return parts.filter(({ name }) => isOn(name, settings));
    },
    now: Date.now,
  };

  const routes = new Map<string, { feature: FeatureName; handler: Handler }>();
  for (const { name, part } of parts) {
    for (const [type, h] of Object.entries(part.handlers ?? {})) routes.set(type, { feature: name, handler: h });
  }

  async function handle(feature: FeatureName, h: Handler, input: unknown, sender: Parameters<Handler['run']>[2]): Promise<Envelope> {
    if (!isOn(feature, await loadSettings())) return { ok: false, error: `${feature} is turned off` };
    const parsed = h.input.safeParse(input);
    if (!parsed.success) return { ok: false, error: `invalid input: ${parsed.error.issues[0]?.message ?? 'rejected'}` };
    try {
      return { ok: true, value: await h.run(parsed.data, ctx, sender) };
    } catch (error) {
      reportError(feature, error);
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
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
    try {
      owner.part.ports![port.name]!(port, ctx);
    } catch (error) {
      reportError(owner.name, error);
    }
  });

  const alarms = parts.flatMap(({ name, part }) => Object.entries(part.alarms ?? {}).map(([alarm, a]) => ({ name, alarm, ...a })));
  browser.alarms.onAlarm.addListener(({ name }) => {
    const a = alarms.find((x) => x.alarm === name);
    a?.run(ctx).then(
      () => saveLimiter(),
      (error: unknown) => reportError(a.name, error),
    );
  });

  for (const { name, part } of parts) {
    try {
      part.start?.(ctx);
    } catch (error) {
      reportError(name, error);
    }
  }

  // On every start, not only on install: Chrome may drop alarms when the browser restarts, and
  // Firefox always does. An alarm that exists keeps its schedule.
  void ensureAlarms(alarms);
});

async function ensureAlarms(alarms: { alarm: string; periodInMinutes: number }[]) {
  for (const { alarm, periodInMinutes } of alarms) {
    if (!(await browser.alarms.get(alarm))) await browser.alarms.create(alarm, { periodInMinutes, delayInMinutes: Math.min(1, periodInMinutes) });
  }
}

