import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // Rune modules (*.svelte.ts) of the renderer compile for the tests that drive its state classes.
  plugins: [svelte({ configFile: false })],
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/build-cli.global-setup.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
