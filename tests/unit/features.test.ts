import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_PARTS } from '@/lib/features/background-parts';
import { CONTENT_PARTS } from '@/lib/features/content-parts';
import { handlers as modelHandlers } from '@/lib/features/model-messages';
import { OPTIONS_PARTS } from '@/lib/features/options-parts';
import { featurePage } from '@/lib/features/page-parts';
import { POPUP } from '@/lib/features/popup-parts';
import { FEATURE_NAMES, FEATURES, SWITCHABLE } from '@/lib/features/registry';
import { DEFAULT_SETTINGS } from '@/lib/settings';

const ROOT = path.resolve(__dirname, '../..');
const FOLDER = path.join(ROOT, 'lib/features');

/** Every source file of the extension (what ships; tests and the bench's scripts may reach into a feature to test or measure it). */
function sources(dir = ROOT, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (dir === ROOT && !['lib', 'components', 'entrypoints'].includes(entry.name)) continue;
      sources(full, out);
    } else if (/\.(ts|tsx|mjs|js)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** The files a source file imports (static, re-exports and dynamic), as absolute paths without extension. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specs.flatMap((spec) => {
    if (spec.startsWith('@/')) return [path.join(ROOT, spec.slice(2))];
    if (spec.startsWith('.')) return [path.resolve(path.dirname(file), spec)];
    return [];
  });
}

/** The feature a path belongs to (its folder under lib/features/), or null. */
const featureOf = (p: string) => {
  const rel = path.relative(FOLDER, p).split(path.sep);
  return rel.length > 1 && !rel[0]!.startsWith('..') ? rel[0]! : null;
};

/** Each import of each file: [importer, imported], paths from the repository's root. */
const edgesOf = (files: readonly string[]): [string, string][] =>
  files.flatMap((file) => importsOf(file).map((target): [string, string] => [path.relative(ROOT, file), path.relative(ROOT, target)]));

/** The imports that reach into a feature from anywhere but that feature: "from → to". */
const crossings = (edges: readonly [string, string][]) =>
  edges.filter(([from, to]) => featureOf(path.join(ROOT, to)) !== null && featureOf(path.join(ROOT, to)) !== featureOf(path.join(ROOT, from))).map(([from, to]) => `${from} → ${to}`);

describe('features stand alone', () => {
  it('no feature imports another, and nothing outside a feature imports it', () => {
    const files = sources();
    expect(files.length).toBeGreaterThan(50);
    expect(crossings(edgesOf(files))).toEqual([]);
  });

  it('tells a crossing import from an allowed one (the check itself)', () => {
    const edges: [string, string][] = [
      ['lib/features/badges/ListBadge.tsx', 'lib/features/watch/WatchButton'], // a feature into another
      ['lib/hub-page.ts', 'lib/features/badges/list-query'], // shared lib into a feature
      ['entrypoints/popup/main.tsx', 'lib/features/watch/popup'], // an entry point into a feature
      ['lib/features/badges/content.tsx', 'lib/features/badges/ListBadge'], // within a feature
      ['lib/features/badges/content.tsx', 'lib/features/send'], // a feature into the framework
      ['lib/features/watch/summary.ts', 'lib/anomalies/severity'], // a feature into shared lib
    ];
    expect(crossings(edges)).toEqual([
      'lib/features/badges/ListBadge.tsx → lib/features/watch/WatchButton',
      'lib/hub-page.ts → lib/features/badges/list-query',
      'entrypoints/popup/main.tsx → lib/features/watch/popup',
    ]);
    // and it reads real imports, `@/` and relative both
    expect(edgesOf([path.join(FOLDER, 'badges/background.ts')]).map(([, to]) => to)).toEqual(
      expect.arrayContaining(['lib/features/protocol', 'lib/list-query']),
    );
  });
});

describe('feature registry', () => {
  it('lists every feature folder once, and only those', () => {
    const folders = readdirSync(FOLDER, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect([...folders].sort()).toEqual([...FEATURE_NAMES].sort());
  });

  it('finds each feature’s parts by its folder', () => {
    for (const name of FEATURE_NAMES) expect(BACKGROUND_PARTS[name] ?? CONTENT_PARTS[name] ?? OPTIONS_PARTS.find((p) => p.feature === name), name).toBeDefined();
    for (const name of Object.keys(CONTENT_PARTS)) expect(FEATURE_NAMES).toContain(name);
    expect(CONTENT_PARTS.badges?.start).toBeTypeOf('function');
    expect(CONTENT_PARTS.numbers?.sections?.length).toBe(1);
    expect(POPUP?.feature).toBe('watch');
    expect(OPTIONS_PARTS.map((p) => p.feature)).toContain('history');
  });

  it('finds a feature’s own page by its name only (none has one yet)', async () => {
    for (const name of ['watch', 'nope', '../watch/popup', 'watch/popup']) expect(await featurePage(name), name).toBeUndefined();
  });

  it('derives one boolean setting per switch, named as its feature, with its words', () => {
    expect(SWITCHABLE).toEqual(expect.arrayContaining(['numbers', 'velocity', 'warnings', 'family', 'badges']));
    for (const name of SWITCHABLE) {
      const { setting } = FEATURES[name];
      expect(DEFAULT_SETTINGS[name]).toBe(setting.default);
      expect(setting.label.length, name).toBeGreaterThan(3);
      expect(setting.help.length, name).toBeGreaterThan(10);
    }
  });
});

describe('protocol', () => {
  const handlers = [
    ...Object.entries(modelHandlers).map(([type, h]) => ({ feature: 'model', type, h: h as (typeof modelHandlers)[keyof typeof modelHandlers] })),
    ...FEATURE_NAMES.flatMap((feature) => Object.entries(BACKGROUND_PARTS[feature]?.handlers ?? {}).map(([type, h]) => ({ feature, type, h }))),
  ];

  it('declares each message once, with who may send it', () => {
    const types = handlers.map((x) => x.type);
    expect(new Set(types).size).toBe(types.length);
    for (const { type, h } of handlers) {
      expect(h.from.length, type).toBeGreaterThan(0);
      expect(h.input, type).toBeDefined();
    }
  });

  it('keeps what only the extension’s pages may do away from huggingface.co', () => {
    const hubMay = handlers.filter(({ h }) => h.from.includes('hub')).map((x) => x.type).sort();
    expect(hubMay).toEqual(['family/get', 'list/view', 'model/refresh', 'model/view', 'model/watch', 'page/setup']);
  });

  it('refuses malformed input at the schema', () => {
    const view = handlers.find((x) => x.type === 'model/view')!.h;
    expect(view.input.safeParse({ id: 'a/b', likes: 3 }).success).toBe(true);
    for (const bad of [{ id: '../../whoami-v2' }, { id: 'a/..' }, { id: 'a/b', likes: -1 }, { id: 'a/b', likes: 1.5 }, null, 'a/b']) {
      expect(view.input.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    const list = handlers.find((x) => x.type === 'list/view')!.h;
    expect(list.input.safeParse({ ids: Array(501).fill('a/b'), query: null }).success).toBe(false);
    expect(list.input.safeParse({ ids: ['a/b'], query: { page: -1 } }).success).toBe(false);
  });
});
