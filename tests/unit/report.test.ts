import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHistoryFile } from '@/lib/history-format';
import { buildReport } from '@/lib/report';
import { DAY_MS, type ModelHistory, type Snapshot, type Warning } from '@/lib/types';

const T0 = Date.parse('2026-08-01T00:00:00Z');
const at = (days: number) => T0 + days * DAY_MS;
const snap = (days: number, likes: number | null, downloadsAllTime: number | null = null): Snapshot => ({
  t: at(days),
  likes,
  downloads: 0,
  downloadsAllTime,
  trendingScore: 7,
});
const none = () => [];
const nullRates = { '24h': null, '7d': null, '30d': null };
const burst: Warning = { kind: 'like-burst', severity: 'info', since: '2026-08-01T00:00:00.000Z', confidence: 0.5, evidence: 'x' };

/** Every number anywhere in a value. */
function numbers(v: unknown): number[] {
  if (typeof v === 'number') return [v];
  if (typeof v === 'object' && v !== null) return Object.values(v).flatMap(numbers);
  return [];
}

describe('buildReport', () => {
  const models: ModelHistory[] = [
    { id: 'late/model', snapshots: [snap(5, 10), snap(6, 30)] },
    { id: 'early/model', snapshots: [snap(0, 0, 100), snap(1, 4, 300), snap(2, 10, 600)] },
  ];

  it('is the hub-lens-report v1 object, as of the latest snapshot by default, models in file order', () => {
    const report = buildReport(models, undefined, () => [burst]);
    expect(report).toEqual({
      format: 'hub-lens-report',
      version: 1,
      at: '2026-08-07T00:00:00.000Z',
      models: [
        {
          id: 'late/model',
          snapshots: 2,
          latest: { t: '2026-08-07T00:00:00.000Z', likes: 30, downloads: 0, downloadsAllTime: null, trendingScore: 7 },
          velocity: { likesPerDay: { '24h': 20, '7d': null, '30d': null }, downloadsPerDay: nullRates },
          warnings: [burst],
        },
        {
          id: 'early/model',
          snapshots: 3,
          latest: { t: '2026-08-03T00:00:00.000Z', likes: 10, downloads: 0, downloadsAllTime: 600, trendingScore: 7 },
          velocity: { likesPerDay: { '24h': 6, '7d': null, '30d': null }, downloadsPerDay: { '24h': 300, '7d': null, '30d': null } },
          warnings: [burst],
        },
      ],
    });
    expect(Object.keys(report)).toEqual(['format', 'version', 'at', 'models']);
    expect(Object.keys(report.models[0]!)).toEqual(['id', 'snapshots', 'latest', 'velocity', 'warnings']);
  });

  it('uses only snapshots at or before `at`, and gives detectors the history cut there', () => {
    const seen: [string, number, number][] = [];
    const detect = (h: ModelHistory, when: number) => (seen.push([h.id, h.snapshots.length, when]), []);
    const report = buildReport(models, at(1), detect);
    expect(report.at).toBe('2026-08-02T00:00:00.000Z');
    expect(report.models[1]).toMatchObject({ snapshots: 2, latest: { likes: 4 }, velocity: { likesPerDay: { '24h': 4 } } });
    expect(seen).toEqual([['early/model', 2, at(1)]]);
  });

  it('keeps a model first seen after `at` in its place, empty, without asking the detectors', () => {
    const report = buildReport(models, at(3), () => [burst]);
    expect(report.models[0]).toEqual({
      id: 'late/model',
      snapshots: 0,
      latest: null,
      velocity: { likesPerDay: nullRates, downloadsPerDay: nullRates },
      warnings: [],
    });
    expect(report.models[1]!.warnings).toEqual([burst]);
  });

  it('has a null time only for a history without snapshots', () => {
    expect(buildReport([], undefined, none)).toEqual({ format: 'hub-lens-report', version: 1, at: null, models: [] });
    expect(buildReport([{ id: 'a/b', snapshots: [] }], undefined, none).models[0]).toMatchObject({ snapshots: 0, latest: null });
    expect(buildReport([], at(0), none).at).toBe('2026-08-01T00:00:00.000Z');
  });

  it('never holds NaN or Infinity, whatever the history (disorder, duplicates, nulls, falling and huge counters)', () => {
    const counter = fc.oneof(fc.constant(null), fc.nat({ max: 50 }), fc.constantFrom(0, Number.MAX_SAFE_INTEGER));
    const rawSnapshot = fc.record({
      t: fc.integer({ min: T0, max: T0 + 40 * DAY_MS }).map((t) => new Date(t).toISOString()),
      likes: counter,
      downloads: counter,
      downloadsAllTime: counter,
      trendingScore: counter,
    });
    const rawModel = fc.record({ id: fc.constantFrom('a/b', 'c/d', 'e/f'), snapshots: fc.array(rawSnapshot, { maxLength: 30 }) });
    const when = fc.option(fc.integer({ min: T0 - DAY_MS, max: T0 + 41 * DAY_MS }), { nil: undefined });
    fc.assert(
      fc.property(fc.array(rawModel, { maxLength: 4 }), when, (raw, t) => {
        const parsed = parseHistoryFile(JSON.stringify({ format: 'hub-lens-history', version: 1, exportedAt: new Date(T0).toISOString(), models: raw }));
        if (!parsed.ok) throw new Error(parsed.error);
        const report = buildReport(parsed.file.models, t, none);
        expect(numbers(report).every(Number.isFinite)).toBe(true);
        expect(JSON.parse(JSON.stringify(report))).toEqual(report);
      }),
      { numRuns: 500 },
    );
  });
});
