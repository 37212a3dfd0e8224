import { render } from 'preact';
import styles from '@/components/badge.css?inline';
import theme from '@/components/theme.css?inline';
import { findModelCards, listQueryFromUrl, pageKind, type ModelCard } from '../../hub-page';
import type { ContentPart } from '../content';
import { send } from '../send';
import { createShadowHost, isOwnNode } from '../shadow';
import { followTheme } from '../theme';
import type { Badge } from './badge';
import { ListBadge } from './ListBadge';
import { LIST_LIMITS } from './list-query';

// Badges on every card of models (lists, org pages, collections). New cards are gathered at
// most once an animation frame, ignoring the mutations our own badges cause. The cards near the
// screen are asked about first (a list of 1,000 cards does not wait for the other 990), the
// rest after them in batches of REST_BATCH, so a background busy with them still answers the
// cards scrolled to next quickly.
// The history answers at once; the page's list query is repeated once, on its own, and its
// fresher numbers replace the badges when it answers: a stalled list call holds no badge the
// history can give. A batch the background did not answer is tried again, later.

const RETRY_MS = { first: 2_000, max: 60_000 };
/** How far off screen a card is asked about first and its badge mounted, ahead of scrolling. */
const AHEAD = '100% 0px';
/** Cards off screen asked about at once: ~0.2 s of the background's time for models with a month of history. */
const REST_BATCH = 100;

export const start: ContentPart['start'] = (env, firstUrl) => {
  // What each card was given: a badge, or 'asked' while a batch is out (or nothing was known).
  const known = new WeakMap<Element, Badge | 'asked'>();
  /** Each card's badge host, and the way to take it down. */
  const mounted = new Map<Element, { host: Element; badge: Badge; remove(): void }>();
  /** Cards not mounted yet, watched until they come near the screen, with their current title row. */
  const waiting = new Map<Element, ModelCard>();
  /** Cards that have come near the screen at least once. */
  const cameNear = new WeakSet<Element>();
  let url = firstUrl;
  let queryUsed = false;
  let frame: number | undefined;
  let retryMs = RETRY_MS.first;

  function mountBadge(card: ModelCard, badge: Badge) {
    mounted.get(card.card)?.remove();
    if (!card.slot.isConnected) return;
    const { host, container } = createShadowHost('badge', [theme, styles], 'span');
    const stopTheme = followTheme(host, env.settings.theme);
    card.slot.append(host);
    render(<ListBadge id={card.id} badge={badge} />, container);
    mounted.set(card.card, {
      host,
      badge,
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
    for (const card of waiting.keys()) if (!card.isConnected) nearScreen.unobserve(card), waiting.delete(card);
    if (pageKind(url) !== 'list') return;
    for (const card of findModelCards(document)) {
      const m = mounted.get(card.card);
      if (!m) watch(card); // not asked, or waiting for the screen: with the card's current title row
      else if (!m.host.isConnected) mountBadge(card, m.badge); // the page re-rendered the card: its badge comes back
    }
    void askRest(); // cards the page added, once those on screen had their answer
  };
  const schedule = () => {
    frame ??= requestAnimationFrame(scan);
  };

  /** Badges for these cards: mounted now where mounted or near the screen, else when they come near. */
  function show(cards: readonly ModelCard[], badges: Record<string, Badge>) {
    for (const c of cards) {
      const badge = badges[c.id];
      if (!badge) continue; // nothing known about it (yet): no badge rather than an empty one
      known.set(c.card, badge);
      const m = mounted.get(c.card);
      if (m) {
        if (JSON.stringify(m.badge) !== JSON.stringify(badge)) mountBadge(c, badge);
      } else if (cameNear.has(c.card)) {
        // It came near the screen while its answer was out (a fast reader may be past it already).
        const card = waiting.get(c.card) ?? c;
        nearScreen.unobserve(c.card);
        waiting.delete(c.card);
        mountBadge(card, badge);
      } // else: mounted when it comes near
    }
  }

  /** Cards the history knew nothing of before the list call was answered: asked again after it (it records the list's models). */
  const emptyBeforeList = new Set<ModelCard>();
  let listAnswered = false;
  function askAgain(cards: Iterable<ModelCard>) {
    for (const c of cards) {
      if (known.get(c.card) !== 'asked' || !waiting.has(c.card)) continue;
      known.delete(c.card);
      nearScreen.unobserve(c.card);
      nearScreen.observe(c.card); // observed again: asked at once if it is near
    }
    void askRest();
  }

  /** Ask about these cards: true when answered. */
  async function ask(cards: ModelCard[], onScreen: boolean): Promise<boolean> {
    const ids = [...new Set(cards.map((c) => c.id))];
    // The page's own query is repeated once per URL (with the cards on screen), beside the history's answer, never before it.
    const query = queryUsed || !onScreen ? null : listQueryFromUrl(url);
    if (onScreen && !queryUsed && !query) listAnswered = true; // a page with no list to repeat
    if (onScreen) queryUsed = true;
    const beforeList = !listAnswered;
    const badges = await send('list/view', { ids, query: null });
    // Asked once the history has answered, so the two do not share the background's time.
    if (query) {
      void send('list/view', { ids, query, cards: Math.max(1, waiting.size + mounted.size) }).then((fresh) => {
        listAnswered = true;
        if (fresh) show(cards, fresh);
        askAgain(emptyBeforeList);
        emptyBeforeList.clear();
      });
    }
    if (!badges) {
      // Not answered: forget these cards so they are asked again, after a growing pause.
      for (const c of cards) if (known.get(c.card) === 'asked') known.delete(c.card);
      env.ctx.setTimeout(() => {
        for (const c of cards) if (!known.has(c.card) && waiting.has(c.card)) (nearScreen.unobserve(c.card), nearScreen.observe(c.card));
        void askRest();
      }, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MS.max);
      return false;
    }
    retryMs = RETRY_MS.first;
    // A fresher answer (the list call's) may have come first: it stands.
    show(cards.filter((c) => known.get(c.card) === 'asked'), badges);
    const empty = cards.filter((c) => !badges[c.id]);
    if (beforeList && listAnswered) askAgain(empty);
    else if (beforeList) for (const c of empty) emptyBeforeList.add(c);
    answered = true;
    void askRest();
    return true;
  }

  /** Once the cards on screen were answered: the others, a batch at a time, in the page's order. */
  let answered = false;
  let resting = false;
  async function askRest() {
    if (resting || !answered) return;
    resting = true;
    try {
      for (;;) {
        const rest: ModelCard[] = [];
        for (const c of waiting.values()) {
          if (known.has(c.card)) continue;
          known.set(c.card, 'asked');
          if (rest.push(c) === REST_BATCH) break;
        }
        if (rest.length === 0 || !(await ask(rest, false))) break;
      }
    } finally {
      resting = false;
    }
  }

  /** The observer answers once a frame: cards come near the screen, are asked about, then mounted. */
  const nearScreen = new IntersectionObserver(
    (entries) => {
      // The cards on screen are asked about first, on their own: each card costs the background
      // a few ms, and the first screen should not wait for the screens around it.
      const onScreen: ModelCard[] = [];
      const ahead: ModelCard[] = [];
      for (const { target, isIntersecting, boundingClientRect: box } of entries) {
        const card = waiting.get(target);
        if (!isIntersecting || !card) continue;
        cameNear.add(target);
        const state = known.get(target);
        if (state === undefined) {
          known.set(target, 'asked');
          (box.bottom > 0 && box.top < innerHeight ? onScreen : ahead).push(card);
        } else if (state !== 'asked') {
          nearScreen.unobserve(target);
          waiting.delete(target);
          mountBadge(card, state);
        }
      }
      void (async () => {
        for (const cards of [onScreen, ahead]) {
          for (let i = 0; i < cards.length; i += LIST_LIMITS.batch) await ask(cards.slice(i, i + LIST_LIMITS.batch), true);
        }
      })();
    },
    { rootMargin: AHEAD },
  );
  function watch(card: ModelCard) {
    waiting.set(card.card, card);
    nearScreen.observe(card.card); // observing twice is observing once
  }

  const observer = new MutationObserver((records) => {
    const pageChanged = records.some((r) => !isOwnNode(r.target) && [...r.addedNodes].some((n) => !isOwnNode(n)));
    if (pageChanged) schedule();
  });
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
      answered = false; // the new page's cards on screen come first again
      listAnswered = false;
      emptyBeforeList.clear();
      schedule();
    },
  };
};
