import fc from 'fast-check';
import { isModelId } from '@/lib/model-id';
import { describe, expect, it } from 'vitest';
import { parseHistoryFile, parseIsoTime } from '@/lib/history-format';
import { serializeHistory, toCsv } from './serialize';
import type { ModelHistory, Snapshot } from '@/lib/types';

import { inventedHistoryFile, inventedIds, inventedSnapshots } from '@/tests/fixtures/invented-hub';
import { lacks, readReal } from '@/tests/real-data';

const realFile = (name: string) => readReal('data/history', name);
const REAL = { trending: 'trending-2026-03-to-08.json', top: 'top-likes-downloads-2026-08.json' };

const T0 = Date.parse('2026-08-01T00:00:00Z');
const HOUR = 3_600_000;

type RawSnapshot = { t: string; likes: number | null; downloads: number | null; downloadsAllTime: number | null; trendingScore: number | null };
type RawModel = { id: string; snapshots: RawSnapshot[]; [key: string]: unknown };
type RawFile = { format: string; version: number; exportedAt: string; models: RawModel[]; [key: string]: unknown };

const file = (models: RawModel[], extra: Record<string, unknown> = {}): RawFile => ({
  format: 'hub-lens-history',
  version: 1,
  exportedAt: '2026-08-22T12:40:07+00:00',
  ...extra,
  models,
});
const raw = (t: string, likes: number | null = 1): RawSnapshot => ({ t, likes, downloads: 2, downloadsAllTime: null, trendingScore: 3 });
const parse = (f: unknown) => parseHistoryFile(JSON.stringify(f));
const errorOf = (f: unknown) => {
  const r = parse(f);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.error;
};

/** `t` written in local time at an offset of `minutes` from UTC, as some exporters do. */
function isoAtOffset(t: number, minutes: number): string {
  if (minutes === 0) return new Date(t).toISOString();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${new Date(t + minutes * 60_000).toISOString().slice(0, 23)}${sign}${hhmm}`;
}

const counter = fc.oneof(fc.constant(null), fc.nat({ max: 5000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
const rawSnapshot = fc
  .record({
    t: fc.integer({ min: T0 - 60 * 24 * HOUR, max: T0 }),
    offset: fc.constantFrom(0, 0, 540, -300, 330, -720),
    likes: counter,
    downloads: counter,
    downloadsAllTime: counter,
    trendingScore: counter,
  })
  .map(({ t, offset, ...counts }) => ({ t: isoAtOffset(t, offset), ...counts }));
const modelId = fc.constantFrom('Qwen/Qwen3-0.6B', 'zai-org/GLM-5.2', 'a/b', 'x_y.z/w-1', 'meta-llama/Llama-3.1-8B');
const rawModel: fc.Arbitrary<RawModel> = fc.record(
  {
    id: modelId,
    pipelineTag: fc.constantFrom('text-generation', 'image-text-to-text'),
    trackDownloads: fc.boolean(),
    // Few distinct times, so that duplicates and disorder are common.
    snapshots: fc.array(fc.oneof(rawSnapshot, rawSnapshot.map((s) => ({ ...s, t: new Date(T0 - HOUR).toISOString() }))), { maxLength: 25 }),
  },
  { requiredKeys: ['id', 'snapshots'] },
);
const rawFile = fc.array(rawModel, { maxLength: 6 }).map((models) => file(models));

/** What the parser must return, by the rules written out naively: group by id, the later of equal t wins, sort. */
function expectedModels(f: RawFile): ModelHistory[] {
  const byId = new Map<string, ModelHistory>();
  for (const { snapshots, ...meta } of f.models) {
    const m = byId.get(meta.id) ?? { id: meta.id, snapshots: [] };
    Object.assign(m, meta);
    for (const s of snapshots) m.snapshots.push({ ...s, t: Date.parse(s.t) });
    byId.set(meta.id, m);
  }
  return [...byId.values()].map((m) => {
    const last = new Map<number, Snapshot>();
    for (const s of m.snapshots) last.set(s.t, s);
    return { ...m, snapshots: [...last.values()].sort((a, b) => a.t - b.t) };
  });
}

describe('history format: reading', () => {
  it('sorts snapshots, lets the later of two at one t win, merges repeated ids, ignores unknown fields', () => {
    const r = parse(
      file(
        [
          { id: 'a/b', watched: true, future: 1, snapshots: [raw('2026-08-02T00:00:00Z', 2), { ...raw('2026-08-01T00:00:00Z', 1), extra: 'x' } as RawSnapshot] },
          { id: 'c/d', snapshots: [] },
          { id: 'a/b', pipelineTag: 'text-generation', snapshots: [raw('2026-08-02T09:00:00+09:00', 5), raw('2026-08-03T00:00:00Z', 3)] },
        ],
        { unknownTopLevel: [1, 2] },
      ),
    );
    expect(r).toEqual({
      ok: true,
      file: {
        exportedAt: '2026-08-22T12:40:07.000Z',
        models: [
          {
            id: 'a/b',
            watched: true,
            pipelineTag: 'text-generation',
            snapshots: [
              { t: Date.parse('2026-08-01T00:00:00Z'), likes: 1, downloads: 2, downloadsAllTime: null, trendingScore: 3 },
              { t: Date.parse('2026-08-02T00:00:00Z'), likes: 5, downloads: 2, downloadsAllTime: null, trendingScore: 3 },
              { t: Date.parse('2026-08-03T00:00:00Z'), likes: 3, downloads: 2, downloadsAllTime: null, trendingScore: 3 },
            ],
          },
          { id: 'c/d', snapshots: [] },
        ],
      },
    });
  });

  it('accepts ISO 8601 times with Z or an offset only, and real calendar dates', () => {
    const good = ['2026-08-07T21:43:09.271846+09:00', '2026-08-07T21:41:45Z', '2026-08-07T21:41Z', '2024-02-29T00:00:00-05:30', '2026-12-31T23:59:59.999Z'];
    const bad = ['yesterday', '2026-08-07', '2026-08-07T21:41:45', '2026-08-07 21:41:45Z', '2026-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T23:60:00Z', '2026-01-01T23:59:60Z', '2026-01-01T10:00:00+25:00', '2026-01-01T10:00:00+0900', '2026-01-01t10:00:00z', ''];
    expect(good.map((s) => parseIsoTime(s))).toEqual(good.map((s) => Date.parse(s)));
    expect(bad.map((s) => parseIsoTime(s))).toEqual(bad.map(() => null));
  });

  it('accepts model ids author/name only', () => {
    const ok = (id: string) => parse(file([{ id, snapshots: [] }])).ok;
    expect(['Qwen/Qwen3-0.6B', 'a/b', 'x_y.z/w-1', `${'a'.repeat(96)}/${'b'.repeat(96)}`].map(ok)).toEqual([true, true, true, true]);
    expect(['Qwen', '/a', 'a/', 'a/b/c', 'a b/c', `${'a'.repeat(97)}/b`, 'a/b?x', ''].map(ok)).toEqual(Array(8).fill(false));
  });

  it('refuses a file whole, naming the first bad place', () => {
    const good = () => file([{ id: 'a/b', snapshots: [raw('2026-08-01T00:00:00Z'), raw('2026-08-02T00:00:00Z')] }]);
    const broken = (edit: (f: RawFile) => void) => {
      const f = good();
      edit(f);
      return errorOf(f);
    };
    const snap = (f: RawFile) => f.models[0]!.snapshots[1] as Record<string, unknown>;
    expect(broken((f) => (snap(f).likes = -1))).toBe('models[0].snapshots[1].likes: expected a non-negative integer or null');
    expect(broken((f) => (snap(f).likes = 1.5))).toBe('models[0].snapshots[1].likes: expected a non-negative integer or null');
    expect(broken((f) => (snap(f).downloads = 2 ** 53))).toBe('models[0].snapshots[1].downloads: expected a non-negative integer or null');
    expect(broken((f) => delete snap(f).trendingScore)).toBe('models[0].snapshots[1].trendingScore: missing, expected a non-negative integer or null');
    expect(broken((f) => (snap(f).t = 'yesterday'))).toBe('models[0].snapshots[1].t: expected an ISO 8601 time with Z or an offset');
    expect(broken((f) => (f.models[0]!.snapshots[1] = 'x' as never))).toBe('models[0].snapshots[1]: expected a snapshot object');
    expect(broken((f) => (f.models[0]!.snapshots = {} as never))).toBe('models[0].snapshots: expected an array of snapshots');
    expect(broken((f) => (f.models[0]!.id = 'nope'))).toBe('models[0].id: expected a model id author/name');
    expect(broken((f) => (f.models[0]!.hubId = 'zz'))).toBe("models[0].hubId: expected the Hub's _id (24 hex digits)");
    expect(broken((f) => (f.models[0]!.trackDownloads = 'yes'))).toBe('models[0].trackDownloads: expected true or false');
    expect(broken((f) => (f.models = [null as never]))).toBe('models[0]: expected a model object');
    expect(broken((f) => (f.exportedAt = 'now'))).toBe('exportedAt: expected an ISO 8601 time with Z or an offset');
    expect(broken((f) => (f.format = 'other'))).toBe('format: expected "hub-lens-history"');
    expect(broken((f) => (f.version = 1.5))).toBe('version: expected an integer version ≥ 1');
    expect(broken((f) => (f.version = 0))).toBe('version: expected an integer version ≥ 1');
    expect(broken((f) => delete (f as Partial<RawFile>).models)).toBe('models: missing, expected an array of models');
    // The first of two bad places, in file order.
    expect(broken((f) => ((f.models[0]!.snapshots[0]!.likes = -1), (snap(f).likes = -2)))).toMatch(/^models\[0\]\.snapshots\[0\]\.likes:/);
  });

  it('refuses a newer version for its version, whatever else changed', () => {
    expect(errorOf({ format: 'hub-lens-history', version: 2, models: 'changed' })).toBe(
      'version: this file is version 2; this Hub Lens reads version 1 (update Hub Lens)',
    );
  });

  it('says broken JSON is broken, on one line', () => {
    for (const text of ['{"format": "hub-lens-history", "vers', '', '{"a":\n\n}', 'NaN']) {
      const r = parseHistoryFile(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/^not valid JSON: [^\n]+$/);
    }
    expect(errorOf([1])).toBe('(file): expected a JSON object');
  });

  it('never throws, and reads any valid file by the rules (disorder, duplicates, offsets, huge counts)', () => {
    fc.assert(
      fc.property(rawFile, (f) => {
        const r = parse(f);
        expect(r.ok && r.file.models).toEqual(expectedModels(f));
      }),
      { numRuns: 300 },
    );
    fc.assert(fc.property(fc.jsonValue(), (v) => void parse(v)));
    fc.assert(fc.property(fc.string(), (s) => void parseHistoryFile(s)));
  });

  it('refuses any single corruption of a valid file with a message starting at its place', () => {
    type Corruption = { place: string; apply: (f: RawFile) => void };
    const bad = { counter: [-1, 0.5, '3', true, {}, [], 2 ** 53, undefined], time: ['yesterday', '2026-02-30T00:00:00Z', '2026-08-01T00:00:00', 12, null, undefined] };
    const set = (o: Record<string, unknown>, key: string, v: unknown) => (v === undefined ? delete o[key] : (o[key] = v));
    const corruption = (f: RawFile): fc.Arbitrary<Corruption> => {
      const options: fc.Arbitrary<Corruption>[] = [
        fc.constantFrom(...bad.time).map((v) => ({ place: 'exportedAt', apply: (x) => set(x, 'exportedAt', v) })),
        fc.constantFrom('x', null, undefined).map((v) => ({ place: 'format', apply: (x) => set(x, 'format', v) })),
        fc.constantFrom(0, -1, 1.5, '1', null, undefined).map((v) => ({ place: 'version', apply: (x) => set(x, 'version', v) })),
        fc.integer({ min: 2, max: 1000 }).map((v) => ({ place: 'version', apply: (x) => set(x, 'version', v) })),
      ];
      f.models.forEach((m, i) => {
        const at = `models[${i}]`;
        options.push(
          fc.constantFrom('nope', 'a/b/c', '', 5, undefined).map((v) => ({ place: `${at}.id`, apply: (x) => set(x.models[i]!, 'id', v) })),
          fc.constantFrom('g'.repeat(24), 'abc', 7).map((v) => ({ place: `${at}.hubId`, apply: (x) => set(x.models[i]!, 'hubId', v) })),
          fc.constantFrom('yes', 1, null).map((v) => ({ place: `${at}.watched`, apply: (x) => set(x.models[i]!, 'watched', v) })),
          fc.constantFrom(...bad.time).filter((v) => v !== undefined).map((v) => ({ place: `${at}.createdAt`, apply: (x) => set(x.models[i]!, 'createdAt', v) })),
          fc.constantFrom({}, 'x', null, undefined).map((v) => ({ place: `${at}.snapshots`, apply: (x) => set(x.models[i]!, 'snapshots', v) })),
          fc.constant({ place: at, apply: (x: RawFile) => (x.models[i] = [] as never) }),
        );
        m.snapshots.forEach((_, j) => {
          const s = (x: RawFile) => x.models[i]!.snapshots[j] as Record<string, unknown>;
          options.push(
            fc.tuple(fc.constantFrom('likes', 'downloads', 'downloadsAllTime', 'trendingScore'), fc.constantFrom(...bad.counter)).map(([key, v]) => ({
              place: `${at}.snapshots[${j}].${key}`,
              apply: (x) => set(s(x), key, v),
            })),
            fc.constantFrom(...bad.time).map((v) => ({ place: `${at}.snapshots[${j}].t`, apply: (x) => set(s(x), 't', v) })),
          );
        });
      });
      return fc.oneof(...options);
    };
    fc.assert(
      fc.property(
        rawFile.chain((f) => fc.tuple(fc.constant(f), corruption(f))),
        ([f, { place, apply }]) => {
          const copy = structuredClone(f);
          apply(copy);
          const error = errorOf(copy);
          expect(error.startsWith(`${place}: `), error).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads a 45 MB file whole (its time is in `npm run bench -- --only analysis`)', () => {
    const models = Array.from({ length: 2000 }, (_, i) => ({
      id: `author${i}/model-${i}`,
      pipelineTag: 'text-generation',
      snapshots: Array.from({ length: 220 }, (_, j) => ({
        t: new Date(T0 + j * HOUR + i).toISOString(),
        likes: i * j,
        downloads: 1000 + j * 37,
        downloadsAllTime: j % 3 ? null : 123_456_789 + j,
        trendingScore: null,
      })),
    }));
    const text = JSON.stringify(file(models));
    expect(text.length).toBeGreaterThan(45e6);
    const r = parseHistoryFile(text);
    expect(r.ok && r.file.models.length).toBe(2000);
    expect(r.ok && r.file.models[1_999]!.snapshots).toHaveLength(220);
  }, 60_000);
});

describe('history format: writing', () => {
  const history = fc
    .uniqueArray(
      fc.record(
        {
          id: fc.stringMatching(/^[A-Za-z0-9._-]{1,12}\/[A-Za-z0-9._-]{1,12}$/).filter(isModelId),
          hubId: fc.stringMatching(/^[0-9a-f]{24}$/),
          pipelineTag: fc.string({ maxLength: 30 }),
          libraryName: fc.constantFrom('transformers', 'gguf', 'a "quoted", odd\nname'),
          createdAt: fc.integer({ min: 0, max: T0 }).map((t) => new Date(t).toISOString()),
          trackDownloads: fc.boolean(),
          watched: fc.boolean(),
          snapshots: fc
            .uniqueArray(
              fc.record({ t: fc.integer({ min: 0, max: 253_402_300_799_999 }), likes: counter, downloads: counter, downloadsAllTime: counter, trendingScore: counter }),
              { selector: (s) => s.t, maxLength: 20 },
            )
            .map((s) => s.sort((a, b) => a.t - b.t)),
        },
        { requiredKeys: ['id', 'snapshots'] },
      ),
      { selector: (m) => m.id, maxLength: 8 },
    );

  it('reads back exactly what it wrote', () => {
    fc.assert(
      fc.property(history, fc.option(fc.string(), { nil: undefined }), (models, source) => {
        const text = serializeHistory(models, new Date(T0), source);
        const r = parseHistoryFile(text);
        const expected = { exportedAt: new Date(T0).toISOString(), models, ...(source === undefined ? {} : { source }) };
        expect(r).toEqual({ ok: true, file: expected });
      }),
      { numRuns: 300 },
    );
  });

  it('writes one model a line', () => {
    const text = serializeHistory([{ id: 'a/b', snapshots: [] }, { id: 'c/d', watched: true, snapshots: [] }], new Date(T0));
    expect(text).toBe(
      '{"format":"hub-lens-history","version":1,"exportedAt":"2026-08-01T00:00:00.000Z","models":[\n' +
        '{"id":"a/b","snapshots":[]},\n{"id":"c/d","watched":true,"snapshots":[]}\n]}\n',
    );
    expect(parseHistoryFile(serializeHistory([], new Date(T0)))).toEqual({ ok: true, file: { exportedAt: '2026-08-01T00:00:00.000Z', models: [] } });
  });

  it('writes CSV: one row per snapshot, UTC, empty cell for null, quoted when needed', () => {
    const snap = (t: number, likes: number | null): Snapshot => ({ t, likes, downloads: 0, downloadsAllTime: null, trendingScore: 12 });
    const csv = toCsv([
      { id: 'Qwen/Qwen3-0.6B', snapshots: [snap(T0, 305), snap(T0 + HOUR, null)] },
      { id: 'odd,"id"/x', snapshots: [snap(T0, Number.MAX_SAFE_INTEGER)] },
      { id: 'empty/model', snapshots: [] },
    ]);
    expect(csv).toBe(
      'model_id,t,likes,downloads,downloads_all_time,trending_score\n' +
        'Qwen/Qwen3-0.6B,2026-08-01T00:00:00.000Z,305,0,,12\n' +
        'Qwen/Qwen3-0.6B,2026-08-01T01:00:00.000Z,,0,,12\n' +
        '"odd,""id""/x",2026-08-01T00:00:00.000Z,9007199254740991,0,,12\n',
    );
  });

});

// The same on an invented file: every model of the invented Hub, its times written in every form.
const END = Date.UTC(2026, 8, 14, 11);
const INVENTED = JSON.stringify(inventedHistoryFile(inventedIds(), END));
const inventedCount = inventedIds().reduce((n, id) => n + inventedSnapshots(id, END).length, 0);

describe('history format: an invented file', () => {
  it('reads it whole', () => {
    const r = parseHistoryFile(INVENTED);
    if (!r.ok) throw new Error(r.error);
    expect([r.file.models.length, r.file.models.reduce((n, m) => n + m.snapshots.length, 0)]).toEqual([inventedIds().length, inventedCount]);
  });

  it('converts offsets and microseconds to epoch ms, and keeps the optional fields', () => {
    expect(INVENTED).toMatch(/"t":"[^"]+\.\d{6}\+09:00"/);
    expect(INVENTED).toMatch(/"t":"[^"]+-05:00"/);
    const r = parseHistoryFile(INVENTED);
    if (!r.ok) throw new Error(r.error);
    expect(r.file.exportedAt).toBe(new Date(END).toISOString());
    expect(r.file.source).toMatch(/^invented/);
    const raw = JSON.parse(INVENTED).models[0];
    expect(r.file.models[0]).toMatchObject({ id: raw.id, hubId: raw.hubId, pipelineTag: raw.pipelineTag, createdAt: raw.createdAt, trackDownloads: raw.trackDownloads });
    for (const m of r.file.models) expect(m.snapshots, m.id).toEqual(inventedSnapshots(m.id, END));
  });

  it('round-trips it', () => {
    const first = parseHistoryFile(INVENTED);
    if (!first.ok) throw new Error(first.error);
    const again = parseHistoryFile(serializeHistory(first.file.models, new Date(first.file.exportedAt), first.file.source));
    expect(again).toEqual(first);
  });

  it('writes a CSV row for every snapshot of it', () => {
    const r = parseHistoryFile(INVENTED);
    if (!r.ok) throw new Error(r.error);
    const lines = toCsv(r.file.models).trimEnd().split('\n');
    expect(lines).toHaveLength(1 + inventedCount);
    expect(lines.every((l) => l.split(',').length === 6)).toBe(true);
  });
});

describe.skipIf(lacks('data/history'))('history format: the real files', () => {
  it('reads both real files whole, as SOURCES.md counts them', () => {
    const counts = Object.values(REAL).map((name) => {
      const r = parseHistoryFile(realFile(name));
      if (!r.ok) throw new Error(r.error);
      return [r.file.models.length, r.file.models.reduce((n, m) => n + m.snapshots.length, 0)];
    });
    expect(counts).toEqual([
      [111, 1381],
      [295, 4312],
    ]);
  });

  it('converts offsets and microseconds to epoch ms, and keeps the optional fields', () => {
    const r = parseHistoryFile(realFile(REAL.top));
    if (!r.ok) throw new Error(r.error);
    expect(r.file.exportedAt).toBe('2026-08-22T01:15:24.524Z');
    const first = r.file.models[0]!;
    expect(first).toMatchObject({ id: 'Alibaba-NLP/gte-reranker-modernbert-base', pipelineTag: 'text-ranking', createdAt: '2025-01-20T05:46:18.000Z' });
    // written at +09:00 with microseconds
    expect(first.snapshots[0]).toEqual({ t: Date.parse('2026-08-07T12:41:45.715Z'), likes: 97, downloads: 2376525, downloadsAllTime: null, trendingScore: null });
    expect(r.file.source).toMatch(/^namhyeokwoo/);
  });

  it('round-trips both real files', () => {
    for (const name of Object.values(REAL)) {
      const first = parseHistoryFile(realFile(name));
      if (!first.ok) throw new Error(first.error);
      const again = parseHistoryFile(serializeHistory(first.file.models, new Date(first.file.exportedAt), first.file.source));
      expect(again).toEqual(first);
    }
  });

  it('writes a CSV row for every snapshot of the real files', () => {
    const r = parseHistoryFile(realFile(REAL.trending));
    if (!r.ok) throw new Error(r.error);
    const lines = toCsv(r.file.models).trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 1381);
    expect(lines.every((l) => l.split(',').length === 6)).toBe(true);
  });
});
