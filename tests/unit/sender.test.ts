import { describe, expect, it } from 'vitest';
import type { Request } from '@/lib/messages';
import { senderMayAsk } from '@/entrypoints/background/sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const OWN = `chrome-extension://${ID}/`;
const view: Request = { type: 'model/view', observation: { id: 'a/b' } };
const importReq: Request = { type: 'history/import', text: '{}' };
const tab = { id: 1 } as chrome.tabs.Tab;

describe('senderMayAsk', () => {
  it('lets a Hub tab ask about models but not import', () => {
    const hub = { id: ID, url: 'https://huggingface.co/a/b', tab };
    expect(senderMayAsk(hub, view, ID, OWN)).toBe(true);
    expect(senderMayAsk(hub, importReq, ID, OWN)).toBe(false);
  });

  it('lets the extension pages import', () => {
    expect(senderMayAsk({ id: ID, url: `${OWN}options.html` }, importReq, ID, OWN)).toBe(true);
  });

  it('refuses other extensions and other sites', () => {
    expect(senderMayAsk({ id: 'other', url: 'https://huggingface.co/a/b', tab }, view, ID, OWN)).toBe(false);
    expect(senderMayAsk({ id: ID, url: 'https://huggingface.co.evil.example/a/b', tab }, view, ID, OWN)).toBe(false);
    expect(senderMayAsk({ id: ID, url: 'https://example.com/', tab }, view, ID, OWN)).toBe(false);
    expect(senderMayAsk({ id: ID, url: 'chrome-extension://other/', tab: undefined }, importReq, ID, OWN)).toBe(false);
  });
});
