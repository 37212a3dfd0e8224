// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import type { Badge } from '@/lib/features/badges/badge';
import { ListBadge } from '@/lib/features/badges/ListBadge';
import { everyPeriod, periodWords } from '@/lib/features/period';
import { WatchButton } from '@/lib/features/watch/WatchButton';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import type { ModelState } from '@/lib/features/model-state';

// Every string that names the polling period says the user's period (15 min to 24 h), never a fixed "every hour".

describe('the polling period in words', () => {
  it('words each period the options page offers', () => {
    expect([15, 30, 60, 120, 360, 720, 1440].map(everyPeriod)).toEqual([
      'every 15 min',
      'every 30 min',
      'every hour',
      'every 2 hours',
      'every 6 hours',
      'every 12 hours',
      'every 24 hours',
    ]);
    expect(periodWords(60)).toBe('1 hour');
  });

  it('says the user’s period on the Watch button and the badges’ star', () => {
    const app = document.createElement('div');
    const state = { id: 'a/b', watched: true, parts: {} } as unknown as ModelState;
    const settings = { ...DEFAULT_SETTINGS, pollMinutes: 15 };
    render(<WatchButton id="a/b" page={{ id: 'a/b' }} state={state} data={undefined} setState={() => undefined} settings={settings} guard={(f) => f} now={0} />, app);
    expect(app.querySelector('button')!.title).toBe('Recorded every 15 min; listed in the Hub Lens popup');
    const badge = { watched: false, summary: 's', rate: '1/d', arrow: null, severity: null } as unknown as Badge;
    render(<ListBadge id="a/b" badge={badge} every={everyPeriod(360)} />, app);
    expect(app.querySelector('button')!.title).toBe('Watch a/b: record it every 6 hours');
  });

  it('leaves no fixed "every hour" in what the extension shows', () => {
    const root = path.resolve(__dirname, '../..');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
    const shown = ['lib', 'components', 'entrypoints'].flatMap((d) => files(path.join(root, d)));
    const fixed = shown.filter((f) => /['"`][^'"`\n]*every hour/i.test(readFileSync(f, 'utf8').replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')));
    expect(fixed.map((f) => path.relative(root, f))).toEqual([]);
  });
});
