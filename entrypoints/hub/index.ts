import type { ContentEnv } from '@/lib/features/content-part';
import { CONTENT_PARTS } from '@/lib/features/content-parts';
import { followFault } from '@/lib/features/fault';
import { startPageContext } from '@/lib/features/page-context';
import { startPanel } from '@/lib/features/panel-mount';
import type { Output } from '@/lib/features/protocol';
import { guard, guarded } from '@/lib/features/report-error';
import { send } from '@/lib/features/send';
import { pageKind } from '@/lib/hub-page';

// The content script on huggingface.co. The browser does not load it on the home page or in the
// sections that hold no model (lib/hub-page.ts, unservedPatterns); on any other page that is
// neither a model page nor a list of models it only looks at the URL. Otherwise it asks the
// background which features are on (`page/setup`: the content script reads no storage), starts
// the model panel on model pages (lib/features/panel-mount.tsx: the view is recorded whatever the
// switches) and runs the content part of every feature that is on and serves this kind of page,
// each inside its own error boundary, its later work (timers, frames, observers, promises) too.

// It is declared in the manifest (wxt.config.ts) and built as a plain script: WXT's content-script
// wrapper would add its context class, ~1 KB gzip, for what lib/features/page-context.ts does.
// Styles go into each shadow root from the bundle: no fetch per badge.

export default defineUnlistedScript({
  main() {
    let setup: Promise<Output<'page/setup'> | null> | undefined;
    const started = new Map<string, { onUrl?(url: URL): void } | void | Promise<void>>();
    let panel: ((url: URL) => void) | undefined;

    async function visit(url: URL) {
      const kind = pageKind(url);
      if (!kind) return;
      if (import.meta.env.WXT_FAULT) await followFault();
      // Without an answer (the extension was updated under this page) nothing starts.
      const s = await (setup ??= send('page/setup', undefined).then((a) => (a.ok ? a.value : null)));
      if (!s) return;
      const { settings, features } = s;
      if (panel) panel(url);
      else if (kind === 'model') {
        const parts = features.flatMap(({ name }) => (CONTENT_PARTS[name]?.sections ? [{ feature: name, sections: CONTENT_PARTS[name]!.sections! }] : []));
        panel = startPanel({ ctx, settings, parts }, url);
      }
      for (const { name, pages } of features) {
        const part = CONTENT_PARTS[name];
        if (!part?.start) continue;
        if (started.has(name)) {
          const running = started.get(name);
          if (running && !(running instanceof Promise)) guarded(name, () => running.onUrl?.(url));
        } else if (pages.includes(kind)) {
          const env: ContentEnv = { ctx, settings, guard: guard(name) };
          started.set(name, guarded(name, () => part.start!(env, url, kind)));
        }
      }
      // Every feature that is on has started here: what is not on the page by now never will be (tests wait for this).
      document.documentElement.setAttribute('data-hub-lens-started', '');
    }

    const ctx = startPageContext((url) => void visit(url));
    void visit(new URL(location.href));
  },
});
