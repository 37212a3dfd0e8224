import { describe, expect, it } from 'vitest';
import { familyCard, type Run } from '@/lib/family/card';
import { knownCounts, placeIn, type Family, type Member } from '@/lib/family/family';

// The family card's wording, composed in the background: every role it can state, and nothing
// it could not read. Invented repos.

const BASE = 'invented-lab/Nimbus-7B';
const member = (id: string, relation: Member['relation'], downloads: number, gguf = false): Member => ({ id, relation, downloads, likes: 3, gguf });
const family = (over: Partial<Family> = {}): Family => ({
  head: BASE,
  headDownloads: 10_000,
  headGguf: false,
  counts: { quantized: 40, finetune: 3, adapter: null, merge: 0 },
  top: [member('invented-q/Nimbus-7B-GGUF', 'quantized', 4_000, true), member('invented-t/Nimbus-7B-chat', 'finetune', 900)],
  undeclared: [],
  fetchedAt: 0,
  partial: false,
  calls: 3,
  ...over,
});
const text = (runs: Run[]) => runs.map((r) => (typeof r === 'string' ? r : 'link' in r ? r.link : 'muted' in r ? r.muted : r.mono)).join('');
const card = (f: Family, model: Parameters<typeof placeIn>[1]) => familyCard({ family: f, place: placeIn(f, model), likesPerDay: {}, counts: knownCounts(f) }, model.id);

describe('the family card’s wording', () => {
  it('the original, with its share of the family’s downloads and where that share comes from', () => {
    const c = card(family(), { id: BASE, downloads: 10_000 })!;
    expect(c.head).toBe(BASE);
    expect(text(c.headRuns)).toBe(': 40 quantized, 3 finetunes');
    expect(c.place.role).toBe('original');
    expect(text(c.place.runs)).toMatch(/^This repo is the original, with 67% of the family’s downloads\. \(30-day downloads of the original and the 2 largest relatives fetched; GGUF repos count/);
    expect(c.relatives.map((r) => [r.id, r.kind])).toEqual([
      ['invented-q/Nimbus-7B-GGUF', 'quantized copy · GGUF'],
      ['invented-t/Nimbus-7B-chat', 'finetune'],
    ]);
  });

  it('a copy: its relation, rank and the original as a link', () => {
    const c = card(family(), { id: 'invented-q/Nimbus-7B-GGUF', downloads: 4_000, gguf: true, baseModels: { relation: 'quantized', ids: [BASE] } })!;
    expect(c.place.runs[1]).toEqual({ link: BASE });
    expect(text(c.place.runs)).toMatch(/^Quantized copy of invented-lab\/Nimbus-7B, #1 of 40 by 30-day downloads, 27% of the family’s downloads\./);
    expect(c.relatives.map((r) => r.id)).not.toContain('invented-q/Nimbus-7B-GGUF');
  });

  it('a copy that out-downloads its original says so, with both counters', () => {
    const f = family({ top: [member('invented-q/Nimbus-7B-GGUF', 'quantized', 25_000, true)] });
    const c = card(f, { id: 'invented-q/Nimbus-7B-GGUF', downloads: 25_000, gguf: true, baseModels: { relation: 'quantized', ids: [BASE] } })!;
    expect(c.notices.map(text)).toEqual(['This quantized copy out-downloads its original (25K against 10K in 30 days)']);
  });

  it('a repo outside the fetched copies, and a named successor', () => {
    const c = card(family(), { id: 'invented-x/Other', newVersion: 'invented-lab/Nimbus-8B' })!;
    expect(text(c.place.runs)).toBe('Not among the largest copies fetched.');
    expect(c.notices[0]).toEqual(['This repo names a successor: ', { link: 'invented-lab/Nimbus-8B' }]);
  });

  it('a family partly fetched says so; a repo with no relatives has no card', () => {
    expect(text(card(family({ partial: true, top: [], counts: { quantized: null, finetune: null, adapter: null, merge: null } }), { id: BASE })!.headRuns)).toBe(' (partly fetched)');
    expect(card(family({ top: [], counts: { quantized: 0, finetune: 0, adapter: 0, merge: 0 } }), { id: BASE })).toBeNull();
  });
});
