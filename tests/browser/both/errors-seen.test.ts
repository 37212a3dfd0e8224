import { afterAll, beforeAll, expect, it } from 'vitest';
import { inEachBrowser, launchLens, type Lens } from '@/tests/browser/browsers';

// The shared tests assert that the extension reported no error: this proves such an error is seen.
inEachBrowser('extension errors', (name) => {
  let l: Lens;
  beforeAll(async () => {
    l = await launchLens(name);
  });
  afterAll(() => l?.close());

  it('are collected from the extension’s pages', async () => {
    const page = await l.openExtension('options.html');
    await page.run((win) => {
      win.console.error('hub-lens-probe: console');
      win.setTimeout(() => {
        throw new Error('hub-lens-probe: thrown');
      });
    });
    await expect.poll(() => l.extensionErrors().join('\n')).toMatch(/hub-lens-probe: console/);
    await expect.poll(() => l.extensionErrors().join('\n')).toMatch(/hub-lens-probe: thrown/);
    await page.close();
  });
});
