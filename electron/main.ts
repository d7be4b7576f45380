/**
 * The Electron main process, kept thin: the window, the menu, dialogs and the app protocol. The
 * rules live in tested modules (shell/window-security, shell/menu, shell/app-protocol,
 * shell/native-files, ipc/register, handlers, store). Bundled by esbuild to dist-electron/main.cjs.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MENU_EVENT_CHANNEL, OPEN_PLAN_EVENT_CHANNEL } from '../shared/ipc/contract';
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
import { cliArgsOf, commandShim, openPlanFile, planFilesInArgv, withRecentFile } from './shell/open-files';
import { denyAllPermissions, hardenWebContents, secureWebPreferences } from './shell/window-security';
import { resolveLibraryPath } from './store/location';
import { isLibraryChannel, WorkerPlanRepository } from './store/worker-client';

const STATIC_DIR = join(__dirname, '..', 'dist-renderer');
const PRELOAD = join(__dirname, 'preload.cjs');
/** The bundled command line (dist-cli/, packed in the app's asar beside dist-electron/). */
const CLI_BUNDLE = join(__dirname, '..', 'dist-cli', 'peerplan.cjs');
/**
 * The library's worker thread (its own esbuild entry point, beside main.cjs in the asar: worker
 * threads read the asar since Electron 17, electron/electron#33216; better-sqlite3's .node file is
 * unpacked as for the main process).
 */
const STORE_WORKER = join(__dirname, 'store-worker.cjs');

const cliArgs = cliArgsOf(process.argv);
if (cliArgs !== null) {
  // `peerplan …` installed with the app (build/linux/peerplan): the command line runs in this
  // process, on the app's own Node and its better-sqlite3, without a window or the single-instance
  // lock, and exits with the command's status. The runAsNode fuse stays off.
  const cli = createRequire(__filename)(CLI_BUNDLE) as { main(argv: readonly string[]): Promise<number> };
  cli.main(cliArgs).then(
    (code) => app.exit(code),
    (error: unknown) => {
      process.stderr.write(`peerplan: ${error instanceof Error ? error.message : String(error)}\n`);
      app.exit(1);
    },
  );
} else {
  startApp();
}

function startApp(): void {
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

  // One instance per user: a second launch hands its plan files to the first and focuses it
  // instead of opening the library a second time. (CLI and server writers are serialised by
  // SQLite's immediate transactions.)
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let mainWindow: BrowserWindow | undefined;
  let windowReady = false;
  // Plan files asked for before the library and the window are ready (argv, an early open-file).
  const pendingFiles: string[] = planFilesInArgv(process.argv, {
    isPackaged: app.isPackaged,
    workingDirectory: process.cwd(),
  });
  let openFile: (path: string) => void = (path) => void pendingFiles.push(path);

  const focusWindow = () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  };

  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const path of planFilesInArgv(argv, { isPackaged: app.isPackaged, workingDirectory }))
      openFile(path);
    focusWindow();
  });
  // macOS: a plan file double-clicked in Finder or dropped on the Dock icon (also before `ready`).
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFile(path);
  });

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, (url) => void shell.openExternal(url));
  });

  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    const { values } = parseArgs({
      args: process.argv.slice(app.isPackaged ? 1 : 2),
      options: { db: { type: 'string' } },
      strict: false,
      allowPositionals: true,
    });
    const dbPath = resolveLibraryPath({ db: typeof values.db === 'string' ? values.db : undefined });
    // One worker thread owns the SQLite connection: a long save never blocks the window or IPC.
    let repository: WorkerPlanRepository;
    try {
      repository = await WorkerPlanRepository.open(dbPath, {
        workerFile: STORE_WORKER,
        api: { shell: 'electron', version: app.getVersion() },
      });
    } catch (error) {
      const message = error instanceof StoreError ? error.message : String(error);
      dialog.showErrorBox('Peerplan cannot open its library', message);
      app.quit();
      return;
    }
    // Quitting waits for the calls already asked (a save in flight) and closes the connection.
    let closed = false;
    app.on('will-quit', (event) => {
      if (closed) return;
      event.preventDefault();
      void repository.close().finally(() => {
        closed = true;
        app.quit();
      });
    });

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
    // The library's channels are checked and answered in its worker: a big plan's save costs this
    // thread only the structured clone of the request.
    const library = repository;
    registerIpcHandlers(ipcMain, handlers, (channel, payload) =>
      isLibraryChannel(channel) ? library.dispatch(channel, payload) : dispatch(handlers, channel, payload),
    );

    // File › Open Recent: kept in the user-data folder (macOS also lists them in the Dock).
    const recentPath = join(app.getPath('userData'), 'recent-files.json');
    let recentFiles: string[] = [];
    try {
      const stored: unknown = JSON.parse(readFileSync(recentPath, 'utf8'));
      if (Array.isArray(stored))
        recentFiles = stored.filter((entry): entry is string => typeof entry === 'string');
    } catch {
      recentFiles = [];
    }
    const saveRecent = (list: string[]) => {
      recentFiles = list;
      try {
        writeFileSync(recentPath, JSON.stringify(recentFiles));
      } catch {
        // The list is a convenience: a read-only profile keeps it for this session only.
      }
      installMenu();
    };

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
    // An AppImage has no install scripts: its Help menu writes the `peerplan` command instead.
    const appImage = process.env.APPIMAGE;
    const installCommand = appImage
      ? () => {
          const target = join(homedir(), '.local', 'bin', 'peerplan');
          try {
            mkdirSync(join(homedir(), '.local', 'bin'), { recursive: true });
            writeFileSync(target, commandShim(appImage));
            chmodSync(target, 0o755);
            void dialog.showMessageBox({ message: `The peerplan command was installed as ${target}.` });
          } catch (error) {
            dialog.showErrorBox('The peerplan command was not installed', String(error));
          }
        }
      : undefined;
    function installMenu(): void {
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          buildMenuTemplate({
            send,
            saveLibraryCopy: () => void saveLibraryCopy(),
            isMac: process.platform === 'darwin',
            devTools: !app.isPackaged,
            recentFiles,
            openRecent: (path) => openFile(path),
            clearRecent: () => {
              app.clearRecentDocuments();
              saveRecent([]);
            },
            ...(installCommand ? { installCommand } : {}),
          }),
        ),
      );
    }
    installMenu();

    // From now on a plan file is imported (or focused) at once and shown in the window.
    const showPlan = (planId: string) => {
      mainWindow?.webContents.send(OPEN_PLAN_EVENT_CHANNEL, planId);
      focusWindow();
    };
    openFile = (path) => {
      void openPlanFile(path, { repository, today }).then((outcome) => {
        if (outcome.kind === 'refused') {
          dialog.showErrorBox('Peerplan cannot open this plan file', outcome.message);
          return;
        }
        app.addRecentDocument(path);
        saveRecent(withRecentFile(recentFiles, path));
        if (windowReady) showPlan(outcome.planId);
        else pendingPlanIds.push(outcome.planId);
      });
    };
    const pendingPlanIds: string[] = [];
    for (const path of pendingFiles.splice(0)) openFile(path);

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
    // The renderer subscribes on mount; plans opened before that are shown once it has loaded.
    mainWindow.webContents.once('did-finish-load', () => {
      windowReady = true;
      for (const planId of pendingPlanIds.splice(0)) showPlan(planId);
    });
    mainWindow.on('closed', () => (mainWindow = undefined));
    void mainWindow.loadURL(APP_START_URL);
  });
}
