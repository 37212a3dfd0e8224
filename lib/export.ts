import { CSV_HEADER, csvRows, FILE_TAIL, fileHead, modelJson } from './history-format';
import type { ModelHistory } from './types';

// Exports as text parts, one model at a time, so a history of millions of snapshots becomes
// a file without one giant string.

export async function* historyJsonParts(models: AsyncIterable<ModelHistory>, exportedAt: Date, source?: string): AsyncGenerator<string> {
  yield fileHead(exportedAt, source);
  let first = true;
  for await (const m of models) {
    yield `${first ? '' : ',\n'}${modelJson(m)}`;
    first = false;
  }
  yield FILE_TAIL;
}

export async function* historyCsvParts(models: AsyncIterable<ModelHistory>): AsyncGenerator<string> {
  yield CSV_HEADER;
  for await (const m of models) yield csvRows(m);
}
