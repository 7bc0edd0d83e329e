import { defineConfig } from 'vitest/config';

/** Firefox smoke test: the built MV2 add-on in firefox-esr (see test/e2e-firefox/harness.ts). */
export default defineConfig({
  test: {
    include: ['test/e2e-firefox/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    // Starting Firefox and installing the add-on can take a while on a loaded machine.
    hookTimeout: 90_000,
    reporters: ['default'],
  },
});
