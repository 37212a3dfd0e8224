import { render } from 'preact';
import styles from '@/components/panel.css?inline';
import theme from '@/components/theme.css?inline';
import { modelIdFromPath, panelAnchorSelector, readModelHeader, sameModel } from '../../hub-page';
import type { PageModel } from '../../observation';
import type { ContentEnv, ContentPart } from '../content';
import { send } from '../send';
import { createShadowHost } from '../shadow';
import { followTheme } from '../theme';
import { waitFor } from '../wait-for';
import { Numbers } from './Numbers';
import { Panel } from './Panel';
import type { ModelState } from './state';

// The model-page panel: mounted under the model header, fed first by the page's own numbers,
// then by the background's history, then by the one API refresh. Other features add their
// pieces to it (ContentPart.sections); each renders inside its own error boundary.

let shown: { id: string; remove(): void } | null = null;
let generation = 0;

function removePanel() {
  shown?.remove();
  shown = null;
}

/** Puts the host right after the model header, and back there whenever the page's re-render drops it. */
function keepPlaced(env: ContentEnv, host: HTMLElement): () => void {
  const place = () => {
    const selector = panelAnchorSelector(document);
    const anchor = selector && document.querySelector(selector);
    if (anchor && anchor.nextElementSibling !== host) anchor.after(host);
  };
  place();
  const observer = new MutationObserver(() => host.isConnected || place());
  observer.observe(document.body, { childList: true, subtree: true });
  env.ctx.onInvalidated(() => observer.disconnect());
  return () => observer.disconnect();
}

/** `url`: where the page is going (a same-document move fires before `location` changes). */
async function showPanel(env: ContentEnv, url: URL): Promise<void> {
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

  const { host, container } = createShadowHost('panel', [theme, styles]);
  container.className = 'wrap';
  let current: PageModel = page;
  let state: ModelState | null = null;
  const draw = () => render(<Panel id={page.id} page={current} state={state} setState={setState} sections={env.sections} />, container);
  function setState(next: ModelState) {
    state = next;
    draw();
  }
  const stopTheme = followTheme(host, env.settings.theme);
  const stopPlacing = keepPlaced(env, host);
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
  if (fresh && sameModel(fresh.id, page.id)) (current = fresh), draw();

  for (const next of [() => send('model/view', page), () => send('model/refresh', { id: page.id })]) {
    const answer = await next();
    if (gen !== generation) return;
    if (answer) setState(answer);
  }
}

export const start: ContentPart['start'] = (env, url) => {
  void showPanel(env, url);
  env.ctx.onInvalidated(() => {
    generation++;
    removePanel();
  });
  return { onUrl: (next) => void showPanel(env, next) };
};

export const sections: ContentPart['sections'] = [{ slot: 'body', order: 0, View: Numbers }];
