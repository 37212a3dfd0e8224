import { defineConfig } from 'wxt';

// Only storage, alarms (watch-list polling) and the Hub's origin; notifications on request.
export default defineConfig({
  srcDir: '.',
  manifest: ({ browser }) => ({
    name: 'Hub Lens',
    description:
      'Velocity, re-upload families and anomaly warnings for models on the Hugging Face Hub, from a history kept on your machine.',
    permissions: ['storage', 'alarms'],
    // Asked for only when the user turns notifications on in the options page.
    optional_permissions: ['notifications'],
    host_permissions: ['https://huggingface.co/*'],
    action: { default_title: 'Hub Lens' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'hub-lens@hub-lens.dev',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
});
