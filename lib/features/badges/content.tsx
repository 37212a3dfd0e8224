import { render } from 'preact';
import styles from '@/components/badge.css?inline';
import theme from '@/components/theme.css?inline';
import { findModelCards, listQueryFromUrl, pageKind, type ModelCard } from '@/lib/hub-page';
import type { ContentPart } from '@/lib/features/content-part';
import { send } from '@/lib/features/send';
import { createShadowHost, isOwnNode } from '@/lib/features/shadow';
import { everyPeriod } from '@/lib/features/period';
import { followTheme } from '@/lib/features/theme';
import type { Badge } from './badge';
import { ListBadge } from './ListBadge';
import { LIST_LIMITS } from '@/lib/list-query';

// Badges on every card of models (lists, org pages, collections). New cards are gathered at
// most once an animation frame, ignoring the mutations our own badges cause, and sent in
// batches of at most LIST_LIMITS.batch ids; the background makes at most one list call per
// page. A batch the background did not answer is tried again, later. A badge is mounted when
// its card comes near the screen: a page of 1,000 cards lays out and paints a few dozen
// badges at a time, not 1,000 while the user waits.

const RETRY_MS = { first: 2_000, max: 60_000 };
/** How far off screen a card's badge is mounted ahead of scrolling. */
const AHEAD = '100% 0px';

export const start: ContentPart['start'] = (env, firstUrl) => {
  // What each card was given: a badge, or 'asked' while a batch is out.
  const known = new WeakMap<Element, Badge | 'asked'>();
  /** Each card's badge host, and the way to take it down. */
  const mounted = new Map<Element, { host: Element; remove(): void }>();
  let url = firstUrl;
  let queryUsed = false;
  let frame: number | undefined;
  let retryMs = RETRY_MS.first;
  const every = everyPeriod(env.settings.pollMinutes);

  function mountBadge(card: ModelCard, badge: Badge) {
    mounted.get(card.card)?.remove();
    if (!card.slot.isConnected) return;
    const { host, container } = createShadowHost('badges', [theme, styles], 'span');
    const stopTheme = followTheme(host, env.settings.theme);
    card.slot.append(host);
    render(<ListBadge id={card.id} badge={badge} every={every} />, container);
    mounted.set(card.card, {
      host,
      remove() {
        stopTheme();
        render(null, container);
        host.remove();
        mounted.delete(card.card);
      },
    });
  }

  const scan = () => {
    frame = undefined;
    // Cards the page dropped (a new page of results) take their badges with them.
    for (const [card, m] of mounted) if (!card.isConnected) m.remove();
    for (const card of waiting.keys()) {
      if (card.isConnected) continue;
      nearScreen.unobserve(card);
      waiting.delete(card);
    }
    if (pageKind(url) !== 'list') return;
    const fresh: ModelCard[] = [];
    for (const card of findModelCards(document)) {
      const state = known.get(card.card);
      if (state === undefined) {
        known.set(card.card, 'asked');
        fresh.push(card);
      } else if (state !== 'asked') {
        const m = mounted.get(card.card);
        if (!m) whenNear(card); // still waiting: with the card's current title row
        else if (!m.host.isConnected) mountBadge(card, state); // the page re-rendered the card: its badge comes back
      }
    }
    for (let i = 0; i < fresh.length; i += LIST_LIMITS.batch) env.guard(ask)(fresh.slice(i, i + LIST_LIMITS.batch));
  };
  const schedule = () => {
    frame ??= requestAnimationFrame(env.guard(scan));
  };

  async function ask(cards: ModelCard[]) {
    // The page's own query is repeated once per URL; later cards are looked up in history only.
    const query = queryUsed ? null : listQueryFromUrl(url);
    queryUsed = true;
    const answer = await send('list/view', { ids: [...new Set(cards.map((c) => c.id))], query });
    if (!answer.ok) {
      // Not answered: forget these cards so a later scan asks again, after a growing pause.
      for (const c of cards) known.delete(c.card);
      env.ctx.setTimeout(env.guard(schedule), retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MS.max);
      return;
    }
    retryMs = RETRY_MS.first;
    const badges = answer.value;
    for (const c of cards) {
      const badge = badges[c.id];
      if (!badge) continue; // nothing known about it (yet): no badge rather than an empty one
      known.set(c.card, badge);
      whenNear(c);
    }
  }

  /** Cards with a badge to show once they come near the screen (the observer answers once a frame). */
  const waiting = new Map<Element, ModelCard>();
  const nearScreen = new IntersectionObserver(
    env.guard((entries: IntersectionObserverEntry[]) => {
      for (const { target, isIntersecting } of entries) {
        const card = waiting.get(target);
        const badge = known.get(target);
        if (!isIntersecting || !card || typeof badge !== 'object') continue;
        nearScreen.unobserve(target);
        waiting.delete(target);
        mountBadge(card, badge);
      }
    }),
    { rootMargin: AHEAD },
  );
  function whenNear(card: ModelCard) {
    waiting.set(card.card, card);
    nearScreen.observe(card.card); // observing twice is observing once
  }

  const observer = new MutationObserver(
    env.guard((records: MutationRecord[]) => {
      const pageChanged = records.some((r) => !isOwnNode(r.target) && [...r.addedNodes].some((n) => !isOwnNode(n)));
      if (pageChanged) schedule();
    }),
  );
  observer.observe(document.body, { childList: true, subtree: true });
  env.ctx.onInvalidated(() => {
    observer.disconnect();
    nearScreen.disconnect();
    for (const m of mounted.values()) m.remove();
  });
  schedule();

  return {
    onUrl(next) {
      url = next;
      queryUsed = false;
      schedule();
    },
  };
};
