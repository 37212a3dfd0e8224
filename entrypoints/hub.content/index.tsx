import '@/components/panel.css';
import { startListBadges } from './list-badges';
import { removeModelPanel, showModelPanel } from './model-panel';
import { attempt, safely } from './safely';

export default defineContentScript({
  matches: ['https://huggingface.co/*'],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  main(ctx) {
    const update = safely((url: URL) => showModelPanel(ctx, url));
    update(new URL(location.href));
    const lists = attempt(() => startListBadges(ctx));
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
      lists?.onUrl(newUrl);
      update(newUrl);
    });
    ctx.onInvalidated(removeModelPanel);
  },
});
