/**
 * Electron main process entry (ARCHITECTURE.md, "Startup"):
 * 1. resolve the catalog file in userData (MIMIR_USER_DATA_DIR overrides the directory);
 * 2. start the database host (./db-host): its writer thread runs open → check → migrate;
 * 3. only then register the IPC channels and open the window. If the catalog cannot be used,
 *    a dialog says why and what to do, and the app quits without touching the file;
 * 4. on quit: cancel a running import, wait for queued work, checkpoint the WAL and close
 *    (host.close()), then exit.
 *
 * Startup failures exit with a code per refusal (./exit-codes.ts). test/electron-main.test.ts runs
 * the built bundle of this file against a stand-in `electron` module.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { CatalogError, fail, isAppError, type AppError } from '../src-shared/errors';
import { catalogBackups } from './catalog-backups';
import { createCatalogSession, type CatalogSession } from './catalog-session';
import { backupDirFor } from './db/backup';
import { startDatabaseHost, type DatabaseHost } from './db-host/host';
import { startupExitCode } from './exit-codes';
import { bindIpc, sendEvent } from './ipc/electron-ipc';
import { createMainHandlers } from './ipc/main-handlers';
import { createRouter } from './ipc/router';
import { createSenderPolicy } from './ipc/sender-policy';
import { electronNativeBinding } from './native-binding';
import { describeStartupFailure, restoreNewestBackup, RESTORE_BUTTON } from './startup-failure';

// Tests (Playwright's electron project) give every run its own user-data directory.
const userDataOverride = process.env.MIMIR_USER_DATA_DIR;
if (userDataOverride) app.setPath('userData', userDataOverride);

const CATALOG_FILE_NAME = 'catalog.sqlite';

/**
 * Sent as a header as well as the <meta> tag in index.html: the header also covers the dev
 * server and adds what a <meta> policy cannot (frame-ancestors).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The one URL the app window shows, and the only one whose frames may call the catalog API. */
const rendererUrl =
  (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) ||
  pathToFileURL(join(__dirname, '../renderer/index.html')).href;

let host: CatalogSession | undefined;
let appWindow: BrowserWindow | undefined;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (appWindow === window) appWindow = undefined;
  });
  void window.loadURL(rendererUrl);
  return window;
}

// No page may navigate away, open windows or embed webviews; http(s) links go to the browser.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

function appErrorOf(error: unknown): AppError {
  if (error instanceof CatalogError) return error.error;
  if (isAppError(error)) return error;
  return fail('Internal', 'The catalog service could not be started.', {
    reason: error instanceof Error ? (error.stack ?? error.message) : String(error),
  }).toJSON();
}

/** Shows why the catalog cannot be opened; resolves true when a backup was restored (start again). */
async function showStartupFailure(error: AppError, file: string): Promise<boolean> {
  console.error(`[mimir] cannot open ${file}: ${error.code}: ${error.message}`, error.details);
  const nativeBinding = electronNativeBinding(app.getAppPath());
  const { title, message, detail, restorable } = describeStartupFailure(error, file, { nativeBinding });
  const buttons = ['Quit', 'Show the catalog in its folder', ...(restorable ? [RESTORE_BUTTON] : [])];
  const { response } = await dialog.showMessageBox({ type: 'error', title, message, detail, buttons, defaultId: 0, cancelId: 0, noLink: true });
  if (response === 1) shell.showItemInFolder(file);
  if (response !== 2) return false;
  const restored = restoreNewestBackup(file, { nativeBinding });
  if (restored.ok) {
    console.log(`[mimir] restored ${restored.data.restoredFrom}; kept aside: ${restored.data.keptAside.map((k) => k.to).join(', ')}`);
    return true;
  }
  await dialog.showMessageBox({ type: 'error', title: 'Restore failed', message: restored.error.message, buttons: ['Quit'] });
  return false;
}

async function start(): Promise<void> {
  const dir = app.getPath('userData');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, CATALOG_FILE_NAME);

  const nativeBinding = electronNativeBinding(app.getAppPath());
  const startHost = (catalogFile: string): Promise<DatabaseHost> =>
    startDatabaseHost({ file: catalogFile, nativeBinding, workerPath: join(__dirname, 'db-worker.js') });
  let first: DatabaseHost;
  try {
    first = await startHost(file);
  } catch (error) {
    const appError = appErrorOf(error);
    if (await showStartupFailure(appError, file)) return start(); // a backup was restored
    app.exit(startupExitCode(appError.code)); // nothing is open: no before-quit work to do
    return;
  }
  if (first.startup.steps.length > 0) {
    console.log(
      `[mimir] catalog migrated from version ${first.startup.fromVersion} to ${first.startup.toVersion}` +
        (first.startup.backupFile ? ` (backup: ${first.startup.backupFile})` : ''),
    );
  }
  // A restore from the UI (backups:restore) replaces the host; everything below talks to the session.
  const started = createCatalogSession({
    file,
    host: first,
    startHost,
    backups: catalogBackups({ nativeBinding }),
    log: (message) => console.log(`[mimir] ${message}`),
  });
  host = started;

  const router = createRouter({
    database: (channel, input) => started.execute(channel, input),
    main: createMainHandlers({
      async chooseFolder({ title }) {
        const options = { title, properties: ['openDirectory' as const] };
        const result = appWindow ? await dialog.showOpenDialog(appWindow, options) : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      showItemInFolder: (path) => shell.showItemInFolder(path),
      versions: () => ({
        app: app.getVersion(),
        electron: process.versions.electron ?? '',
        chrome: process.versions.chrome ?? '',
        node: process.versions.node,
        sqlite: started.sqliteVersion,
      }),
      catalogFile: file,
      backupsFolder: backupDirFor(file),
      cancelImports: () => started.cancelImports(),
      backups: started,
    }),
    isTrustedSender: createSenderPolicy({ appWebContentsId: () => appWindow?.webContents.id, rendererUrl }),
    logError: ({ channel, error }) => console.error(`[mimir] ${channel} failed:`, error),
  });
  bindIpc(ipcMain, router);
  started.onEvent((event, payload) => {
    if (event === 'db:failed') console.error('[mimir] the catalog service stopped:', payload);
    sendEvent(appWindow?.webContents, event, payload);
  });

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  appWindow = createWindow();
  app.on('activate', () => {
    if (!appWindow) appWindow = createWindow();
  });
}

// One instance per user-data directory: two apps would be two writers on one catalog.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!appWindow) return;
    if (appWindow.isMinimized()) appWindow.restore();
    appWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quit cancels a running import (it rolls back), then waits for the catalog to be checkpointed and closed.
  let closing = false;
  app.on('before-quit', (event) => {
    const running = host;
    if (!running) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    void running
      .close()
      .catch((error: unknown) => console.error('[mimir] closing the catalog failed:', error))
      .finally(() => {
        host = undefined;
        app.quit();
      });
  });

  void app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('[mimir] startup failed:', error);
      app.exit(1);
    });
}
