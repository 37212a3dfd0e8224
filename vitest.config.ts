import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { CLASSIC_JSX } from './wxt.config';

export default defineConfig({
  test: {
    globalSetup: ['tests/real-data-setup.ts'],
    projects: [
      {
        plugins: [WxtVitest()],
        // JSX compiled as the build compiles it
        esbuild: CLASSIC_JSX,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        // Browser tests read the features' declarations (what each message allows) from the source.
        resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }] },
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          globalSetup: ['tests/browser/global-setup.ts'],
        },
      },
    ],
  },
});
