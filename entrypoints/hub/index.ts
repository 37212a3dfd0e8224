import { CONTENT_PARTS } from '@/lib/features/content-parts';
import type { ContentEnv, ContentPart } from '@/lib/features/content';
import { FEATURE_NAMES, FEATURES, isOn, type FeatureName, type PageKind } from '@/lib/features/registry';
import { guarded } from '@/lib/features/report-error';
import { pageKind } from '@/lib/hub-page';
import { startPageContext } from '@/lib/features/page-context';
import { loadSettings, type Settings } from '@/lib/settings';

// The content script on huggingface.co. The browser does not load it on the home page or in the
// sections that hold no model (lib/hub-page.ts, unservedPatterns); on any other page that is
// neither a model page nor a list of models it only looks at the URL. Otherwise it runs the
// content part of every feature that is on and serves this kind of page, each inside its own
// error boundary.

// It is declared in the manifest (wxt.config.ts) and built as a plain script: WXT's content-script
// wrapper would add its context class, ~1 KB gzip, for what lib/features/page-context.ts does.
// Styles go into each shadow root from the bundle: no fetch per badge.

export default defineUnlistedScript({
  main() {
    let settings: Promise<Settings> | undefined;
    const started = new Map<FeatureName, { onUrl?(url: URL): void } | void>();

    async function visit(url: URL) {
      const kind = pageKind(url);
      if (!kind) return;
      const s = await (settings ??= loadSettings());
      const on = FEATURE_NAMES.filter((name) => isOn(name, s));
      const env: ContentEnv = {
        ctx,
        settings: s,
        sections: (slot) =>
          on
            .flatMap((feature) => (CONTENT_PARTS[feature]?.sections ?? []).filter((x) => x.slot === slot).map((section) => ({ feature, section })))
            .sort((a, b) => a.section.order - b.section.order),
      };
      for (const name of on) {
        const part: ContentPart | undefined = CONTENT_PARTS[name];
        if (!part?.start) continue;
        if (started.has(name)) {
          guarded(name, () => started.get(name)?.onUrl?.(url));
        } else if ((FEATURES[name].pages as readonly PageKind[]).includes(kind)) {
          guarded(name, () => started.set(name, part.start!(env, url, kind)));
        }
      }
    }

    const ctx = startPageContext((url) => void visit(url));
    void visit(new URL(location.href));
  },
});
