import { afterAll, beforeAll, expect, it } from 'vitest';
import { inventedHistoryFile, inventedIds, LIST_AT } from '@/tests/fixtures/invented-hub';
import { inEachBrowser, downloaded, launchLens, type ExtensionView, type Lens } from '@/tests/browser/browsers';

// An invented export of 30 models.
const TOP = JSON.stringify(inventedHistoryFile(inventedIds().slice(0, 30), LIST_AT - 3_600_000));
const MODELS = JSON.parse(TOP).models.length;
const SNAPSHOTS = JSON.parse(TOP).models.reduce((n: number, m: any) => n + m.snapshots.length, 0);
const n = (x: number) => x.toLocaleString('en');

async function options(l: Lens): Promise<ExtensionView> {
  const page = await l.openExtension('options.html');
  await expect.poll(() => page.run((win) => win.document.querySelector('[data-stats]')?.textContent ?? '')).not.toMatch(/^$|Reading/);
  return page;
}

/** Choose a file in the import control, as a person does, and wait for the summary. */
async function importText(page: ExtensionView, name: string, text: string): Promise<string> {
  await page.run(
    (win, [name, text]) => {
      const message = win.document.querySelector('[data-import-message]');
      message?.remove();
      const input = win.document.querySelector('input[type="file"][accept^=".json"]') as HTMLInputElement;
      const files = new win.DataTransfer();
      files.items.add(new win.File([text!], name!, { type: 'application/json' }));
      input.files = files.files;
      input.dispatchEvent(new win.Event('change', { bubbles: true }));
    },
    [name, text],
  );
  let message = '';
  await expect.poll(async () => (message = await page.run((win) => win.document.querySelector('[data-import-message]')?.textContent ?? '')), { timeout: 20_000 }).not.toBe('');
  return message;
}

const click = (page: ExtensionView, label: string) =>
  page.run((win, label) => {
    const button = [...win.document.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
    if (!button) throw new Error(`no button ${label}`);
    button.click();
  }, label);

inEachBrowser('options page', (name) => {
  let l: Lens;
  beforeAll(async () => {
    l = await launchLens(name);
  });
  afterAll(() => l?.close());

  it('imports a history with a summary, and importing it again adds nothing', async () => {
    const page = await options(l);
    expect(await importText(page, 'top.json', TOP)).toMatch(new RegExp(`^${MODELS} models, ${n(SNAPSHOTS)} snapshots added, 0 already present`));
    expect(await importText(page, 'top.json', TOP)).toMatch(new RegExp(`^${MODELS} models, 0 snapshots added, ${n(SNAPSHOTS)} already present`));
    const bad = JSON.parse(TOP);
    bad.models[3].snapshots[2].likes = -4;
    expect(await importText(page, 'bad.json', JSON.stringify(bad))).toMatch(/^Not imported: models\[3\]\.snapshots\[2\]\.likes/);
    expect(l.extensionErrors()).toEqual([]);
    await page.close();
  });

  it('exports JSON that a fresh profile imports into the same history, and CSV', async () => {
    const page = await options(l);
    await click(page, 'Export JSON');
    const exported = await downloaded(l, /^hub-lens-history-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(exported);
    expect(file.format).toBe('hub-lens-history');
    expect(file.models).toHaveLength(MODELS);
    await click(page, 'Export CSV');
    const lines = (await downloaded(l, /^hub-lens-history-\d{4}-\d{2}-\d{2}\.csv$/)).trim().split('\n');
    expect(lines[0]).toBe('model_id,t,likes,downloads,downloads_all_time,trending_score');
    expect(lines).toHaveLength(SNAPSHOTS + 1);
    await page.close();

    const fresh = await launchLens(name);
    try {
      const other = await options(fresh);
      expect(await importText(other, 'export.json', exported)).toMatch(new RegExp(`^${MODELS} models, ${n(SNAPSHOTS)} snapshots added`));
      await click(other, 'Export JSON');
      const again = JSON.parse(await downloaded(fresh, /^hub-lens-history-.*\.json$/));
      expect(again.models).toEqual(file.models);
      expect(fresh.extensionErrors()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
