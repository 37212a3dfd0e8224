import { render } from 'preact';
import styles from '@/components/badge.css?inline';
import theme from '@/components/theme.css?inline';
import { findModelCards, listQueryFromUrl, pageKind, type ModelCard } from '@/lib/hub-page';
import type { ContentPart } from '@/lib/features/content-part';
import { everyPeriod } from '@/lib/features/period';
import { send } from '@/lib/features/send';
import { createShadowHost, isOwnNode } from '@/lib/features/shadow';
import { followTheme } from '@/lib/features/theme';
import { LIST_LIMITS } from '@/lib/list-query';
import type { Badge } from './badge';
import { ListBadge } from './ListBadge';

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
  const mounted = new Map<Element, { host: Element; remove(): void }>();
  /** Cards not mounted yet, watched until they come near the screen, with their current title row. */
  const waiting = new Map<Element, ModelCard>();
  /** Cards that have come near the screen at least once. */
  const cameNear = new WeakSet<Element>();
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
      near.delete(card);
    }
    if (pageKind(url) !== 'list') return;
    for (const card of findModelCards(document)) {
      const m = mounted.get(card.card);
      if (!m) watch(card); // not asked, or waiting for the screen: with the card's current title row
      else if (!m.host.isConnected) mountBadge(card, known.get(card.card) as Badge); // the page re-rendered the card: its badge comes back
    }
    env.guard(pump)(); // cards the page added
  };
  const schedule = () => {
    frame ??= requestAnimationFrame(env.guard(scan));
  };

  /** Badges for these cards: mounted now where mounted or once near the screen, else when they come near. */
  function show(cards: readonly ModelCard[], badges: Record<string, Badge>) {
    for (const c of cards) {
      const badge = badges[c.id];
      if (!badge) continue; // nothing known about it (yet): no badge rather than an empty one
      known.set(c.card, badge);
      // Mounted, or it came near the screen while its answer was out (a fast reader may be past it already).
      if (mounted.has(c.card) || cameNear.has(c.card)) mountWaiting(waiting.get(c.card) ?? c, badge);
    }
  }

  function mountWaiting(card: ModelCard, badge: Badge) {
    nearScreen.unobserve(card.card);
    waiting.delete(card.card);
    near.delete(card.card);
    mountBadge(card, badge);
  }

  /** Cards the history knew nothing of before the list call recorded the list's models: asked again after it. */
  const emptyBeforeList = new Set<Element>();
  let listDone = false;

  /** Cards asked about with no badge given: asked again by the next pump. */
  function forget(cards: Iterable<Element>) {
    for (const card of cards) if (known.get(card) === 'asked') known.delete(card);
  }

  /** Ask about these cards: true when answered. */
  async function ask(cards: ModelCard[]): Promise<boolean> {
    for (const c of cards) known.set(c.card, 'asked');
    const ids = [...new Set(cards.map((c) => c.id))];
    // The page's own query is repeated once per URL (with the first cards asked about), beside the history's answer, never before it.
    const query = queryUsed ? null : listQueryFromUrl(url);
    queryUsed = true;
    const early = !listDone;
    const answer = await send('list/view', { ids, query: null });
    const badges = answer.ok ? answer.value : null;
    // Asked once the history has answered, so the two do not share the background's time; then
    // the cards still without a badge are asked again: the list call has recorded the list's models.
    if (query) {
      void send('list/view', { ids, query, cards: waiting.size + mounted.size }).then(
        env.guard((fresh: Awaited<ReturnType<typeof send<'list/view'>>>) => {
          listDone = true;
          if (fresh.ok) show(cards, fresh.value);
          forget(emptyBeforeList);
          emptyBeforeList.clear();
          return pump();
        }),
      );
    }
    if (!badges) {
      // Not answered: forget these cards so they are asked again, after a growing pause.
      forget(cards.map((c) => c.card));
      env.ctx.setTimeout(env.guard(pump), retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MS.max);
      return false;
    }
    retryMs = RETRY_MS.first;
    // A fresher answer (the list call's) may have come first: it stands.
    show(cards.filter((c) => known.get(c.card) === 'asked'), badges);
    if (early) {
      for (const c of cards) {
        if (badges[c.id]) continue;
        if (listDone) forget([c.card]);
        else emptyBeforeList.add(c.card);
      }
    }
    answered = true;
    return true;
  }

  /**
   * One batch out at a time, the most urgent first: the cards on screen (each costs the
   * background a few ms: the first screen does not wait for the screens around it), then the
   * screen ahead, then, once the first were answered, the others in the page's order.
   */
  let answered = false;
  let busy = false;
  async function pump() {
    if (busy) return;
    busy = true;
    try {
      for (;;) {
        const free = [...waiting.values()].filter((c) => !known.has(c.card));
        const close = free.filter((c) => near.has(c.card));
        const onScreen = close.filter((c) => near.get(c.card));
        const batch = onScreen.length ? onScreen : close.length ? close : answered ? free.slice(0, REST_BATCH) : [];
        if (!batch.length || !(await ask(batch.slice(0, LIST_LIMITS.batch)))) break;
      }
    } finally {
      busy = false;
    }
  }

  /** The observer answers once a frame: which cards are near the screen (on it: true), and mounts the known ones. */
  const near = new Map<Element, boolean>();
  const nearScreen = new IntersectionObserver(
    env.guard((entries: IntersectionObserverEntry[]) => {
      for (const { target, isIntersecting, boundingClientRect: box } of entries) {
        const card = waiting.get(target);
        if (!card || !isIntersecting) {
          near.delete(target);
          continue;
        }
        cameNear.add(target);
        near.set(target, box.bottom > 0 && box.top < innerHeight);
        const state = known.get(target);
        if (state && state !== 'asked') mountWaiting(card, state);
      }
      return pump();
    }),
    { rootMargin: AHEAD },
  );
  function watch(card: ModelCard) {
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
      answered = listDone = false; // the new page's cards on screen come first again
      emptyBeforeList.clear();
      schedule();
    },
  };
};
