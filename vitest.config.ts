import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    // The English catalog stands in for browser.i18n (lib/i18n.ts).
    setupFiles: ['test/helpers/i18n.ts'],
  },
});
