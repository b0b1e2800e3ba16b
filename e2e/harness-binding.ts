/**
 * The harness's stand-in for the Electron main process, shared by the Playwright fixtures and the
 * renderer bench: a static server for the built renderer, the built preload run in the page with
 * a fake `ipcRenderer` whose `invoke` is a binding into this process, and there the real router
 * and database host inside the app's catalog session (src-main/catalog-session.ts, with the built
 * backup operations), so `backups:*` and restores work as in the app. (fixtures.ts explains the
 * design.) No Playwright Test import: plain
 * `playwright` objects, so `npm run bench` can use it outside the test runner.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import type { catalogBackups as CatalogBackups } from '../src-main/catalog-backups';
import { createCatalogSession, type BackupOperations, type CatalogSession } from '../src-main/catalog-session';
import { startDatabaseHost, type DatabaseHost } from '../src-main/db-host/host';
import { createMainHandlers } from '../src-main/ipc/main-handlers';
import { createRouter, type Sender } from '../src-main/ipc/router';
import { createSenderPolicy } from '../src-main/ipc/sender-policy';
import { CatalogError, isAppError } from '../src-shared/errors';
import { testServices, type TestServices } from '../test/main-services';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const rendererDir = join(repoRoot, 'out', 'renderer');
export const preloadBundle = join(repoRoot, 'out', 'preload', 'index.cjs');
export const databaseWorker = join(repoRoot, 'out', 'main', 'db-worker.js');
/**
 * The backup channels' file operations as the app's build has them (src-main/db inlines the
 * migrations with Vite's import.meta.glob, so the source cannot be loaded here directly).
 */
export const catalogBackupsBundle = join(repoRoot, 'out', 'main', 'catalog-backups.js');
/** The catalog file inside the user-data directory, as the app names it. */
export const CATALOG_FILE_NAME = 'catalog.sqlite';

export interface HarnessControl {
  /** The stand-in main-process services (the folder dialog answers `services.chosenFolder`). */
  readonly services: TestServices;
  /** The database host currently serving the page (a restore replaces it). */
  host(): DatabaseHost;
  /** The catalog session the page talks to, as the app's main process has it. */
  session(): CatalogSession;
  /** Closes the host, starts a new one on the same catalog file and reloads the page (an app restart). */
  reopen(): Promise<void>;
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
export async function startStaticServer(dir: string): Promise<{ url: string; server: Server }> {
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

/**
 * The bundle has its own copy of src-shared/errors, so its CatalogError is not the class the
 * router (loaded from source here) recognises; in the app both are one bundle. Its errors are
 * re-thrown as this module's CatalogError, with the same AppError inside.
 */
function withSourceErrors(operations: BackupOperations): BackupOperations {
  const wrapped: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(operations) as [string, (...args: unknown[]) => unknown][]) {
    wrapped[name] = (...args: unknown[]) => {
      try {
        return operation(...args);
      } catch (error) {
        const inner = (error as { error?: unknown } | null)?.error;
        throw isAppError(inner) && !(error instanceof CatalogError) ? new CatalogError(inner) : error;
      }
    };
  }
  return wrapped as unknown as BackupOperations;
}

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
      // The answer comes as one JSON text (see bindHarness), parsed here as Electron's IPC would copy it.
      invoke: (channel, input) => globalThis.__mimirInvoke(channel, input).then((text) => JSON.parse(text)),
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
 * Binds `context` to the real router and database host for one test: starts a catalog session on
 * `userDataDir`/catalog.sqlite (as src-main/index.ts does: backups in `userDataDir`/backups),
 * exposes the router as `__mimirInvoke` and runs the preload before any page script. Returns the
 * control, `close` (for the caller) and the router's logged failures.
 */
export async function bindHarness(
  context: BrowserContext,
  page: Page,
  rendererUrl: string,
  userDataDir: string,
): Promise<{ control: HarnessControl; close(): Promise<void>; routerErrors: string[] }> {
  for (const file of [preloadBundle, databaseWorker, catalogBackupsBundle]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npx electron-vite build\` first (npm run test:e2e does).`);
  }
  const { catalogBackups } = (await import(pathToFileURL(catalogBackupsBundle).href)) as { catalogBackups: typeof CatalogBackups };
  const file = join(userDataDir, CATALOG_FILE_NAME);
  const startHost = (catalogFile: string): Promise<DatabaseHost> => startDatabaseHost({ file: catalogFile, workerPath: databaseWorker });
  const startSession = async (): Promise<CatalogSession> =>
    createCatalogSession({ file, host: await startHost(file), startHost, backups: withSourceErrors(catalogBackups()) });
  let session = await startSession();
  const routerErrors: string[] = [];
  const services = testServices(userDataDir, () => session.cancelImports(), {
    listBackups: () => session.listBackups(),
    createBackup: () => session.createBackup(),
    restore: (backup) => session.restore(backup),
  });
  // The harness's folder dialog answers with MIMIR_E2E_CHOSEN_FOLDER (unset: the user cancels).
  services.chosenFolder = process.env['MIMIR_E2E_CHOSEN_FOLDER'] ?? null;
  const router = createRouter({
    database: (channel, input) => session.execute(channel, input),
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
    // Answers travel as one JSON text. Electron's ipcRenderer.invoke copies an answer natively
    // (structured clone, well under a millisecond for a page of rows); Playwright's binding
    // serializer walks it value by value (about 0.3–1 ms per list row on this machine), which
    // made the harness measure its own transport rather than the app. Answers are JSON data
    // (rows, envelopes with typed errors), so the text carries them unchanged.
    return router.handle(String(channel), input, sender).then((answer) => JSON.stringify(answer));
  });
  await context.addInitScript({ content: harnessPreloadScript(await readFile(preloadBundle, 'utf8')) });
  // As src-main/index.ts does with webContents.send; emitHarnessEvent can send undeclared ones too.
  // The session forwards the events of whichever host is current (a restore replaces it).
  const forwardEvents = (): void => void session.onEvent((event, payload) => void emitHarnessEvent(page, event, payload));
  forwardEvents();
  const control: HarnessControl = {
    services,
    host: () => session.host,
    session: () => session,
    reopen: async () => {
      await session.close();
      session = await startSession();
      forwardEvents();
      await page.reload();
    },
  };
  return { control, close: () => session.close(), routerErrors };
}

