import { defineConfig } from 'vitest/config';

/** Browser tests: the built extension in Chromium (see test/e2e/harness.ts). One file at a time. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
