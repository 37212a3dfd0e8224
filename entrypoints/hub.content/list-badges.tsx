import { render } from 'preact';
import { useState } from 'preact/hooks';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import styles from '@/components/panel.css?inline';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { ListBadge } from '@/components/ListBadge';
import { findModelCards, listQueryFromUrl, type ModelCard } from '@/lib/hub-page';
import { listResponseSchema, type Badge } from '@/lib/messages';
import type { Settings } from '@/lib/settings';
import { ask as askState } from './messaging';
import { logOnce } from './safely';
import { followTheme } from './theme';

// Badges on every card of models (lists, org pages, collections): one message to the
// background per batch of new cards; the background makes at most one list call.

const BATCH_MS = 50;
const BADGE_HOST = '[data-hub-lens="badge"]';

export function startListBadges(ctx: ContentScriptContext, settings: Settings): { onUrl(url: URL): void } {
  // What each card was given (null: nothing known yet), so a re-rendered card gets its badge back.
  const known = new WeakMap<Element, Badge | null>();
  let queued: ModelCard[] = [];
  let timer: number | undefined;
  let url = new URL(location.href);
  let queryUsed = false;

  const scan = () => {
    for (const card of findModelCards(document)) {
      if (!known.has(card.card)) {
        known.set(card.card, null);
        queued.push(card);
      } else {
        const badge = known.get(card.card);
        if (badge && !card.card.querySelector(BADGE_HOST)) mountBadge(ctx, card, badge, settings).catch(logOnce);
      }
    }
    if (queued.length && timer === undefined) timer = ctx.setTimeout(flush, BATCH_MS);
  };

  async function flush() {
    timer = undefined;
    const cards = queued;
    queued = [];
    // The page's own query is repeated once per URL; later cards are looked up in history only.
    const query = queryUsed ? null : listQueryFromUrl(url);
    queryUsed = true;
    const badges = await ask(cards.map((c) => c.id), query);
    await Promise.all(
      cards.map((c) => {
        const badge = badges[c.id];
        if (!badge) return;
        known.set(c.card, badge);
        return mountBadge(ctx, c, badge, settings).catch(logOnce);
      }),
    );
  }

  const observer = new MutationObserver(() => {
    try {
      scan();
    } catch (error) {
      logOnce(error);
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  ctx.onInvalidated(() => observer.disconnect());
  scan();

  return {
    onUrl(next: URL) {
      url = next;
      queryUsed = false;
    },
  };
}

async function ask(ids: string[], query: ReturnType<typeof listQueryFromUrl>): Promise<Record<string, Badge>> {
  try {
    const parsed = listResponseSchema.safeParse(await browser.runtime.sendMessage({ type: 'list/view', ids, query }));
    return parsed.success ? parsed.data.badges : {};
  } catch {
    return {};
  }
}

/** Cards whose badge is being created (creation is async: a rescan must not start a second). */
const mounting = new WeakSet<Element>();

async function mountBadge(ctx: ContentScriptContext, card: ModelCard, badge: Badge, settings: Settings) {
  if (!card.slot.isConnected || mounting.has(card.card) || card.card.querySelector(BADGE_HOST)) return;
  mounting.add(card.card);
  try {
    await createBadgeUi(ctx, card, settings.warnings ? badge : { ...badge, severity: null, warnings: [] }, settings);
  } finally {
    mounting.delete(card.card);
  }
}

async function createBadgeUi(ctx: ContentScriptContext, card: ModelCard, badge: Badge, settings: Settings) {
  const ui = await createShadowRootUi(ctx, {
    name: 'hub-lens-badge',
    position: 'inline',
    anchor: card.slot,
    append: 'last',
    css: styles,
    inheritStyles: true,
    onMount(container, _shadow, host) {
      host.setAttribute('data-hub-lens', 'badge');
      const stopTheme = followTheme(host, settings.theme);
      const Badge = () => {
        const [current, setCurrent] = useState(badge);
        const onWatch = async (watched: boolean) => {
          const state = await askState({ type: 'model/watch', id: card.id, watched });
          if (state) setCurrent({ ...current, watched: state.watched });
        };
        return <ListBadge badge={current} onWatch={onWatch} />;
      };
      render(<Badge />, container);
      return () => {
        stopTheme();
        render(null, container);
      };
    },
    onRemove: (unmount) => unmount?.(),
  });
  ui.mount();
}
