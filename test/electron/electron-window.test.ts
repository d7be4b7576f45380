/**
 * The real window, driven by Playwright's `_electron`: only where Electron's binary is installed
 * (a normal `npm ci`). Installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, as on CI here, it skips and
 * says so. Needs `npm run build` first (dist-electron/, dist-renderer/) and better-sqlite3 rebuilt
 * for Electron (`npx electron-builder install-app-deps`).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
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
    `opens locked down: isolated, sandboxed, no Node, app protocol with CSP${reason ? ` (skipped: ${reason})` : ''}`,
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
        // A new window is denied, navigation away is refused.
        await appWindow.evaluate(() => globalThis.open('https://example.com/'));
        expect(app.windows()).toHaveLength(1);
      } finally {
        await app.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
