import type { Request } from '@/lib/messages';

type Sender = Pick<chrome.runtime.MessageSender, 'id' | 'url' | 'tab'>;

const HUB_ORIGIN = 'https://huggingface.co/';

/** Content scripts on the Hub may ask about models; only the extension's own pages may import. */
export function senderMayAsk(sender: Sender, request: Request, extensionId: string, extensionUrl: string): boolean {
  if (sender.id !== extensionId) return false;
  const fromOwnPage = !!sender.url?.startsWith(extensionUrl);
  const fromHub = !!sender.tab && !!sender.url?.startsWith(HUB_ORIGIN);
  switch (request.type) {
    case 'model/view':
    case 'model/refresh':
    case 'family/get':
    case 'list/view':
    case 'model/watch':
      return fromHub || fromOwnPage;
    case 'history/import':
    case 'watchlist/get':
    case 'watchlist/seen':
    case 'poll/now':
    case 'history/stats':
    case 'history/clear':
      return fromOwnPage;
  }
}
