import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { claim } from '@/lib/session-claims';

describe('claims that outlive the worker', () => {
  beforeEach(() => fakeBrowser.reset());

  it('gives a key to one caller per window, even to callers at the same moment', async () => {
    const results = await Promise.all([claim('list:q', 60_000, 1_000), claim('list:q', 60_000, 1_000), claim('list:q', 60_000, 1_000)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await claim('list:q', 60_000, 60_999)).toBe(false);
    expect(await claim('list:q', 60_000, 61_000)).toBe(true);
    expect(await claim('list:other', 60_000, 61_000)).toBe(true);
  });

  it('keeps them in session storage, where a restarted worker finds them', async () => {
    expect(await claim('list:q', 60_000, 1_000)).toBe(true);
    expect((await fakeBrowser.storage.session.get('claims')).claims).toEqual({ 'list:q': 61_000 }); // kept until it ends
  });
});
