import { describe, expect, it } from 'vitest';
import { detectAnomalies } from '@/lib/anomalies';
import { generateCorpus } from '@/tests/scenarios/corpus';
import { evaluate, serious, TARGETS } from '@/tests/scenarios/evaluate';

// The evaluation `npm run eval` prints, on a smaller corpus (another seed), held to the same targets.

describe('anomaly evaluation on invented scenarios', () => {
  const corpus = generateCorpus(16, 7);

  it('is the same corpus for the same seed, and says it is invented', () => {
    const again = generateCorpus(16, 7);
    expect(again.map((s) => s.history)).toEqual(corpus.map((s) => s.history));
    expect(corpus.every((s) => s.history.id.startsWith('invented/'))).toBe(true);
    expect(new Set(corpus.map((s) => s.sampling)).size).toBe(4);
  });

  it('does not share the detectors\' timing: campaigns seen 12–72 h after they end, some before any recount', () => {
    const campaigns = corpus.filter((s) => s.label === 'inorganic' && s.sinceBurstH !== null && !s.row.includes('within 12 h'));
    const since = campaigns.map((s) => s.sinceBurstH!);
    expect(Math.min(...since)).toBeGreaterThanOrEqual(11);
    expect(since.filter((h) => h < 24).length).toBeGreaterThan(20);
    expect(campaigns.filter((s) => !s.refreshed).length).toBeGreaterThan(10);
    // GGUF copies and uncounted repos in every kind of old model, campaigns included.
    for (const kind of ['steady', 'organic surge, old model', 'campaign 6 h', 'bot']) {
      const rows = corpus.filter((s) => s.kind === kind);
      expect(rows.some((s) => s.gguf) && rows.some((s) => s.untracked)).toBe(true);
    }
  });

  it('meets the targets: recall, organic models flagged, zero-download warnings where downloads cannot speak', () => {
    const e = evaluate(corpus);
    expect(e.recall.of).toBeGreaterThan(100);
    expect(e.recall.share).toBeGreaterThanOrEqual(TARGETS.recall);
    expect(e.organicFlagged.share).toBeLessThanOrEqual(TARGETS.organicFlagged);
    expect(e.zeroOnUntrackedOrNew).toBe(TARGETS.zeroOnUntrackedOrNew);
    // Every hours-since bucket from 24 h on, once a recount is seen, and every kind.
    for (const b of e.byHoursSince.filter((b) => b.bucket !== '0-12 h' && b.bucket !== '12-24 h')) {
      expect(b.refreshed.share).toBeGreaterThanOrEqual(0.85);
    }
    for (const k of e.byKind.filter((k) => k.label === 'inorganic' && k.inTarget.of > 0)) {
      expect(k.inTarget.share).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('decides campaigns near the 50-like threshold both ways: flagged above it, context below', () => {
    const near = corpus.filter((s) => s.kind === 'near threshold' && s.recountSeen);
    const flaggedShare = (keep: (n: number) => boolean) => {
      const rs = near.filter((s) => keep(s.boughtLikes!));
      return rs.filter((s) => serious(detectAnomalies(s.history, s.at))).length / rs.length;
    };
    expect(near.length).toBeGreaterThan(10);
    expect(flaggedShare((n) => n <= 46)).toBeLessThanOrEqual(0.25);
    expect(flaggedShare((n) => n >= 54)).toBeGreaterThanOrEqual(0.75);
  });

  it('flags organic models before their counters could answer only at bot pace', () => {
    const early = corpus.filter((s) => s.label === 'organic' && s.sinceBurstH !== null && s.sinceBurstH < 24);
    expect(early.length).toBeGreaterThan(10);
    const flagged = early.flatMap((s) => detectAnomalies(s.history, s.at).filter((w) => w.severity !== 'info'));
    expect(flagged.length).toBeLessThanOrEqual(TARGETS.organicFlagged * corpus.filter((s) => s.label === 'organic').length);
    for (const w of flagged) expect(w.evidence).toMatch(/times the most it had gained in 2 h before|a pace only bots reach/);
  });
});
