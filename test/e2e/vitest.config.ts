import { defineConfig } from 'vitest/config';

// The browser-build tests: slow (a Chromium, a build), so kept out of `npm test`.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.e2e.test.ts'],
    // The CLI bundle too: the review tests compare the app's exports with `peerplan export`.
    globalSetup: ['test/build-cli.global-setup.ts', 'test/e2e/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
