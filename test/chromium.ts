/**
 * Debian's Chromium as the tests and benchmarks drive it (playwright-core): one place for its
 * path and its command-line flags.
 */

export const CHROMIUM = '/usr/bin/chromium';

/** Headless, no sandbox (CI runs as root), nothing reaching the network. */
export const CHROMIUM_BASE_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** For drawing the canvas: software GL (SwiftShader) so WebGL works without a GPU. */
export const CHROMIUM_CANVAS_ARGS: readonly string[] = [...CHROMIUM_BASE_ARGS, '--enable-unsafe-swiftshader'];
