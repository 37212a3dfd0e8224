import type { SenderKind } from '@/lib/features/protocol';

type RuntimeSender = { id?: string; url?: string; tab?: unknown };

const HUB_ORIGIN = 'https://huggingface.co/';

/** Who sent a message: one of the extension's own pages, its content script in a Hub tab, or nobody it answers. */
export function senderKind(sender: RuntimeSender, extensionId: string, extensionUrl: string): SenderKind | null {
  if (sender.id !== extensionId || !sender.url) return null;
  if (sender.url.startsWith(extensionUrl)) return 'extension';
  if (sender.tab && sender.url.startsWith(HUB_ORIGIN)) return 'hub';
  return null;
}
