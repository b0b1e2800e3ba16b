/**
 * Electron main process entry. Minimal shell: one hardened window showing the renderer.
 * The database startup (open → check → migrate, see ARCHITECTURE.md "Startup") is added here
 * before the window is created.
 */
import { join } from 'node:path';
import { app, BrowserWindow, shell } from 'electron';

// Tests (Playwright's electron project) give every run its own user-data directory.
const userDataOverride = process.env.MIMIR_USER_DATA_DIR;
if (userDataOverride) app.setPath('userData', userDataOverride);

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

  const devServerUrl = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && devServerUrl) {
    void window.loadURL(devServerUrl);
  } else {
    void window.loadFile(join(__dirname, '../renderer/index.html'));
  }
  return window;
}

// No page may navigate away, open windows or embed webviews; http(s) links go to the browser.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

void app.whenReady().then(() => {
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});
