import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unservedPatterns } from '@/lib/hub-page';
import { ROOT } from './harness';

const FIREFOX = path.join(ROOT, '.output/firefox-mv3');
const manifestOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

describe('Firefox package', () => {
  it('declares no data collection and only the allowed permissions', () => {
    const manifest = manifestOf(FIREFOX);
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    expect([...manifest.permissions].sort()).toEqual(['alarms', 'storage', 'unlimitedStorage']);
    expect(manifest.host_permissions).toEqual(['https://huggingface.co/*']);
    expect(manifest.optional_permissions).toEqual(['notifications']);
  });

  it('is Manifest V3 like Chrome’s, so the toolbar count and notifications use the same `action` code', () => {
    const firefox = manifestOf(FIREFOX);
    const chrome = manifestOf(path.join(ROOT, '.output/chrome-mv3'));
    for (const m of [firefox, chrome]) {
      expect(m.manifest_version).toBe(3);
      expect(m.action).toBeDefined();
      expect(m.browser_action).toBeUndefined();
    }
    expect(firefox.background.scripts).toEqual(['background.js']);
  });

  it('installs on the current ESR (140) and on Android from 142, the minimums its manifest keys need', () => {
    const { gecko, gecko_android } = manifestOf(FIREFOX).browser_specific_settings;
    expect(gecko.strict_min_version).toBe('140.0');
    expect(gecko_android.strict_min_version).toBe('142.0');
  });

  it('passes addons-linter with no errors, and no key its minimum versions lack', async () => {
    expect(existsSync(FIREFOX)).toBe(true);
    // @ts-expect-error addons-linter ships no types
    const { default: linter } = await import('addons-linter');
    const result = await linter
      .createInstance({
        config: { _: [FIREFOX], logLevel: 'fatal', stack: false, pretty: false, warningsAsErrors: false, metadata: false, output: 'none', boring: false, selfHosted: false },
        runAsBinary: false,
      })
      .run();
    expect(result.errors).toEqual([]);
    expect(result.summary.errors).toBe(0);
    // A minimum set below what a key needs is only a warning to the linter: here it fails.
    expect(result.warnings.filter((w: { code: string }) => /UNSUPPORTED_BY_MIN_VERSION/.test(w.code))).toEqual([]);
  });
});

describe('Chrome package', () => {
  it('asks for storage, alarms and huggingface.co only', () => {
    const manifest = manifestOf(path.join(ROOT, '.output/chrome-mv3'));
    expect([...manifest.permissions].sort()).toEqual(['alarms', 'storage', 'unlimitedStorage']);
    expect(manifest.host_permissions).toEqual(['https://huggingface.co/*']);
    expect(manifest.content_security_policy).toBeUndefined();
  });

  it('runs one content script, on huggingface.co only, and ships no schema library in it (the background checks what it receives)', () => {
    for (const dir of ['.output/chrome-mv3', '.output/firefox-mv3']) {
      const manifest = manifestOf(path.join(ROOT, dir));
      expect(manifest.content_scripts).toEqual([{ matches: ['https://huggingface.co/*'], exclude_matches: unservedPatterns(), js: ['hub.js'], run_at: 'document_idle' }]);
      expect(readFileSync(path.join(ROOT, dir, 'background.js'), 'utf8')).toContain('_zod');
      expect(readFileSync(path.join(ROOT, dir, 'hub.js'), 'utf8')).not.toContain('_zod');
    }
  });
});
