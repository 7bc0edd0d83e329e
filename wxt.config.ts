import { defineConfig } from 'wxt';
import { builtInStyleFiles } from './lib/engine/apply/site-style';
import { sites } from './lib/rules/sites/index';

/**
 * Sites with built-in rules get their stylesheet from the browser at document_start, before
 * anything paints and without a script in the page's parsing (lib/site-style.ts).
 */
const styleFiles = builtInStyleFiles(sites);

// https://wxt.dev/api/config.html
export default defineConfig({
  imports: false,
  // The engine's modules only declare, with no work at import (test/layers.test.ts), so a page that
  // takes a few names from lib/engine/index.ts gets those alone, not Readability with the rest of the engine.
  vite: () => ({ build: { rollupOptions: { treeshake: { moduleSideEffects: (id: string) => !id.includes('/lib/engine/') } } } }),
  zip: {
    // The sources zip (for store review) holds what builds the extension, not test output.
    excludeSources: ['test-results/**', 'docs/**'],
  },
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      for (const f of styleFiles) files.push({ relativeDest: f.file, contents: f.css });
    },
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.content_scripts = [
        ...(manifest.content_scripts ?? []),
        ...styleFiles.map((f) => ({ matches: f.matches, css: [f.file], run_at: 'document_start' as const })),
      ];
    },
  },
  manifest: ({ browser }) => ({
    // Words come from public/_locales/<lang>/messages.json (English first).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Keyboard shortcuts (the user can change them in the browser's shortcut settings). Not
    // Alt+Shift+R: Chromium leaves that one unassigned.
    commands: {
      'toggle-site': {
        suggested_key: { default: 'Alt+Shift+D' },
        description: '__MSG_commandToggleSite__',
      },
      'open-reader': {
        suggested_key: { default: 'Alt+Shift+V' },
        description: '__MSG_commandOpenReader__',
      },
    },
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
      : // 123: the first Chrome with CSS light-dark(), which the pages' one palette uses.
        { minimum_chrome_version: '123' }),
  }),
});
