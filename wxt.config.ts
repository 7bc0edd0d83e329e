import { defineConfig } from 'wxt';

// https://wxt.dev/api/config.html
export default defineConfig({
  imports: false,
  zip: {
    // The sources zip (for store review) holds what builds the extension, not test output.
    excludeSources: ['test-results/**', 'docs/**'],
  },
  manifest: ({ browser }) => ({
    name: 'Declutter News',
    description: 'Hides newsletter prompts, Read More carousels, repeated captions, ads and share bars on news pages, and shows what it hid.',
    // storage: settings and kept blocks (local), per-tab reports (session). Nothing else: the
    // content script's matches are the only host access, and tabs are known by id alone.
    permissions: ['storage'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'declutter-news@declutter.news',
              // 140: the first version that reads data_collection_permissions.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
