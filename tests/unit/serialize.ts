import { CSV_HEADER, csvRows, FILE_TAIL, fileHead, modelJson } from '@/lib/history-format';
import type { ModelHistory } from '@/lib/types';

// A whole file at once, from the same pieces the streamed export writes (tests only).

export const serializeHistory = (models: Iterable<ModelHistory>, exportedAt: Date, source?: string): string =>
  fileHead(exportedAt, source) + Array.from(models, modelJson).join(',\n') + FILE_TAIL;

export const toCsv = (models: Iterable<ModelHistory>): string => CSV_HEADER + Array.from(models, csvRows).join('');
