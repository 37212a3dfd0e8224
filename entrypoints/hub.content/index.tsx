import { startListBadges } from './list-badges';
import { removeModelPanel, showModelPanel } from './model-panel';
import { DEFAULT_SETTINGS, loadSettings } from '@/lib/settings';
import { attempt, safely } from './safely';

export default defineContentScript({
  matches: ['https://huggingface.co/*'],
  // Styles go into each shadow root from the bundle: no fetch per badge.
  cssInjectionMode: 'manual',
  runAt: 'document_idle',
  async main(ctx) {
    const settings = await loadSettings().catch(() => DEFAULT_SETTINGS);
    const update = safely((url: URL) => settings.panel && showModelPanel(ctx, url, settings));
    update(new URL(location.href));
    const lists = settings.listBadges ? attempt(() => startListBadges(ctx, settings)) : undefined;
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
      lists?.onUrl(newUrl);
      update(newUrl);
    });
    ctx.onInvalidated(removeModelPanel);
  },
});
