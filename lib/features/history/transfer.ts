// Import and export travel over ports in pieces: Chrome refuses a single message over 64 MiB,
// and a history file may be far larger.

export const IMPORT_PORT = 'history-import';
export const EXPORT_PORT = 'history-export';

/** Characters per piece: 4 Mi characters is at most 8 MiB of UTF-16 (or 12 MiB as UTF-8 bytes, below the cap). */
export const PIECE_CHARS = 4 * 1024 * 1024;

/** Options page → background during an import. */
export type ImportMessage = { type: 'piece'; text: string } | { type: 'end' };

export type ImportResult =
  | {
      ok: true;
      /** models imported (those damaged in the store are not) */
      models: number;
      added: number;
      present: number;
      changed: number;
      /** models left out: their history in the store cannot be read (drop the damaged data, then import again) */
      damaged: string[];
      /** models the file marks watched, imported unwatched: the watch list was full */
      unwatched: number;
      /** the most models Hub Lens watches */
      watchCap: number;
    }
  | { ok: false; error: string };

/** Background → options page during an import. */
export type ImportReply = { type: 'reading'; chars: number } | { type: 'progress'; done: number; total: number } | { type: 'result'; result: ImportResult };

/** Options page → background: which export. Background → options page: its pieces, then the end. */
export type ExportRequest = { kind: 'json' | 'csv' };
export type ExportReply = { type: 'piece'; text: string } | { type: 'end'; models: number; skipped: number } | { type: 'error'; error: string };
