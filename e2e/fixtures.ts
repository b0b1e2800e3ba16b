/**
 * Playwright fixtures shared by every spec. A spec asks for `appPage` and gets the Mimir window,
 * whichever project runs it:
 *
 * - `harness`: the real renderer build (out/renderer) served over http://127.0.0.1 and opened in
 *   Chromium (Debian's /usr/bin/chromium where present). The built preload (out/preload/index.cjs)
 *   runs in the page before the renderer, with a stand-in for electron's `contextBridge` and
 *   `ipcRenderer` whose `invoke` is a `page.exposeBinding` into this test process. There it
 *   reaches the real main-process router (sender policy, validation) and the real database host
 *   (its worker threads, out/main/db-worker.js) on a catalog in the test's user-data directory.
 *   So window.mimir is built by the very code the app ships; only the transport differs.
 * - `electron`: the built app (out/main/index.js, through package.json "main") launched with
 *   `_electron.launch`. Where the Electron binary is not installed
 *   (ELECTRON_SKIP_BINARY_DOWNLOAD=1) the test is skipped with a visible reason.
 *
 * Every test gets its own temporary user-data directory (`userDataDir`), handed to the app as
 * MIMIR_USER_DATA_DIR.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, test as base, expect, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { startDatabaseHost, type DatabaseHost } from '../src-main/db-host/host';
import { createMainHandlers } from '../src-main/ipc/main-handlers';
import { createRouter, type Sender } from '../src-main/ipc/router';
import { createSenderPolicy } from '../src-main/ipc/sender-policy';
import { testServices, type TestServices } from '../test/main-services';

export { expect };

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const rendererDir = join(repoRoot, 'out', 'renderer');
export const mainEntry = join(repoRoot, 'out', 'main', 'index.js');
export const preloadBundle = join(repoRoot, 'out', 'preload', 'index.cjs');
export const databaseWorker = join(repoRoot, 'out', 'main', 'db-worker.js');
/** The catalog file inside the user-data directory, as the app names it. */
export const CATALOG_FILE_NAME = 'catalog.sqlite';

export type Target = 'harness' | 'electron';

/** Set per project in playwright.config.ts. */
export interface MimirWorkerOptions {
  target: Target;
}

export interface MimirTestFixtures {
  /** A fresh, empty directory for this test; removed afterwards. */
  userDataDir: string;
  /** The Mimir window with the renderer loaded. */
  appPage: Page;
  /**
   * Uncaught errors and console errors of the renderer (CSP violations included). The test fails
   * if any remain at its end; a test that provokes one on purpose removes it from the list.
   */
  rendererErrors: string[];
  /**
   * Control of the harness's main process for this test: the folder dialog's answer, the database
   * host, closing and reopening the catalog. Null in the electron project (there the app is its
   * own process); a test that needs it skips there with a reason (`requireHarness`).
   */
  harness: HarnessControl | null;
}

export interface HarnessControl {
  /** The stand-in main-process services (the folder dialog answers `services.chosenFolder`). */
  readonly services: TestServices;
  /** The database host currently serving the page. */
  host(): DatabaseHost;
  /** Closes the host, starts a new one on the same catalog file and reloads the page (an app restart). */
  reopen(): Promise<void>;
}

/** The harness control, or skips the test in the electron project with the reason. */
export function requireHarness(harness: HarnessControl | null, why: string): HarnessControl {
  test.skip(harness === null, `needs the harness's main process: ${why}`);
  return harness as HarnessControl;
}

interface Lazy<T> {
  get(): Promise<T>;
}

interface MimirWorkerFixtures {
  /** Static server for out/renderer on 127.0.0.1, started on first use. */
  rendererServer: Lazy<{ url: string }>;
  /** Chromium for the harness project, launched on first use (never in the electron project). */
  harnessBrowser: Lazy<Browser>;
}

/**
 * Path of the Electron binary, or the reason it is unavailable. `require('electron')` returns the
 * binary's path when the package's install step downloaded it, and throws when it was skipped.
 */
export function findElectronBinary(): { path: string } | { reason: string } {
  const why = 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD)';
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    if (typeof binary !== 'string') return { reason: `${why}: require('electron') did not return a path` };
    if (!existsSync(binary)) return { reason: `${why}: ${binary} does not exist` };
    return { path: binary };
  } catch (error) {
    return { reason: `${why}: ${(error as Error).message}` };
  }
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Serves `dir` read-only on 127.0.0.1 at a random port. */
async function startStaticServer(dir: string): Promise<{ url: string; server: Server }> {
  const rootDir = resolve(dir);
  const server = createServer((request, response) => {
    void (async () => {
      try {
        const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
        let file = normalize(join(rootDir, pathname));
        if (file !== rootDir && !file.startsWith(rootDir + sep)) {
          response.writeHead(403).end();
          return;
        }
        if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
        const body = await readFile(file);
        response.writeHead(200, {
          'content-type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, server };
}

function lazy<T>(create: () => Promise<T>): Lazy<T> & { created(): Promise<T> | undefined } {
  let value: Promise<T> | undefined;
  return {
    get: () => (value ??= create()),
    created: () => value,
  };
}

function watchPageErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
}

async function attachScreenshotOnFailure(page: Page, testInfo: TestInfo): Promise<void> {
  if (testInfo.status === testInfo.expectedStatus || page.isClosed()) return;
  try {
    await testInfo.attach('screenshot', { body: await page.screenshot(), contentType: 'image/png' });
  } catch {
    // the window may already be gone
  }
}

/** The harness control of each harness page (read by the `harness` fixture). */
const harnessControls = new WeakMap<Page, HarnessControl>();

/** `webContents.id` the harness gives its page (the app window's id in the sender policy). */
const HARNESS_WEB_CONTENTS_ID = 1;

/**
 * Page script that runs the built preload as Electron would: `require('electron')` gets
 * `contextBridge.exposeInMainWorld` (defines the global) and an `ipcRenderer` whose `invoke` is
 * the exposed binding and whose `on` / `removeListener` keep listeners that
 * `__mimirHarnessEmit` (called from the test process) feeds, as `webContents.send` would, for any
 * event name; `__mimirHarnessListening()` lists the names the preload subscribed to. Any other
 * `require` throws, as in a sandboxed preload.
 */
function harnessPreloadScript(preloadSource: string): string {
  return `(() => {
  const listeners = new Map();
  const electron = {
    contextBridge: {
      exposeInMainWorld(key, api) {
        Object.defineProperty(globalThis, key, { value: api, enumerable: true });
      },
    },
    ipcRenderer: {
      invoke: (channel, input) => globalThis.__mimirInvoke(channel, input),
      on(event, listener) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event).add(listener);
      },
      removeListener(event, listener) {
        listeners.get(event)?.delete(listener);
      },
    },
  };
  Object.defineProperty(globalThis, '__mimirHarnessEmit', {
    value: (event, payload) => {
      for (const listener of [...(listeners.get(event) ?? [])]) listener({}, payload);
    },
  });
  Object.defineProperty(globalThis, '__mimirHarnessListening', {
    value: () => [...listeners.entries()].filter(([, set]) => set.size > 0).map(([name]) => name),
  });
  const require = (name) => {
    if (name === 'electron') return electron;
    throw new Error('a sandboxed preload can only require electron, not ' + name);
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}

interface HarnessGlobals {
  __mimirHarnessEmit(event: string, payload: unknown): void;
}

/** Sends an event to the page as the main process would (any name: the preload decides what passes). */
export function emitHarnessEvent(page: Page, event: string, payload: unknown): Promise<void> {
  return page
    .evaluate(([name, value]) => (globalThis as unknown as HarnessGlobals).__mimirHarnessEmit(name, value), [event, payload] as const)
    .catch(() => undefined); // the page may be gone
}

/**
 * Binds `context` to the real router and database host for one test: starts the host on
 * `userDataDir`/catalog.sqlite, exposes the router as `__mimirInvoke` and runs the preload before
 * any page script. Returns the host (closed by the caller) and the router's logged failures.
 */
async function bindHarness(
  context: BrowserContext,
  page: Page,
  rendererUrl: string,
  userDataDir: string,
): Promise<{ control: HarnessControl; close(): Promise<void>; routerErrors: string[] }> {
  for (const file of [preloadBundle, databaseWorker]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npx electron-vite build\` first (npm run test:e2e does).`);
  }
  const start = () => startDatabaseHost({ file: join(userDataDir, CATALOG_FILE_NAME), workerPath: databaseWorker });
  let host = await start();
  const routerErrors: string[] = [];
  const services = testServices(userDataDir, () => host.cancelImports());
  // The harness's folder dialog answers with MIMIR_E2E_CHOSEN_FOLDER (unset: the user cancels).
  services.chosenFolder = process.env['MIMIR_E2E_CHOSEN_FOLDER'] ?? null;
  const router = createRouter({
    database: (channel, input) => host.execute(channel, input),
    main: createMainHandlers(services),
    isTrustedSender: createSenderPolicy({ appWebContentsId: () => HARNESS_WEB_CONTENTS_ID, rendererUrl }),
    logError: ({ channel, error }) => routerErrors.push(`${channel}: ${JSON.stringify(error)}`),
  });
  await context.exposeBinding('__mimirInvoke', ({ frame, page: source }, channel: unknown, input: unknown) => {
    const sender: Sender = {
      frameUrl: frame.url(),
      isMainFrame: frame === source.mainFrame(),
      webContentsId: HARNESS_WEB_CONTENTS_ID,
    };
    return router.handle(String(channel), input, sender);
  });
  await context.addInitScript({ content: harnessPreloadScript(await readFile(preloadBundle, 'utf8')) });
  // As src-main/index.ts does with webContents.send; emitHarnessEvent can send undeclared ones too.
  const forwardEvents = (): void => void host.onEvent((event, payload) => void emitHarnessEvent(page, event, payload));
  forwardEvents();
  const control: HarnessControl = {
    services,
    host: () => host,
    reopen: async () => {
      await host.close();
      host = await start();
      forwardEvents();
      await page.reload();
    },
  };
  return { control, close: () => host.close(), routerErrors };
}

export const test = base.extend<MimirTestFixtures, MimirWorkerOptions & MimirWorkerFixtures>({
  target: ['harness', { option: true, scope: 'worker' }],

  rendererServer: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const holder = lazy(async () => {
        if (!existsSync(join(rendererDir, 'index.html'))) {
          throw new Error(`${rendererDir}/index.html is missing: run \`npx electron-vite build\` first (npm run test:e2e does).`);
        }
        return startStaticServer(rendererDir);
      });
      await use({ get: async () => ({ url: (await holder.get()).url }) });
      const started = await holder.created()?.catch(() => undefined);
      if (started) await new Promise((done) => started.server.close(done));
    },
    { scope: 'worker' },
  ],

  harnessBrowser: [
    async ({ playwright, launchOptions }, use) => {
      const holder = lazy(() => playwright.chromium.launch(launchOptions));
      await use({ get: () => holder.get() });
      const browser = await holder.created()?.catch(() => undefined);
      await browser?.close();
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern
  userDataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'mimir-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },

  // eslint-disable-next-line no-empty-pattern
  rendererErrors: async ({}, use) => {
    await use([]);
  },

  // Filled in by appPage (harness project); stays null in the electron project.
  harness: async ({ appPage: _appPage }, use) => {
    await use(harnessControls.get(_appPage) ?? null);
  },

  appPage: async ({ target, userDataDir, rendererServer, harnessBrowser, rendererErrors }, use, testInfo) => {
    if (target === 'electron') {
      const electron = findElectronBinary();
      if ('reason' in electron) {
        testInfo.skip(true, electron.reason);
        return;
      }
      if (!existsSync(mainEntry)) throw new Error(`${mainEntry} is missing: run \`npx electron-vite build\` first.`);
      // Never the dev server: the built renderer in out/renderer.
      const { ELECTRON_RENDERER_URL: _devServer, ...env } = process.env;
      const app = await _electron.launch({
        executablePath: electron.path,
        // The app directory, as `npm start` runs it: package.json "main" is out/main/index.js,
        // so app.getAppPath() is the repo root (where native/electron lives) and the app name is
        // "mimir". Chromium refuses to run sandboxed as root (CI runs as root).
        args: [repoRoot, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
        cwd: repoRoot,
        env: { ...env, MIMIR_USER_DATA_DIR: userDataDir },
      });
      try {
        const page = await app.firstWindow();
        watchPageErrors(page, rendererErrors);
        await page.waitForLoadState('domcontentloaded');
        await use(page);
        await attachScreenshotOnFailure(page, testInfo);
        expect(rendererErrors, 'errors in the renderer').toEqual([]);
      } finally {
        await app.close();
      }
      return;
    }

    const { url } = await rendererServer.get();
    const browser = await harnessBrowser.get();
    const context = await browser.newContext();
    let harness: Awaited<ReturnType<typeof bindHarness>> | undefined;
    try {
      const page = await context.newPage();
      watchPageErrors(page, rendererErrors);
      harness = await bindHarness(context, page, url, userDataDir);
      harnessControls.set(page, harness.control);
      await page.goto(url);
      await use(page);
      await attachScreenshotOnFailure(page, testInfo);
      expect(rendererErrors, 'errors in the renderer').toEqual([]);
      expect(harness.routerErrors, 'unexpected failures logged by the main-process router').toEqual([]);
    } finally {
      await context.close();
      await harness?.close();
    }
  },
});
