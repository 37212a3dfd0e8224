import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_PARTS } from '@/lib/features/background-parts';
import { CONTENT_PARTS } from '@/lib/features/content-parts';
import { FEATURE_NAMES, FEATURES } from '@/lib/features/registry';
import { DEFAULT_SETTINGS } from '@/lib/settings';

const FOLDER = path.resolve(__dirname, '../../lib/features');

describe('feature registry', () => {
  it('lists every feature folder once, and only those', () => {
    const folders = readdirSync(FOLDER, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect([...folders].sort()).toEqual([...FEATURE_NAMES].sort());
  });

  it('finds each feature’s parts by its folder', () => {
    for (const name of FEATURE_NAMES) expect(BACKGROUND_PARTS[name] ?? CONTENT_PARTS[name], name).toBeDefined();
    expect(CONTENT_PARTS.badges?.start).toBeTypeOf('function');
    expect(CONTENT_PARTS.numbers?.start).toBeTypeOf('function');
  });

  it('gives each switch a real setting, each once', () => {
    const keys = FEATURE_NAMES.flatMap((n) => {
      const s = (FEATURES[n] as { setting?: { key: string } }).setting;
      return s ? [s.key] : [];
    });
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(typeof DEFAULT_SETTINGS[k as keyof typeof DEFAULT_SETTINGS]).toBe('boolean');
  });
});

describe('protocol', () => {
  const handlers = FEATURE_NAMES.flatMap((feature) =>
    Object.entries(BACKGROUND_PARTS[feature]?.handlers ?? {}).map(([type, h]) => ({ feature, type, h })),
  );

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
    expect(hubMay).toEqual(['family/get', 'list/view', 'model/refresh', 'model/view', 'model/watch']);
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
