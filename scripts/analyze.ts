// `npm run -s analyze -- <history.json> [--at <ISO time>]`: the hub-lens-report v1 of a history
// file on stdout (shared/formats/report-v1.md). Any error: exit status 2, one line on stderr,
// nothing on stdout.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { detectAnomalies } from '@/lib/anomalies';
import { parseHistoryFile, parseIsoTime } from '@/lib/history-format';
import { buildReport } from '@/lib/report';

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

const USAGE = 'usage: npm run -s analyze -- <history.json> [--at <ISO time>]';
const fail = (message: string): Outcome => ({ code: 2, stdout: '', stderr: `analyze: ${message}\n` });
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

type Args = { file: string; at?: number } | { error: string };

function parseArgs(argv: readonly string[]): Args {
  let file: string | undefined;
  let at: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--at' || arg.startsWith('--at=')) {
      const value = arg === '--at' ? argv[++i] : arg.slice('--at='.length);
      if (value === undefined) return { error: `--at: missing time; ${USAGE}` };
      const t = parseIsoTime(value);
      if (t === null) return { error: `--at: expected an ISO 8601 time with Z or an offset, got ${JSON.stringify(value)}` };
      at = t;
    } else if (arg.startsWith('-') && arg !== '-') {
      return { error: `unknown option ${JSON.stringify(arg)}; ${USAGE}` };
    } else if (file !== undefined) {
      return { error: `one history file only, got ${JSON.stringify(file)} and ${JSON.stringify(arg)}` };
    } else {
      file = arg;
    }
  }
  return file === undefined ? { error: `missing history file; ${USAGE}` } : { file, at };
}

/** The whole command, without touching the process: testable in-process. */
export function main(argv: readonly string[], read: (file: string) => string = (f) => readFileSync(f, 'utf8')): Outcome {
  const args = parseArgs(argv);
  if ('error' in args) return fail(args.error);
  let text: string;
  try {
    text = read(args.file);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return fail(`${args.file}: cannot read: ${oneLine(why)}`);
  }
  const parsed = parseHistoryFile(text);
  if (!parsed.ok) return fail(`${args.file}: ${oneLine(parsed.error)}`);
  const report = buildReport(parsed.file.models, args.at, detectAnomalies);
  return { code: 0, stdout: `${JSON.stringify(report, null, 2)}\n`, stderr: '' };
}

// Run only as the entry point, not when a test imports main.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { code, stdout, stderr } = main(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = code;
}
