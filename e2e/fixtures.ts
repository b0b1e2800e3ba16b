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
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, test as base, expect, type Browser, type Page, type TestInfo } from '@playwright/test';
import { bindHarness, rendererDir, repoRoot, startStaticServer, type HarnessControl } from './harness-binding';

export { expect };
export { CATALOG_FILE_NAME, databaseWorker, emitHarnessEvent, preloadBundle, rendererDir, repoRoot, type HarnessControl } from './harness-binding';

export const mainEntry = join(repoRoot, 'out', 'main', 'index.js');

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
