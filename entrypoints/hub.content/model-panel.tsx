import { signal } from '@preact/signals';
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import styles from '@/components/panel.css?inline';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Panel } from '@/components/Panel';
import { modelIdFromPath, panelAnchorSelector, readModelHeader } from '@/lib/hub-page';
import type { FamilyView, ModelState, PageObservation } from '@/lib/messages';
import type { Settings } from '@/lib/settings';
import { ask, askFamily } from './messaging';
import { logOnce } from './safely';
import { followTheme } from './theme';
import { waitFor } from './wait-for';

// The model-page panel: mounted under the model header, fed first by the page's own
// numbers, then by the background's history, then by the one API refresh.

interface Shown {
  id: string;
  ui: ShadowRootContentScriptUi<() => void>;
}

let shown: Shown | null = null;
let generation = 0;

const sameModel = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** `url`: where the page is going (a same-document move fires before `location` changes). */
export async function showModelPanel(ctx: ContentScriptContext, url: URL, settings: Settings): Promise<void> {
  const gen = ++generation;
  const path = url.pathname;
  const pathId = modelIdFromPath(path);
  if (shown && pathId && sameModel(shown.id, pathId)) return; // another tab of the same model
  shown?.ui.remove();
  shown = null;
  if (!pathId) return;

  // After a same-document move the old header lingers: wait for the one of this model.
  const observation = await waitFor(ctx, () => {
    const obs = readModelHeader(document, path);
    return obs && sameModel(obs.id, pathId) ? obs : null;
  });
  if (!observation || gen !== generation || ctx.isInvalid) return;

  const obs = signal<PageObservation>(observation);
  const state = signal<ModelState | null>(null);
  const family = signal<FamilyView | null>(null);
  const ui = await createShadowRootUi(ctx, {
    name: 'hub-lens-panel',
    position: 'inline',
    anchor: () => panelAnchorSelector(document) ?? undefined,
    css: styles,
    inheritStyles: true, // panel.css resets the host itself
    append: 'after',
    onMount(container, _shadow, host) {
      host.setAttribute('data-hub-lens', 'panel');
      const stopTheme = followTheme(host, settings.theme);
      const wrap = document.createElement('div');
      wrap.className = 'wrap';
      container.append(wrap);
      const onWatch = async (watched: boolean) => {
        const next = await ask({ type: 'model/watch', id: observation.id, watched });
        if (next) state.value = next;
      };
      const App = () => <Panel observation={obs.value} state={state.value} now={Date.now()} onWatch={onWatch} family={family.value} show={settings} />;
      render(<App />, wrap);
      // A re-rendered header may carry fresher numbers.
      const fresh = readModelHeader(document, path);
      if (fresh && sameModel(fresh.id, observation.id)) obs.value = fresh;
      return () => {
        stopTheme();
        render(null, wrap);
      };
    },
    onRemove(unmount) {
      unmount?.();
    },
  });
  if (gen !== generation) return;
  shown = { id: observation.id, ui };
  ui.autoMount();

  const viewed = await ask({ type: 'model/view', observation });
  if (gen !== generation) return;
  if (viewed) state.value = viewed;
  const refreshed = await ask({ type: 'model/refresh', id: observation.id });
  if (gen !== generation) return;
  if (refreshed) state.value = refreshed;
  // The family comes last: its calls never delay the panel's own numbers.
  if (settings.familyCard) {
    const view = await askFamily(observation.id);
    if (gen === generation && view) family.value = view;
  }
}

export function removeModelPanel(): void {
  generation++;
  try {
    shown?.ui.remove();
  } catch (error) {
    logOnce(error);
  }
  shown = null;
}
