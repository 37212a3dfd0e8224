import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html, launch, openSettled, routeHub, type Harness } from './harness';

// The browser does not even load the content script on pages it cannot serve (the manifest's
// exclude_matches, from lib/hub-page.ts): those pages pay nothing for Hub Lens. Seen from the
// page's renderer: does an isolated world of the extension appear?

let h: Harness;
beforeAll(async () => {
  h = await launch();
  await routeHub(h.context, (route) => html(route, '<!doctype html><title>Invented Hub page</title><main><h1>Invented</h1></main>'));
});
afterAll(() => h?.close());

async function scriptLoaded(path: string): Promise<boolean> {
  // Past document_idle, when the browser injects it, or never: the same wait says both.
  const { page, scriptLoaded } = await openSettled(h, path);
  await page.close();
  return scriptLoaded;
}

describe('pages the content script cannot serve', () => {
  it.each(['/', '/docs/hub/index', '/spaces/invented/app', '/datasets?sort=trending', '/collections'])('%s: not loaded at all', async (path) => {
    expect(await scriptLoaded(path)).toBe(false);
  });

  it.each(['/models?sort=trending', '/invented-org', '/invented-org/Model-7B', '/collections/invented/picks-1'])('%s: loaded', async (path) => {
    expect(await scriptLoaded(path)).toBe(true);
  });
});
