import { render } from 'preact';
import styles from '@/components/panel.css?inline';
import theme from '@/components/theme.css?inline';
import { modelIdFromPath, panelAnchorSelector, readModelHeader, sameModel } from '@/lib/hub-page';
import type { PageModel } from '@/lib/observation';
import type { Settings } from '@/lib/settings';
import type { Section } from './content-part';
import type { ModelState } from './model-state';
import type { PageContext } from './page-context';
import { PanelFrame, type Pieces } from './PanelFrame';
import { guard, guarded } from './report-error';
import { send } from './send';
import { createShadowHost } from './shadow';
import { followTheme } from './theme';
import { waitFor } from './wait-for';

// Every model page: its view is recorded (`model/view`, whatever the switches: history, badges,
// warnings and the watch list read it), then refreshed once from the API (`model/refresh`). When
// some feature that is on has a piece of the panel, the panel is mounted under the model header,
// fed first by the page's own numbers, then by the background's history, then by the refresh.
// Framework, not a feature: its own failures are reported as `panel`.

export interface PanelEnv {
  ctx: PageContext;
  settings: Settings;
  /** the pieces of the features that are on, by feature */
  parts: readonly { feature: string; sections: readonly Section[] }[];
}

let shown: { id: string; remove(): void } | null = null;
let generation = 0;

function removePanel() {
  shown?.remove();
  shown = null;
}

/** Puts the host right after the model header, and back there whenever the page's re-render drops it. */
function keepPlaced(ctx: PageContext, host: HTMLElement): () => void {
  const place = () => {
    const selector = panelAnchorSelector(document);
    const anchor = selector && document.querySelector(selector);
    if (anchor && anchor.nextElementSibling !== host) anchor.after(host);
  };
  place();
  const observer = new MutationObserver(guard('panel')(() => host.isConnected || place()));
  observer.observe(document.body, { childList: true, subtree: true });
  ctx.onInvalidated(() => observer.disconnect());
  return () => observer.disconnect();
}

/** `url`: where the page is going (a same-document move fires before `location` changes). */
async function showPanel(env: PanelEnv, url: URL): Promise<void> {
  const gen = ++generation;
  const path = url.pathname;
  const pathId = modelIdFromPath(path);
  if (shown && pathId && sameModel(shown.id, pathId)) return; // another tab of the same model
  removePanel();
  if (!pathId) return;

  // After a same-document move the old header lingers: wait for the one of this model.
  const page = await waitFor(env.ctx, () => {
    const read = readModelHeader(document, path);
    return read && sameModel(read.id, pathId) ? read : null;
  });
  if (!page || gen !== generation || env.ctx.isInvalid) return;

  let current: PageModel = page;
  let state: ModelState | null = null;
  let draw = () => {};
  if (env.parts.length) {
    const { host, container } = createShadowHost('panel', [theme, styles]);
    container.className = 'wrap';
    // A piece whose later work failed is taken down, as its boundary takes down one that threw.
    const failed = new Set<string>();
    const pieces: Pieces = (slot) =>
      env.parts.flatMap(({ feature, sections }) =>
        failed.has(feature)
          ? []
          : sections.filter((s) => s.slot === slot).map((section) => ({ feature, section, guard: guard(feature, () => (failed.add(feature), draw())) })),
      ).sort((a, b) => a.section.order - b.section.order);
    draw = () => render(<PanelFrame id={page.id} page={current} state={state} setState={setState} settings={env.settings} pieces={pieces} />, container);
    const stopTheme = followTheme(host, env.settings.theme);
    const stopPlacing = keepPlaced(env.ctx, host);
    draw();
    shown = {
      id: page.id,
      remove() {
        stopPlacing();
        stopTheme();
        render(null, container);
        host.remove();
      },
    };
    // A re-rendered header may carry fresher numbers.
    const fresh = readModelHeader(document, path);
    if (fresh && sameModel(fresh.id, page.id)) {
      current = fresh;
      draw();
    }
  }
  function setState(next: ModelState) {
    state = next;
    draw();
  }

  for (const next of [() => send('model/view', page), () => send('model/refresh', { id: page.id })]) {
    const answer = await next();
    if (gen !== generation) return;
    if (answer.ok && answer.value) setState(answer.value);
  }
}

/** Starts the panel on the first model page; returns what hears each same-document move. */
export function startPanel(env: PanelEnv, url: URL): (url: URL) => void {
  const show = (next: URL) => void guarded('panel', () => showPanel(env, next));
  show(url);
  env.ctx.onInvalidated(() => {
    generation++;
    removePanel();
  });
  return show;
}
