import { describe, expect, it } from 'vitest';
import { historyCsvParts, historyJsonParts } from '@/lib/export';
import { parseHistoryFile } from '@/lib/history-format';
import { serializeHistory, toCsv } from './serialize';
import type { ModelHistory } from '@/lib/types';

const models: ModelHistory[] = [
  { id: 'a/b', watched: true, trackDownloads: false, snapshots: [{ t: 1_700_000_000_000, likes: 3, downloads: null, downloadsAllTime: 9, trendingScore: 0 }] },
  { id: 'c/d', snapshots: [] },
];
async function* each<T>(xs: T[]) {
  yield* xs;
}
const join = async (parts: AsyncIterable<string>) => {
  let s = '';
  for await (const p of parts) s += p;
  return s;
};

describe('streamed exports', () => {
  it('write exactly what the one-shot serialisers write', async () => {
    const at = new Date('2026-11-24T00:00:00Z');
    expect(await join(historyJsonParts(each(models), at, 'test'))).toBe(serializeHistory(models, at, 'test'));
    expect(await join(historyCsvParts(each(models)))).toBe(toCsv(models));
    expect(await join(historyJsonParts(each([]), at))).toBe(serializeHistory([], at));
    const parsed = parseHistoryFile(await join(historyJsonParts(each(models), at)));
    expect(parsed.ok && parsed.file.models).toEqual(models);
  });
});
