import { isDarkTheme } from '@/lib/hub-page';
import type { Settings } from '@/lib/settings';

// One observer of the page's light/dark class for every shadow host Hub Lens mounts (a list
// page has hundreds of badges).

const hosts = new Map<HTMLElement, Settings['theme']>();
let observer: MutationObserver | null = null;

const apply = (host: HTMLElement, theme: Settings['theme']) =>
  host.classList.toggle('dark', theme === 'auto' ? isDarkTheme(document) : theme === 'dark');

/** Mirror the page's theme onto `host` (unless the user chose one); returns the way to stop. */
export function followTheme(host: HTMLElement, theme: Settings['theme']): () => void {
  hosts.set(host, theme);
  apply(host, theme);
  if (!observer) {
    observer = new MutationObserver(() => hosts.forEach((t, h) => apply(h, t)));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  }
  return () => {
    hosts.delete(host);
    if (hosts.size === 0) {
      observer?.disconnect();
      observer = null;
    }
  };
}

/** How many hosts follow the theme, and whether one observer does it (for tests). */
export const themeFollowers = () => ({ hosts: hosts.size, observing: observer !== null });
