import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectStrictPolicy } from './strict-csp';
import { defaultLibraryPath, resolveLibraryPath } from '../../electron/store/location';
import { APP_START_URL, createAppProtocolHandler } from '../../electron/shell/app-protocol';
import { buildMenuTemplate } from '../../electron/shell/menu';
import { createNativeFiles } from '../../electron/shell/native-files';
import {
  denyAllPermissions,
  hardenWebContents,
  isExternalLink,
  secureWebPreferences,
} from '../../electron/shell/window-security';
import type { MenuCommand } from '../../shared/ipc/contract';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'peerplan-shell-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the window is locked down', () => {
  it('isolated, sandboxed, without Node', () => {
    expect(secureWebPreferences('/app/preload.cjs', false)).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
    });
  });

  function fakeContents() {
    const emitter = new EventEmitter();
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
    const opened: string[] = [];
    hardenWebContents(
      {
        on: (event: string, listener: (...args: never[]) => void) =>
          emitter.on(event, listener as (...args: unknown[]) => void),
        setWindowOpenHandler: (handler) => (openHandler = handler),
      },
      (url) => opened.push(url),
    );
    const navigate = (event: string, url: string) => {
      let prevented = false;
      emitter.emit(event, { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    return { navigate, open: (url: string) => openHandler!({ url }), opened };
  }

  it('denies navigation away from the app; web links go to the system browser', () => {
    const contents = fakeContents();
    expect(contents.navigate('will-navigate', 'peerplan://app/index.html')).toBe(false);
    expect(contents.navigate('will-navigate', 'https://cloud.tencent.com/document')).toBe(true);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-redirect', 'javascript:alert(1)')).toBe(true);
    expect(contents.opened).toEqual(['https://cloud.tencent.com/document']);
  });

  it('denies every new window, opening only http(s) links outside', () => {
    const contents = fakeContents();
    expect(contents.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(contents.open('smb://server/share')).toEqual({ action: 'deny' });
    expect(contents.opened).toEqual(['https://example.com/']);
    expect(isExternalLink('mailto:a@b')).toBe(false);
  });

  it('refuses webviews', () => {
    const contents = fakeContents();
    expect(contents.navigate('will-attach-webview', 'peerplan://app/')).toBe(true);
  });

  it('denies every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
    });
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      request!({}, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(check!()).toBe(false);
  });
});

describe('the app protocol', () => {
  it('serves the renderer with the CSP and nothing outside it', async () => {
    const staticDir = join(dir, 'dist-renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<title>Peerplan</title>');
    writeFileSync(join(dir, 'secret.txt'), 'no');
    const handle = createAppProtocolHandler(staticDir);
    const page = await handle(new Request(APP_START_URL));
    expect(page.status).toBe(200);
    expectStrictPolicy(page.headers.get('content-security-policy'));
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toBe('<title>Peerplan</title>');
    for (const url of [
      'peerplan://app/../secret.txt',
      'peerplan://app/%2e%2e/secret.txt',
      'peerplan://other/index.html',
    ]) {
      expect([url, (await handle(new Request(url))).status]).toEqual([url, 404]);
    }
  });
});

describe('the menu', () => {
  it('has File, Edit and View with the issue’s items, sending commands to the renderer', () => {
    const sent: MenuCommand[] = [];
    let copies = 0;
    const template = buildMenuTemplate({
      send: (command) => sent.push(command),
      saveLibraryCopy: () => copies++,
      isMac: false,
      devTools: false,
    });
    type Item = { label?: string; click?: () => void };
    const menus: Record<string, Item[]> = Object.fromEntries(
      template.map((menu) => [menu.label, (menu.submenu as Item[]).filter((item) => item.label)]),
    );
    expect(Object.keys(menus)).toEqual(['File', 'Edit', 'View']);
    expect(menus.File!.map((i) => i.label)).toEqual([
      'New plan',
      'Import plan…',
      'Open Recent',
      'Export…',
      'Print…',
      'History',
      'Save revision',
      'Save a copy of the library…',
    ]);
    expect(menus.Edit!.map((i) => i.label)).toEqual(['Undo', 'Redo']);
    expect(menus.View!.map((i) => i.label)).toEqual([
      'Fit',
      'Zoom in',
      'Zoom out',
      'Actual size',
      'Theme: light / dark',
    ]);
    for (const menu of Object.values(menus)) for (const item of menu) item.click?.();
    expect(sent).toEqual([
      'new-plan',
      'import',
      'export',
      'print',
      'history',
      'save-revision',
      'undo',
      'redo',
      'fit',
      'zoom-in',
      'zoom-out',
      'zoom-reset',
      'toggle-theme',
    ]);
    expect(copies).toBe(1);
  });

  it('lists recent plan files under File › Open Recent, opens and clears them', () => {
    type Item = { label?: string; enabled?: boolean; click?: () => void; submenu?: Item[] };
    const openRecentOf = (recentFiles: string[], log: string[]) => {
      const template = buildMenuTemplate({
        send: () => {},
        saveLibraryCopy: () => {},
        isMac: false,
        devTools: false,
        recentFiles,
        openRecent: (path) => log.push(`open ${path}`),
        clearRecent: () => log.push('clear'),
      }) as Item[];
      return template[0]!.submenu!.find((item) => item.label === 'Open Recent')!.submenu!;
    };
    const empty = openRecentOf([], []);
    expect(empty.map((item) => [item.label, item.enabled])).toEqual([['No recent plan files', false]]);
    const log: string[] = [];
    const items = openRecentOf(['/plans/b.peerplan.json', '/plans/a.json'], log).filter((item) => item.label);
    expect(items.map((item) => item.label)).toEqual([
      '/plans/b.peerplan.json',
      '/plans/a.json',
      'Clear Recently Opened',
    ]);
    for (const item of items) item.click?.();
    expect(log).toEqual(['open /plans/b.peerplan.json', 'open /plans/a.json', 'clear']);
  });

  it('offers Help › Install the peerplan command only when it can install it (an AppImage)', () => {
    const base = { send: () => {}, saveLibraryCopy: () => {}, isMac: false, devTools: false };
    expect(buildMenuTemplate(base).map((menu) => menu.label)).not.toContain('Help');
    let installs = 0;
    const help = buildMenuTemplate({ ...base, installCommand: () => installs++ }).find(
      (menu) => menu.label === 'Help',
    );
    const [install] = help!.submenu as { label: string; click: () => void }[];
    expect(install!.label).toBe('Install the peerplan command');
    install!.click();
    expect(installs).toBe(1);
  });
});

describe('native files', () => {
  it('writes only where a save dialog pointed', async () => {
    const target = join(dir, 'plan.json');
    const files = createNativeFiles({
      showSaveDialog: async () => ({ canceled: false, filePath: target }),
      showOpenDialog: async () => ({ canceled: false, filePaths: [target] }),
    });
    await expect(files.saveText('plan.json', 'x', join(dir, 'elsewhere.json'))).rejects.toThrow(
      /only to files chosen in a save dialog/,
    );
    expect(await files.saveText('plan.json', '{"a":1}')).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('{"a":1}');
    expect(await files.saveText('plan.json', '{"a":2}', target)).toBe(target);
    expect(await files.openText()).toEqual({ fileName: 'plan.json', text: '{"a":2}' });
  });

  it('answers null when the dialog is cancelled', async () => {
    const files = createNativeFiles({
      showSaveDialog: async () => ({ canceled: true }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    });
    expect(await files.saveText('a.json', 'x')).toBeNull();
    expect(await files.openText()).toBeNull();
    expect(await files.libraryCopyPath()).toBeNull();
  });
});

describe('the library location', () => {
  it('is in the OS app-data folder', () => {
    expect(defaultLibraryPath('linux', {}, '/home/ada')).toBe(
      '/home/ada/.local/share/Peerplan/library.peerplan.sqlite',
    );
    expect(defaultLibraryPath('linux', { XDG_DATA_HOME: '/data' }, '/home/ada')).toBe(
      '/data/Peerplan/library.peerplan.sqlite',
    );
    expect(defaultLibraryPath('linux', { XDG_DATA_HOME: 'relative' }, '/home/ada')).toBe(
      '/home/ada/.local/share/Peerplan/library.peerplan.sqlite',
    );
    expect(defaultLibraryPath('darwin', {}, '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/Peerplan/library.peerplan.sqlite',
    );
    expect(
      defaultLibraryPath('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada'),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\Peerplan\\library.peerplan.sqlite');
  });

  it('--db wins over PEERPLAN_DB, which wins over the default', () => {
    expect(resolveLibraryPath({ db: '/a.sqlite', env: { PEERPLAN_DB: '/b.sqlite' } })).toBe('/a.sqlite');
    expect(resolveLibraryPath({ env: { PEERPLAN_DB: '/b.sqlite' } })).toBe('/b.sqlite');
    expect(resolveLibraryPath({ env: { XDG_DATA_HOME: '/x' } })).toMatch(
      /Peerplan[\\/]library\.peerplan\.sqlite$/,
    );
  });
});
