/**
 * The real window, driven by Playwright's `_electron`: only where Electron's binary is installed
 * (a normal `npm ci`). Installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, as on CI here, it skips and
 * says so. Needs `npm run build` first (dist-electron/, dist-renderer/) and better-sqlite3 rebuilt
 * for Electron (`npx electron-builder install-app-deps`).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectStrictPolicy } from './strict-csp';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The Electron binary that `npm ci` installed, found the way the `electron` package finds it
 * (dist/ + path.txt) but without requiring the package: since Electron 45 requiring it downloads a
 * missing binary, which would reach the network from a test.
 */
function electronBinary(): string | null {
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binaryPath = join(packageDir, 'dist', readFileSync(pathFile, 'utf8'));
    return existsSync(binaryPath) ? binaryPath : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const built =
  existsSync(join(ROOT, 'dist-electron/main.cjs')) && existsSync(join(ROOT, 'dist-renderer/index.html'));
const reason = !binary
  ? "Electron's binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1): the window test cannot run here"
  : !built
    ? 'the app is not built: run `npm run build` first'
    : '';

// Say plainly, in the run's output, why the window was not tested.
if (reason !== '') console.warn(`SKIPPED the Electron window test: ${reason}`);

describe('the Electron window', () => {
  it.skipIf(reason !== '')(
    `opens locked down: isolated, sandboxed, no Node, app protocol with CSP, no new window or navigation away; its library answers${reason ? ` (skipped: ${reason})` : ''}`,
    async () => {
      const { _electron } = await import('playwright-core');
      const dir = mkdtempSync(join(tmpdir(), 'peerplan-window-'));
      const app = await _electron.launch({
        executablePath: binary!,
        args: [ROOT, '--db', join(dir, 'library.peerplan.sqlite')],
        env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
      });
      try {
        const appWindow = await app.firstWindow();
        await appWindow.waitForLoadState('domcontentloaded');
        expect(appWindow.url()).toBe('peerplan://app/index.html');
        const preferences = await app.evaluate(({ BrowserWindow }) => {
          const contents = BrowserWindow.getAllWindows()[0]!.webContents;
          return (
            contents as unknown as { getLastWebPreferences(): Record<string, unknown> }
          ).getLastWebPreferences();
        });
        expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
        const page = await appWindow.evaluate(() => ({
          require: typeof (globalThis as { require?: unknown }).require,
          process: typeof (globalThis as { process?: unknown }).process,
          channels: Object.keys((globalThis as unknown as { peerplan: object }).peerplan).sort(),
          ipcRenderer: 'ipcRenderer' in (globalThis as unknown as { peerplan: object }).peerplan,
        }));
        expect(page.require).toBe('undefined');
        expect(page.process).toBe('undefined');
        expect(page.ipcRenderer).toBe(false);
        expect(page.channels).toContain('plans.list');
        expect(page.channels).toContain('onMenuCommand');
        const info = await appWindow.evaluate(() =>
          (globalThis as unknown as { peerplan: { 'app.info': (r: object) => Promise<unknown> } }).peerplan[
            'app.info'
          ]({}),
        );
        expect(info).toMatchObject({ ok: true, value: { shell: 'electron' } });

        // App protocol with CSP: the page's own response carries the strict policy (written out in
        // strict-csp.ts, not read from the code), and the page obeys it: no eval, no inline script.
        const csp = await appWindow.evaluate(async () => {
          const response = await fetch(location.href);
          let evalRan: boolean;
          try {
            evalRan = (0, eval)('true') === true;
          } catch {
            evalRan = false;
          }
          const inline = document.createElement('script');
          inline.textContent = 'globalThis.__inlineRan = true';
          document.head.append(inline);
          return {
            protocol: location.protocol,
            header: response.headers.get('content-security-policy'),
            evalRan,
            inlineRan: (globalThis as { __inlineRan?: boolean }).__inlineRan === true,
          };
        });
        expect(csp.protocol).toBe('peerplan:');
        expectStrictPolicy(csp.header);
        expect(csp.evalRan).toBe(false);
        expect(csp.inlineRan).toBe(false);

        // A new window is denied; navigation away is refused (the page stays the app's).
        await appWindow.evaluate(() => globalThis.open('https://example.com/'));
        await appWindow.evaluate(() => {
          location.href = 'https://example.com/';
        });
        expect(await appWindow.evaluate(() => location.href)).toBe('peerplan://app/index.html');
        expect(app.windows()).toHaveLength(1);
        expect(appWindow.url()).toBe('peerplan://app/index.html');

        // The library answers through its worker thread (dist-electron/store-worker.cjs).
        const list = await appWindow.evaluate(() =>
          (globalThis as unknown as { peerplan: { 'plans.list': (r: object) => Promise<unknown> } }).peerplan[
            'plans.list'
          ]({}),
        );
        expect(list).toEqual({ ok: true, value: [] });
      } finally {
        await app.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
