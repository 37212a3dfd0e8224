import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { claim, MAX_CLAIMS } from '@/lib/session-claims';

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

  it('keeps a claim only while it holds: an ended one is gone at the next claim', async () => {
    expect(await claim('list:a', 600_000, 0)).toBe(true);
    expect(await claim('list:b', 600_000, 600_000)).toBe(true);
    expect((await fakeBrowser.storage.session.get('claims')).claims).toEqual({ 'list:b': 1_200_000 });
  });

  it('are never more than MAX_CLAIMS, however many URLs a page pushes (the session store cannot fill)', async () => {
    for (let i = 0; i < MAX_CLAIMS + 50; i++) expect(await claim(`list:${'q'.repeat(500)}${i}`, 600_000, 1_000 + i)).toBe(true);
    const kept = (await fakeBrowser.storage.session.get('claims')).claims as Record<string, number>;
    expect(Object.keys(kept)).toHaveLength(MAX_CLAIMS);
    // The newest are kept, and still hold.
    expect(await claim(`list:${'q'.repeat(500)}${MAX_CLAIMS + 49}`, 600_000, 1_000 + MAX_CLAIMS + 50)).toBe(false);
  });

  it('do not believe a stored end far past the claim’s length', async () => {
    await fakeBrowser.storage.session.set({ claims: { 'list:q': Number.MAX_SAFE_INTEGER, junk: 'x' } });
    expect(await claim('list:q', 600_000, 1_000)).toBe(true);
  });
});
