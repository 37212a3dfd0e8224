// `npm start`: build Hub Lens and open Chromium with it loaded, on the Hub's model list.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { extensionArgs } from './chromium.mjs';
import { ensureChromium } from './ensure-chromium.mjs';

const executablePath = await ensureChromium();
if (spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
const extension = path.resolve('.output/chrome-mv3');
if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux') {
  console.log(`Built ${extension}. No display here to open a browser: load that folder as an unpacked extension,`);
  console.log('or run `npm run demo` to see Hub Lens on replayed Hub pages with screenshots.');
  process.exit(0);
}
// A profile of its own, kept between runs so the history grows.
const profile = path.resolve('.output/chromium-profile');
mkdirSync(profile, { recursive: true });
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: false,
  viewport: null,
  args: extensionArgs(extension).filter((a) => !a.startsWith('--disable-background-networking')),
});
const page = context.pages()[0] ?? (await context.newPage());
await page.goto('https://huggingface.co/models');
await new Promise((resolve) => context.on('close', resolve));
