import { isDarkTheme } from '@/lib/hub-page';
import type { Settings } from '@/lib/settings';

/** Mirror the page's light/dark class onto a shadow host (unless the user chose one); returns the way to stop. */
export function followTheme(host: HTMLElement, theme: Settings['theme']): () => void {
  const apply = () => host.classList.toggle('dark', theme === 'auto' ? isDarkTheme(document) : theme === 'dark');
  apply();
  const observer = new MutationObserver(apply);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}
