import { CONTENT_PARTS } from '@/lib/features/content-parts';
import type { ContentEnv, ContentPart } from '@/lib/features/content';
import { FEATURE_NAMES, FEATURES, isOn, type FeatureName, type PageKind } from '@/lib/features/registry';
import { guarded } from '@/lib/features/report-error';
import { pageKind } from '@/lib/hub-page';
import { loadSettings, type Settings } from '@/lib/settings';

// The content script on huggingface.co. On a page that is neither a model page nor a list of
// models it only looks at the URL. Otherwise it runs the content part of every feature that is
// on and serves this kind of page, each inside its own error boundary.

export default defineContentScript({
  matches: ['https://huggingface.co/*'],
  // Styles go into each shadow root from the bundle: no fetch per badge.
  cssInjectionMode: 'manual',
  runAt: 'document_idle',
  main(ctx) {
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

    void visit(new URL(location.href));
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => void visit(newUrl));
  },
});
