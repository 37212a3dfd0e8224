import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { send } from '@/lib/features/send';

// A failed message says why to its caller (typed), instead of one `null` for every failure.

describe('send', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });

  it('passes the background’s answer through, its failures with their kind', async () => {
    const answers = [
      { ok: true, value: { models: 3 } },
      { ok: false, kind: 'off', error: 'history is turned off' },
      { ok: false, kind: 'invalid', error: 'invalid input: expected a model id author/name' },
      { ok: false, kind: 'failed', error: 'the disk is full' },
    ];
    for (const answer of answers) {
      vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValueOnce(answer as never);
      expect(await send('history/stats', undefined)).toEqual(answer);
    }
  });

  it('says the message was refused when the background answers nothing (a sender it does not serve)', async () => {
    vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValueOnce(undefined);
    expect(await send('history/clear', undefined)).toMatchObject({ ok: false, kind: 'refused' });
  });

  it('says the background is gone when the message cannot be sent (the extension was updated)', async () => {
    vi.spyOn(browser.runtime, 'sendMessage').mockRejectedValueOnce(new Error('Extension context invalidated.'));
    expect(await send('model/refresh', { id: 'a/b' })).toEqual({ ok: false, kind: 'gone', error: 'Error: Extension context invalidated.' });
  });
});
