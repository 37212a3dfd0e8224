import { describe, expect, it } from 'vitest';
import { explain } from '@/lib/anomalies';
import { plainWhy } from '@/lib/features/detector';
import { WARNING_KINDS } from '@/lib/types';

// The "why?" under a warning is read by people who browse the Hub, not statisticians: what was
// compared with what, and why it matters. The statistics stay one step further (explain).

describe('the why of each warning', () => {
  for (const kind of WARNING_KINDS) {
    it(`says why ${kind} matters in plain words, with the statistics apart`, () => {
      for (const sensitivity of ['low', 'normal', 'high'] as const) {
        const why = plainWhy(kind, { sensitivity });
        expect(why.length).toBeGreaterThan(80);
        expect(why.length).toBeLessThan(450);
        expect(why).not.toMatch(/median|deviation|robust|StarScout|\bMAD\b|baseline|undefined|NaN/i);
        expect(why).not.toBe(explain(kind, { sensitivity }));
      }
    });
  }
});
