import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../scenarios/corpus';
import { evaluate, TARGETS } from '../scenarios/evaluate';

// The evaluation `npm run eval` prints, on a smaller corpus (another seed), held to the same targets.

describe('anomaly evaluation on invented scenarios', () => {
  const corpus = generateCorpus(12, 7);

  it('is the same corpus for the same seed, and says it is invented', () => {
    const again = generateCorpus(12, 7);
    expect(again.map((s) => s.history)).toEqual(corpus.map((s) => s.history));
    expect(corpus.every((s) => s.history.id.startsWith('invented/'))).toBe(true);
    expect(new Set(corpus.map((s) => s.sampling)).size).toBe(4);
  });

  it('meets the targets: recall, organic models flagged, zero-download warnings where downloads cannot speak', () => {
    const e = evaluate(corpus);
    expect(e.recall.of).toBeGreaterThan(100);
    expect(e.recall.share).toBeGreaterThanOrEqual(TARGETS.recall);
    expect(e.organicFlagged.share).toBeLessThanOrEqual(TARGETS.organicFlagged);
    expect(e.zeroOnUntrackedOrNew).toBe(TARGETS.zeroOnUntrackedOrNew);
  });
});
