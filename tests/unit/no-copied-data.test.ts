import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lacks, readReal, realPath } from '@/tests/real-data';

// The real data belongs to the projects that saved it: no file of this repository may hold a piece
// of it, whole or cut out, even with its times shifted. Its fingerprints: the Hub's `_id`s and
// commit shas in the saved answers, the recorded times as written, and the download counts (5 digits
// or more) of each real model's history or each saved list: three of one group in a file is a copy.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SKIP = new Set(['.git', 'node_modules', '.output', '.wxt', 'demo-screenshots', 'artifacts']);
const TOKEN = /\b[0-9a-f]{24}(?:[0-9a-f]{16})?\b|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)/g;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (statSync(full).size < 5_000_000) yield full;
  }
}

const big = (values: unknown[]) => new Set(values.filter((v): v is number => typeof v === 'number' && v >= 10_000).map(String));

describe.skipIf(lacks('fixtures/hub-api') || lacks('data/history'))('no real data in the repository', () => {
  it('holds no _id, sha, recorded time or run of download counts of the real answers and histories', () => {
    const tokens = new Set<string>();
    const groups: { what: string; counts: Set<string> }[] = [];
    for (const item of ['fixtures/hub-api', 'data/history'] as const) {
      for (const name of readdirSync(realPath(item)).filter((f) => f.endsWith('.json'))) {
        const text = readReal(item, name);
        for (const m of text.matchAll(/"(?:_id|sha)":\s*"([0-9a-f]{24,40})"/g)) tokens.add(m[1]!);
        for (const m of text.matchAll(/"t":\s*"([^"]+)"/g)) tokens.add(m[1]!);
        const json = JSON.parse(text);
        if (Array.isArray(json)) groups.push({ what: name, counts: big(json.map((m) => m.downloads)) });
        for (const m of json.models ?? []) groups.push({ what: `${m.id} in ${name}`, counts: big(m.snapshots.map((s: any) => s.downloads)) });
      }
    }
    expect([tokens.size, groups.length]).toEqual([expect.any(Number), expect.any(Number)]);
    expect(tokens.size).toBeGreaterThan(300);
    expect(groups.length).toBeGreaterThan(400);
    const found: string[] = [];
    for (const file of files(ROOT)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(TOKEN)) if (tokens.has(m[0])) found.push(`${path.relative(ROOT, file)}: ${m[0]}`);
      const numbers = new Set(text.match(/\b\d{5,}\b/g) ?? []);
      for (const g of groups) {
        const hits = [...g.counts].filter((c) => numbers.has(c));
        if (hits.length >= 3) found.push(`${path.relative(ROOT, file)}: download counts of ${g.what} (${hits.slice(0, 3).join(', ')}, …)`);
      }
    }
    expect(found).toEqual([]);
  });
});
