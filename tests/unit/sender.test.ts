import { describe, expect, it } from 'vitest';
import { senderKind } from '@/entrypoints/background/sender';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const OWN = `chrome-extension://${ID}/`;
const tab = { id: 1 };

describe('senderKind', () => {
  it('knows a Hub tab and the extension’s own pages', () => {
    expect(senderKind({ id: ID, url: 'https://huggingface.co/a/b', tab }, ID, OWN)).toBe('hub');
    expect(senderKind({ id: ID, url: `${OWN}options.html` }, ID, OWN)).toBe('extension');
    expect(senderKind({ id: ID, url: `${OWN}popup.html`, tab }, ID, OWN)).toBe('extension');
  });

  it('refuses other extensions, other sites and look-alike origins', () => {
    expect(senderKind({ id: 'other', url: 'https://huggingface.co/a/b', tab }, ID, OWN)).toBeNull();
    expect(senderKind({ id: ID, url: 'https://huggingface.co.evil.example/a/b', tab }, ID, OWN)).toBeNull();
    expect(senderKind({ id: ID, url: 'https://example.com/', tab }, ID, OWN)).toBeNull();
    expect(senderKind({ id: ID, url: 'chrome-extension://other/' }, ID, OWN)).toBeNull();
    expect(senderKind({ id: ID, url: 'https://huggingface.co/a/b' }, ID, OWN)).toBeNull(); // no tab: not a content script
    expect(senderKind({ id: ID }, ID, OWN)).toBeNull();
  });
});
