import { isDarkTheme } from '@/lib/hub-page';

/** Mirror the page's light/dark class onto a shadow host; returns the way to stop. */
export function followTheme(host: HTMLElement): () => void {
  const apply = () => host.classList.toggle('dark', isDarkTheme(document));
  apply();
  const observer = new MutationObserver(apply);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}
