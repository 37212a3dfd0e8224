import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetLeft, planPoll, POLL_BUDGET, TICK_MS, type PollCandidate } from '@/lib/features/watch/poll-plan';

const HOUR = 3_600_000;

describe('planPoll', () => {
  it('takes the oldest due models first and spreads the list over the period', () => {
    const models: PollCandidate[] = [
      { id: 'never' },
      { id: 'old', lastApiFetch: -5 * HOUR },
      { id: 'fresh', lastApiFetch: -10 * 60_000 },
      { id: 'older', lastApiFetch: -9 * HOUR },
    ];
    expect(planPoll(models, 0, HOUR, 100)).toEqual(['never']);
    const many = Array.from({ length: 600 }, (_, i) => ({ id: `m${i}` }));
    expect(planPoll(many, 0, HOUR, 400)).toHaveLength(Math.ceil((600 * TICK_MS * 1.5) / HOUR));
  });

  it('never plans more than the budget, and never a fresh model', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: fc.string(), lastApiFetch: fc.option(fc.integer({ min: -48 * HOUR, max: 0 }), { nil: undefined }) }), { maxLength: 300, selector: (m) => m.id }),
        fc.integer({ min: 15, max: 1440 }),
        fc.nat({ max: 400 }),
        (models, minutes, budget) => {
          const plan = planPoll(models, 0, minutes * 60_000, budget);
          expect(plan.length).toBeLessThanOrEqual(budget);
          const byId = new Map(models.map((m) => [m.id, m]));
          for (const id of plan) {
            const m = byId.get(id)!;
            expect(m.lastApiFetch === undefined || -m.lastApiFetch >= minutes * 60_000).toBe(true);
          }
        },
      ),
    );
  });
});

describe('budgetLeft', () => {
  it('counts only calls inside the 5-minute window', () => {
    const now = 10 * 60_000;
    const calls = [...Array(100).fill(now - POLL_BUDGET.windowMs - 1), ...Array(150).fill(now - 1000)];
    expect(budgetLeft(calls, now)).toBe(POLL_BUDGET.calls - 150);
    expect(budgetLeft(Array(500).fill(now), now)).toBe(0);
  });
});
