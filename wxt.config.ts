import { defineConfig } from 'wxt';
import { unservedPatterns } from './lib/hub-page';

/**
 * Classic JSX on Preact's own `h`: the automatic runtime adds ~1 KB to every bundle, the content
 * script's included. (So no variable in a .tsx file may be called `h`.) The unit tests compile
 * JSX with the same options (vitest.config.ts). tsconfig.json's `react-jsx` is for types only.
 */
export const CLASSIC_JSX = { jsx: 'transform', jsxFactory: 'h', jsxFragment: 'Fragment', jsxInject: `import { h, Fragment } from 'preact'` } as const;

// Only storage, alarms (watch-list polling) and the Hub's origin; notifications on request.
// unlimitedStorage keeps the history from being evicted when the disk runs low (the browser
// would otherwise drop the whole database without asking), and lifts the quota on it.
// Both browsers get Manifest V3: one code path (`browser.action`, a background that may stop).
export default defineConfig({
  srcDir: '.',
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'Hub Lens',
    description:
      'Velocity, re-upload families and anomaly warnings for models on the Hugging Face Hub, from a history kept on your machine.',
    permissions: ['storage', 'alarms', 'unlimitedStorage'],
    // Asked for only when the user turns notifications on in the options page.
    optional_permissions: ['notifications'],
    host_permissions: ['https://huggingface.co/*'],
    action: { default_title: 'Hub Lens' },
    // entrypoints/hub, built as a plain script (see there why); not even loaded on pages that
    // hold no model page and no list of models (the home page, docs, Spaces, datasets…).
    content_scripts: [
      {
        matches: ['https://huggingface.co/*'],
        exclude_matches: unservedPatterns(),
        js: ['hub.js'],
        run_at: 'document_idle',
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // The minimums are set by data_collection_permissions (the declaration that Hub Lens
            // collects nothing, which addons.mozilla.org requires of new add-ons): Firefox reads it
            // from 140 on desktop, 142 on Android (MDN browser-compat-data; addons-linter warns
            // below). Everything else Hub Lens uses is older on both: Manifest V3 with `action` and
            // background scripts 109, storage.session 115, constructed style sheets in shadow roots
            // 101, permissions.request 120 on Android. 140 is the current ESR, which many Linux
            // distributions and companies ship (the browser tests of tests/browser/both pass there).
            gecko: {
              id: 'hub-lens@hub-lens.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  hooks: {
    // The popup is built on its own: one chunk of code, not its own plus one shared with the
    // options page (measured on the 1,000-model popup: its code runs ~2 ms sooner).
    'entrypoints:grouped': (_wxt, groups) => {
      for (const group of [...groups]) {
        if (!Array.isArray(group) || group.length < 2) continue;
        const popup = group.findIndex((e) => e.name === 'popup');
        if (popup >= 0) groups.push(group.splice(popup, 1));
      }
    },
  },
  vite: () => ({
    // Terser and Lightning CSS: a content script 3% smaller than esbuild's output (gzip), in a
    // budget of 15 KB that every huggingface.co page pays (npm run bench).
    build: { minify: 'terser', terserOptions: { compress: { passes: 2 } }, cssMinify: 'lightningcss' },
    esbuild: CLASSIC_JSX,
  }),
});
