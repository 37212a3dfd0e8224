import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelApiUrl } from '@/lib/hub/client';
import { isModelId, MODEL_AUTHOR_MAX_LENGTH, MODEL_ID_MAX_LENGTH, MODEL_NAME_MAX_LENGTH, modelIdSegments } from '@/lib/model-id';

const BASE = 'https://huggingface.co';
const word = fc.constantFrom(...'abcXYZ019_'.split(''));
const inner = fc.constantFrom(...'abcXYZ019_-.'.split(''));
/** A part by the rule: word character at both ends, no `--` or `..` inside. */
const part = (max: number) =>
  fc
    .tuple(word, fc.array(inner, { maxLength: max - 2 }), word)
    .map(([a, mid, b]) => a + mid.join('') + b)
    .filter((s) => !s.includes('--') && !s.includes('..') && !s.endsWith('.git'));
const validId = fc.tuple(part(MODEL_NAME_MAX_LENGTH), part(MODEL_NAME_MAX_LENGTH)).map(([a, n]) => `${a}/${n}`);
/** Anything made of the characters that matter to paths and URLs. */
const hostile = fc
  .array(fc.constantFrom('a', 'Z', '0', '_', '-', '.', '..', '/', '%2e', '%2F', '\\', '?', '#', ' ', ':', '@', '\u0000', 'é'), { maxLength: 14 })
  .map((p) => p.join(''));

describe('model id rule', () => {
  it('accepts real-looking ids', () => {
    for (const id of ['Qwen/QwQ-32B-Preview', 'meta-llama/Llama-3.1-8B-Instruct', 'black-forest-labs/FLUX.1-dev', 'a/b', 'x_1/_y_', 'u/model.v2.gguf']) {
      expect(isModelId(id), id).toBe(true);
    }
  });

  it('refuses dot segments, empty parts and anything but author/name', () => {
    for (const id of [
      'x/..', '../x', 'x/.', './x', 'x/../../whoami-v2', 'x//y', '/x', 'x/', '', 'x', 'a/b/c', '..', '.',
      'a/.b', 'a/b.', 'a/-b', 'a/b-', '-a/b', 'a/b--c', 'a/b..c', 'a/b.git', 'a b/c', 'a/b?c', 'a/b#c', 'a/b%2e',
      'a\\b/c', 'é/b', `a/${'x'.repeat(MODEL_NAME_MAX_LENGTH + 1)}`,
    ]) {
      expect(isModelId(id), id).toBe(false);
      expect(modelIdSegments(id), id).toBeNull();
    }
    for (const junk of [undefined, null, 3, {}, ['a', 'b']]) expect(isModelId(junk)).toBe(false);
  });

  it('takes names of up to 96 characters, the Hub limit, and authors as long', () => {
    expect(isModelId(`a/${'x'.repeat(MODEL_NAME_MAX_LENGTH)}`)).toBe(true);
    expect(isModelId(`a/${'x'.repeat(MODEL_NAME_MAX_LENGTH + 1)}`)).toBe(false);
    expect(isModelId(`${'x'.repeat(MODEL_AUTHOR_MAX_LENGTH)}/a`)).toBe(true);
    expect(isModelId(`${'x'.repeat(MODEL_AUTHOR_MAX_LENGTH + 1)}/a`)).toBe(false);
  });

  it('takes single characters and inner dots and dashes, one at a time', () => {
    for (const id of ['a/b', '_/_', '0/9', 'a-b/c.d', 'a.b/c-d', 'a_-_b/c._.d']) expect(isModelId(id), id).toBe(true);
  });

  it('accepts every id built by the rule and splits it back', () => {
    fc.assert(
      fc.property(validId, (id) => {
        expect(isModelId(id)).toBe(true);
        expect(modelIdSegments(id)!.join('/')).toBe(id);
        expect(id.length).toBeLessThanOrEqual(MODEL_ID_MAX_LENGTH);
      }),
    );
  });

  it('an accepted id always builds a URL that stays under /api/models/ and names the same repo', () => {
    fc.assert(
      fc.property(fc.oneof(validId, hostile, fc.string()), (id) => {
        const url = modelApiUrl(id, BASE);
        expect(url === null).toBe(!isModelId(id));
        if (!url) return;
        expect(url.origin).toBe(BASE);
        expect(url.pathname.startsWith('/api/models/')).toBe(true);
        expect(url.pathname.split('/').slice(3).map(decodeURIComponent)).toEqual(modelIdSegments(id));
      }),
      { numRuns: 3000 },
    );
  });
});
