// @vitest-environment happy-dom
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { isDarkTheme, modelIdFromPath, pageKind, panelAnchorSelector, readModelHeader, unservedPatterns } from '@/lib/hub-page';
import { datasetPage, headerProps, modelPage, otherPage } from '@/tests/fixtures/hub-pages';

const load = (html: string) => {
  document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
  const cls = /<html class="([^"]*)"/.exec(html)?.[1] ?? '';
  document.documentElement.className = cls;
};

describe('modelIdFromPath', () => {
  it('accepts a model and every tab of it', () => {
    for (const p of ['/Qwen/QwQ-32B-Preview', '/Qwen/QwQ-32B-Preview/', '/Qwen/QwQ-32B-Preview/tree/main', '/a/b/blob/main/x.json', '/a/b/discussions/3']) {
      expect(modelIdFromPath(p)).toBe(p.split('/').slice(1, 3).join('/'));
    }
  });

  it('refuses datasets, spaces, docs, profiles and reserved paths', () => {
    for (const p of ['/', '/Qwen', '/datasets/a/b', '/spaces/a/b', '/docs/hub/index', '/models', '/models/x', '/blog/x', '/papers/2401.1', '/collections/a/b', '/settings/tokens', '/organizations/x/y', '/api/models/a/b']) {
      expect(modelIdFromPath(p)).toBeNull();
    }
  });

  it('never throws and returns only author/name ids', () => {
    fc.assert(fc.property(fc.string(), (p) => {
      const id = modelIdFromPath(p);
      if (id !== null) expect(id).toMatch(/^[\w.-]+\/[\w.-]+$/);
    }));
  });
});

describe('readModelHeader', () => {
  beforeEach(() => load(otherPage('blank')));

  it('reads the page numbers from the ModelHeader props', () => {
    load(modelPage({ id: 'invented-lab/Nimbus-7B', likes: 2480, downloads: 48310, downloadsAllTime: 40_000, trackDownloads: true, pipeline_tag: 'text-generation', library_name: 'transformers', tags: ['gguf'], cardData: { new_version: 'invented-lab/Nimbus-8B' } }));
    expect(readModelHeader(document, '/invented-lab/Nimbus-7B')).toEqual({
      id: 'invented-lab/Nimbus-7B',
      likes: 2480,
      downloads: 48310,
      downloadsAllTime: 40_000,
      trackDownloads: true,
      createdAt: undefined,
      pipelineTag: 'text-generation',
      libraryName: 'transformers',
      newVersion: 'invented-lab/Nimbus-8B',
      gguf: true,
    });
    expect(panelAnchorSelector(document)).toBe('[data-target="ModelHeader"]');
  });

  it('drops one malformed field and keeps the rest', () => {
    load(modelPage({ id: 'a/b', likes: 'many', downloads: -3, downloadsAllTime: 12, trackDownloads: false }));
    const read = readModelHeader(document, '/a/b')!;
    expect(read).toMatchObject({ id: 'a/b', downloadsAllTime: 12, trackDownloads: false });
    expect('likes' in read || 'downloads' in read).toBe(false);
  });

  it('falls back to the title link and the likers button when the props are unreadable', () => {
    load(modelPage({ id: 'a/b', likes: 1234 }, { props: { broken: true } }));
    expect(readModelHeader(document, '/a/b')).toEqual({ id: 'a/b', likes: 1234 });
    document.querySelector('[data-target="ModelHeader"]')!.setAttribute('data-props', '{not json');
    expect(readModelHeader(document, '/a/b')).toEqual({ id: 'a/b', likes: 1234 });
    // The fallback needs the title to name this very model.
    expect(readModelHeader(document, '/a/other')).toBeNull();
  });

  it('finds no model on dataset and other pages', () => {
    load(datasetPage('HuggingFaceFW/fineweb'));
    expect(readModelHeader(document, '/datasets/HuggingFaceFW/fineweb')).toBeNull();
    load(otherPage('Docs'));
    expect(readModelHeader(document, '/docs/hub')).toBeNull();
    expect(panelAnchorSelector(document)).toBeNull();
  });

  it('never throws on arbitrary props', () => {
    fc.assert(fc.property(fc.jsonValue(), (props) => {
      load(modelPage({ id: 'a/b' }, { props }));
      const obs = readModelHeader(document, '/a/b');
      if (obs) expect(obs.id).toMatch(/\//);
    }), { numRuns: 60 });
  });

  it('reads the model id from the props, not from markup that holds HTML', () => {
    load(modelPage({ id: 'evil/x', likes: 1 }, { props: headerProps({ id: '<img src=x onerror=alert(1)>/x', likes: 1 }) }));
    expect(readModelHeader(document, '/evil/x')).toEqual({ id: 'evil/x', likes: 1 });
  });
});

describe('theme', () => {
  it('follows <html class="dark">', () => {
    load(modelPage({ id: 'a/b' }, { dark: true }));
    expect(isDarkTheme(document)).toBe(true);
    load(modelPage({ id: 'a/b' }));
    expect(isDarkTheme(document)).toBe(false);
  });
});

/** A match pattern's path (and query) against a URL, as the browser reads the manifest: `*` is any run. */
const matches = (pattern: string, url: URL) => {
  const { origin, pathAndQuery } = /^(?<origin>https:\/\/[^/]+)(?<pathAndQuery>\/.*)$/.exec(pattern)!.groups!;
  const glob = new RegExp(`^${pathAndQuery!.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return url.origin === origin && glob.test(url.pathname + url.search);
};

describe('pages the content script is not loaded on', () => {
  const patterns = unservedPatterns();
  const excluded = (url: URL) => patterns.some((p) => matches(p, url));

  it('are the home page, the index of collections and the sections with no model in them', () => {
    for (const path of ['/', '/?activity=all', '/docs/hub/index', '/spaces/invented/app', '/datasets', '/datasets?sort=trending', '/datasets/invented/data', '/collections', '/blog/intro', '/papers?date=2026-12-01', '/settings/profile']) {
      expect(excluded(new URL(path, 'https://huggingface.co')), path).toBe(true);
    }
  });

  it('never a page it serves: models, lists, org pages, collections, model tabs, look-alike authors', () => {
    for (const path of ['/models', '/models?sort=likes', '/invented-org', '/invented-org/models', '/collections/invented/picks-1', '/invented-org/Model-7B', '/invented-org/Model-7B/tree/main', '/docs-team/Model-7B', '/datasets-lab', '/spaces4u/Model-7B', '/home/Model']) {
      const url = new URL(path, 'https://huggingface.co');
      expect(pageKind(url), path).not.toBeNull();
      expect(excluded(url), path).toBe(false);
    }
  });

  it('holds only pages the content script would leave alone anyway', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9][\w.-]{0,20}$/);
    const url = fc.tuple(fc.array(segment, { maxLength: 4 }), fc.option(fc.stringMatching(/^[a-z]{1,5}=[\w-]{0,8}$/))).map(
      ([parts, query]) => new URL(`/${parts.join('/')}${query ? `?${query}` : ''}`, 'https://huggingface.co'),
    );
    const sectioned = fc.tuple(fc.constantFrom('docs', 'spaces', 'datasets', 'blog', 'papers', 'posts', 'learn', 'api', 'collections', ''), url).map(
      ([section, u]) => new URL(`/${section}${section && u.pathname !== '/' ? u.pathname : ''}${u.search}`, 'https://huggingface.co'),
    );
    fc.assert(fc.property(fc.oneof(url, sectioned), (u) => !excluded(u) || pageKind(u) === null));
  });
});
