import { existsSync } from 'node:fs';
import path from 'node:path';

// Browser tests load the built extension: `npm test` builds it first.
export default function setup() {
  const manifest = path.resolve(__dirname, '../../.output/chrome-mv3/manifest.json');
  if (!existsSync(manifest)) throw new Error('No built extension: run `npx wxt build` (npm test does) first.');
}
