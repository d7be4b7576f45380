/**
 * The Electron main process, kept thin: the window, the menu, dialogs and the app protocol. The
 * rules live in tested modules (shell/window-security, shell/menu, shell/app-protocol,
 * shell/native-files, ipc/register, handlers, store). Bundled by esbuild to dist-electron/main.cjs.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MENU_EVENT_CHANNEL } from '../shared/ipc/contract';
import type { MenuCommand } from '../shared/ipc/contract';
import { StoreError } from '../shared/store/repository';
import { today } from './cli/load';
import { createHandlers } from './handlers';
import { dispatch } from './ipc/dispatch';
import { registerIpcHandlers } from './ipc/register';
import { APP_SCHEME, APP_START_URL, createAppProtocolHandler } from './shell/app-protocol';
import { buildMenuTemplate } from './shell/menu';
import { createNativeFiles } from './shell/native-files';
import { printHtmlToPdf } from './shell/print-pdf';
import { denyAllPermissions, hardenWebContents, secureWebPreferences } from './shell/window-security';
import { resolveLibraryPath } from './store/location';
import { SqlitePlanRepository } from './store/sqlite-repository';

const STATIC_DIR = join(__dirname, '..', 'dist-renderer');
const PRELOAD = join(__dirname, 'preload.cjs');

// Before `ready`, so the renderers start with it: a young generation large enough for the object
// graph of a big plan file (see bin/peerplan.js; it halves the cost of parsing one).
app.commandLine.appendSwitch('js-flags', '--max-semi-space-size=64');

// Must happen before `ready`: the app's scheme is a secure, standard origin with fetch.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);

// One instance per user: a second launch focuses the first window instead of opening the library
// a second time. (CLI and server writers are serialised by SQLite's immediate transactions.)
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, (url) => void shell.openExternal(url));
  });

  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    const { values } = parseArgs({
      args: process.argv.slice(app.isPackaged ? 1 : 2),
      options: { db: { type: 'string' } },
      strict: false,
      allowPositionals: true,
    });
    const dbPath = resolveLibraryPath({ db: typeof values.db === 'string' ? values.db : undefined });
    let repository: SqlitePlanRepository;
    try {
      repository = SqlitePlanRepository.open(dbPath);
    } catch (error) {
      const message = error instanceof StoreError ? error.message : String(error);
      dialog.showErrorBox('Peerplan cannot open its library', message);
      app.quit();
      return;
    }
    app.on('will-quit', () => repository.close());

    denyAllPermissions(session.defaultSession);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(STATIC_DIR));

    const dialogs = {
      showSaveDialog: (options: Electron.SaveDialogOptions) =>
        mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
      showOpenDialog: (options: Electron.OpenDialogOptions) =>
        mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options),
    };
    const handlers = createHandlers({
      repository,
      shell: 'electron',
      version: app.getVersion(),
      today,
      files: createNativeFiles(dialogs, printHtmlToPdf),
    });
    registerIpcHandlers(ipcMain, handlers);

    const send = (command: MenuCommand) => mainWindow?.webContents.send(MENU_EVENT_CHANNEL, command);
    const saveLibraryCopy = async () => {
      const result = await dispatch(handlers, 'library.saveCopy', {});
      if (!result.ok) dialog.showErrorBox('The copy of the library failed', result.error.message);
      else if ((result.value as { path: string | null }).path) {
        void dialog.showMessageBox({
          message: `The library was copied to ${(result.value as { path: string }).path}.`,
        });
      }
    };
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          send,
          saveLibraryCopy: () => void saveLibraryCopy(),
          isMac: process.platform === 'darwin',
          devTools: !app.isPackaged,
        }),
      ),
    );

    mainWindow = new BrowserWindow({
      width: 1400,
      height: 900,
      minWidth: 900,
      minHeight: 600,
      title: 'Peerplan',
      show: false,
      backgroundColor: '#f6f7f9',
      webPreferences: secureWebPreferences(PRELOAD, !app.isPackaged),
    });
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('closed', () => (mainWindow = undefined));
    void mainWindow.loadURL(APP_START_URL);
  });
}
