import { afterAll, beforeAll, expect, it } from 'vitest';
import { inventedHistoryFile, ZEPHYRINE } from '@/tests/fixtures/invented-hub';
import { currentWorker, importHistory, launch, openPopup, type Harness } from './harness';

// The toolbar counts warnings not yet seen; opening the popup is seeing them.

let h: Harness;
beforeAll(async () => {
  h = await launch();
  // The invented campaign, bought likes four days before its end: a warning in the popup.
  expect((await importHistory(h, inventedHistoryFile([ZEPHYRINE], Date.now() - 3_600_000, { watched: true }))).ok).toBe(true);
});
afterAll(() => h?.close());

const badgeText = async () => (await currentWorker(h)).evaluate(() => chrome.action.getBadgeText({}));

it('opening the popup shows the warned row with its sparkline and clears the toolbar count', async () => {
  await expect.poll(badgeText, { timeout: 15_000 }).toMatch(/^[1-9]\d*$/);
  const popup = await openPopup(h);
  const row = popup.locator(`tr[data-model="${ZEPHYRINE}"]`);
  await expect.poll(() => row.locator('.mark').count()).toBe(1);
  expect(await row.locator('figure.spark svg').getAttribute('aria-label')).toMatch(/^Likes: .* snapshots$/);
  await expect.poll(badgeText).toBe('');
  await popup.close();
});
