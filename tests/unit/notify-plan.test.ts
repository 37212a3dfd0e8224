import { describe, expect, it } from 'vitest';
import { REARM_MS, toNotify } from '@/lib/features/watch/notify-plan';

const burst = { id: 'a/b', kind: 'like-burst', severity: 'warn' as const, evidence: '150 likes in 6 h' };
const info = { id: 'a/b', kind: 'superseded', severity: 'info' as const, evidence: 'names a successor' };

describe('toNotify', () => {
  it('notifies a new warn or alert once per re-arm period, never an info', () => {
    const first = toNotify([burst, info], {}, 0);
    expect(first.notify).toEqual([burst]);
    expect(toNotify([burst], first.notified, REARM_MS - 1).notify).toEqual([]);
    const later = toNotify([burst], first.notified, REARM_MS);
    expect(later.notify).toEqual([burst]);
    expect(later.notified).toEqual({ 'a/b|like-burst': REARM_MS });
  });

  it('forgets old entries so the record stays small', () => {
    expect(toNotify([], { 'x/y|like-burst': 0 }, REARM_MS).notified).toEqual({});
  });
});
