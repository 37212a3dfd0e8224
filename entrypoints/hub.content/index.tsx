import '@/components/panel.css';
import { removeModelPanel, showModelPanel } from './model-panel';
import { safely } from './safely';

export default defineContentScript({
  matches: ['https://huggingface.co/*'],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  main(ctx) {
    const update = safely(() => showModelPanel(ctx));
    update();
    ctx.addEventListener(window, 'wxt:locationchange', update);
    ctx.onInvalidated(removeModelPanel);
  },
});
