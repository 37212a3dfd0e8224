// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { PollPeriodNote } from '@/entrypoints/options/settings-section';

// The options page says what polling period the Hub's budget really allows for the watch list.

describe('the polling period note', () => {
  const shown = (watched: number, pollMinutes: number) => {
    const root = document.createElement('div');
    render(<PollPeriodNote watched={watched} pollMinutes={pollMinutes} />, root);
    return root.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  };

  it('says the real period when the list is too long for the chosen one (5,000 models at 15 min: about 63 min)', () => {
    expect(shown(5_000, 15)).toBe(
      "With 5,000 watched models, the Hub's budget (500 calls per 5 minutes, 80% of them for polling) allows each to be recorded about every 63 min at best, not every 15 min.",
    );
  });

  it('says nothing when the chosen period fits', () => {
    expect(shown(1_000, 15)).toBe('');
    expect(shown(5_000, 120)).toBe('');
  });
});
