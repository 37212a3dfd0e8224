import '@/components/panel.css';
import { removeModelPanel, showModelPanel } from './model-panel';
import { safely } from './safely';

export default defineContentScript({
  matches: ['https://huggingface.co/*'],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  main(ctx) {
    const update = safely((url: URL) => showModelPanel(ctx, url));
    update(new URL(location.href));
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => update(newUrl));
    ctx.onInvalidated(removeModelPanel);
  },
});
