/**
 * The Electron main process, as built (out/main/index.js), run under Node with a stand-in
 * `electron` module that records what our code asks of Electron: the single-instance lock, the
 * catalog opened before any window or channel exists, one `ipcMain.handle` per contract channel,
 * the window's security options, the startup-failure dialog and exit code of each refusal, the
 * sender checks on a real handler, events sent to the window, and the WAL checkpoint on quit.
 *
 * This tests our use of Electron's API, not Electron: the stand-in answers as the documented API
 * does, nothing more. The Playwright `electron` project runs the real binary where it exists.
 *
 * The bundle is copied with its chunks and worker into node_modules/.cache/<tmp>/main, beside a
 * node_modules/electron package that forwards to the current scenario's recorder, so Node's own
 * resolution finds the stand-in for `electron` and the real better-sqlite3 for the workers.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../src-shared/contract';
import type { ErrorCode, Result } from '../src-shared/errors';
import { STARTUP_EXIT_CODES, startupExitCode } from '../src-main/exit-codes';
import { openMigrated, sidecars, tempDir } from './helpers';

const root = fileURLToPath(new URL('..', import.meta.url));
let bundleDir: string;
let entry: string;

const STAND_IN = `
const current = () => {
  const recorder = globalThis.__mimirElectronStandIn;
  if (!recorder) throw new Error('no stand-in electron recorder installed');
  return recorder;
};
const forward = (name) =>
  new Proxy(function () {}, {
    get: (_target, property) => Reflect.get(current()[name], property),
    construct: (_target, args) => Reflect.construct(current()[name], args),
  });
export const app = forward('app');
export const BrowserWindow = forward('BrowserWindow');
export const dialog = forward('dialog');
export const ipcMain = forward('ipcMain');
export const session = forward('session');
export const shell = forward('shell');
export default { app, BrowserWindow, dialog, ipcMain, session, shell };
`;

beforeAll(() => {
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  bundleDir = mkdtempSync(join(cache, 'mimir-electron-main-'));
  cpSync(dirname(inject('dbWorkerPath')), join(bundleDir, 'main'), { recursive: true });
  writeFileSync(join(bundleDir, 'package.json'), JSON.stringify({ type: 'module' }));
  const electron = join(bundleDir, 'node_modules', 'electron');
  mkdirSync(electron, { recursive: true });
  writeFileSync(join(electron, 'package.json'), JSON.stringify({ name: 'electron', type: 'module', main: 'index.js' }));
  writeFileSync(join(electron, 'index.js'), STAND_IN);
  entry = join(bundleDir, 'main', 'index.js');
});
afterAll(() => {
  delete (globalThis as Record<string, unknown>)['__mimirElectronStandIn'];
  rmSync(bundleDir, { recursive: true, force: true });
});

type Handler = (event: unknown, input: unknown) => Promise<Result<unknown>>;

interface FakeWebContents {
  id: number;
  sent: { channel: string; payload: unknown }[];
}

/** What our main process asked of Electron in one run. */
class Recorder {
  readonly log: string[] = [];
  readonly handlers = new Map<string, Handler>();
  readonly appListeners = new Map<string, ((...args: unknown[]) => unknown)[]>();
  readonly windows: { options: Record<string, unknown>; url?: string; webContents: FakeWebContents }[] = [];
  readonly messageBoxes: Record<string, unknown>[] = [];
  readonly openDialogs: Record<string, unknown>[] = [];
  readonly shown: string[] = [];
  exitCode: number | undefined;
  quits = 0;
  private userData = '';

  constructor(private readonly catalogFile: string) {}

  readonly app = {
    isPackaged: false,
    setPath: (name: string, path: string) => {
      this.log.push(`app.setPath(${name})`);
      if (name === 'userData') this.userData = path;
    },
    getPath: (name: string) => (name === 'userData' ? this.userData : `/stand-in/${name}`),
    getAppPath: () => root,
    getVersion: () => '0.1.0',
    requestSingleInstanceLock: () => {
      this.log.push('app.requestSingleInstanceLock');
      return true;
    },
    on: (event: string, listener: (...args: unknown[]) => unknown) => {
      this.appListeners.set(event, [...(this.appListeners.get(event) ?? []), listener]);
    },
    whenReady: () => Promise.resolve(),
    quit: () => {
      this.log.push('app.quit');
      this.quits += 1;
    },
    exit: (code: number) => {
      this.log.push(`app.exit(${code})`);
      this.exitCode = code;
    },
  };

  readonly ipcMain = {
    handle: (channel: string, handler: Handler) => {
      this.handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => this.handlers.delete(channel),
  };

  readonly dialog = {
    showMessageBox: async (options: Record<string, unknown>) => {
      this.log.push('dialog.showMessageBox');
      this.messageBoxes.push(options);
      return { response: 0 };
    },
    showOpenDialog: async (...args: unknown[]) => {
      this.openDialogs.push(args.at(-1) as Record<string, unknown>);
      return { canceled: false, filePaths: ['/home/dm/5etools/data'] };
    },
  };

  readonly shell = {
    showItemInFolder: (path: string) => this.shown.push(path),
    openExternal: async () => undefined,
  };

  readonly session = {
    defaultSession: {
      setPermissionRequestHandler: () => this.log.push('session.setPermissionRequestHandler'),
      webRequest: { onHeadersReceived: () => this.log.push('session.onHeadersReceived') },
    },
  };

  get BrowserWindow() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the class below records into this run
    const recorder = this;
    return class {
      readonly webContents: FakeWebContents & Record<string, unknown>;
      constructor(options: Record<string, unknown>) {
        // The catalog must be open and migrated before any window exists.
        recorder.log.push(`new BrowserWindow (catalog ${existsSync(recorder.catalogFile) ? 'exists' : 'missing'})`);
        const sent: FakeWebContents['sent'] = [];
        this.webContents = {
          id: 41 + recorder.windows.length,
          sent,
          send: (channel: string, payload: unknown) => sent.push({ channel, payload }),
          isDestroyed: () => false,
          mainFrame: { frameTreeNodeId: 1 },
        };
        recorder.windows.push({ options, webContents: this.webContents });
      }
      once() {}
      on() {}
      loadURL(url: string) {
        recorder.windows.at(-1)!.url = url;
        return Promise.resolve();
      }
      show() {}
    };
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.appListeners.get(event) ?? []) listener(...args);
  }
}

let runs = 0;

/** Imports a fresh instance of the built main process against `userDataDir`. */
async function runMain(userDataDir: string): Promise<Recorder> {
  const recorder = new Recorder(join(userDataDir, 'catalog.sqlite'));
  (globalThis as Record<string, unknown>)['__mimirElectronStandIn'] = recorder;
  const env = { ...process.env };
  process.env['MIMIR_USER_DATA_DIR'] = userDataDir;
  delete process.env['ELECTRON_RENDERER_URL'];
  try {
    await import(`${pathToFileURL(entry).href}?run=${++runs}`);
  } finally {
    process.env = env;
  }
  await vi.waitFor(
    () => {
      if (recorder.windows.length === 0 && recorder.exitCode === undefined) throw new Error('still starting');
    },
    { timeout: 30_000, interval: 20 },
  );
  return recorder;
}

/** Quits as Electron would (before-quit, then quit again once our code has closed the catalog). */
async function quit(recorder: Recorder): Promise<{ prevented: boolean }> {
  let prevented = false;
  recorder.emit('before-quit', { preventDefault: () => (prevented = true) });
  await vi.waitFor(() => expect(recorder.quits).toBeGreaterThan(0), { timeout: 30_000, interval: 20 });
  return { prevented };
}

function invokeEvent(recorder: Recorder, overrides: { webContentsId?: number; url?: string; parent?: unknown } = {}) {
  const window = recorder.windows[0]!;
  return {
    sender: { id: overrides.webContentsId ?? window.webContents.id, mainFrame: { frameTreeNodeId: 1 } },
    senderFrame: { url: overrides.url ?? window.url, parent: overrides.parent ?? null, frameTreeNodeId: 1, detached: false },
  };
}

describe('the built main process against a stand-in electron', () => {
  it('starts in order: lock, catalog, channels, window; binds every channel; quits with a checkpoint', async () => {
    const dir = tempDir();
    const file = join(dir, 'catalog.sqlite');
    const recorder = await runMain(dir);
    expect(recorder.exitCode).toBeUndefined();

    // Sequence: the lock first, the window only once the catalog exists (after the host migrated it).
    expect(recorder.log.indexOf('app.requestSingleInstanceLock')).toBeGreaterThan(recorder.log.indexOf('app.setPath(userData)'));
    expect(recorder.log.filter((line) => line.startsWith('new BrowserWindow'))).toEqual(['new BrowserWindow (catalog exists)']);
    expect(recorder.log.indexOf('session.setPermissionRequestHandler')).toBeLessThan(
      recorder.log.indexOf('new BrowserWindow (catalog exists)'),
    );
    expect([...recorder.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());

    // The window: sandboxed, isolated, no Node, our preload, our renderer file.
    const [window] = recorder.windows;
    expect(window?.options).toMatchObject({
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    });
    expect((window?.options['webPreferences'] as { preload: string }).preload).toBe(join(bundleDir, 'preload', 'index.cjs'));
    expect(window?.url).toBe(pathToFileURL(join(bundleDir, 'renderer', 'index.html')).href);

    // Sender checks on the real handlers.
    const status = recorder.handlers.get('db:status')!;
    expect(await status(invokeEvent(recorder), undefined)).toMatchObject({ ok: true, data: { file } });
    for (const untrusted of [{ webContentsId: 99 }, { url: 'https://evil.example/' }, { parent: {} }]) {
      expect(await status(invokeEvent(recorder, untrusted), undefined), JSON.stringify(untrusted)).toMatchObject({
        ok: false,
        error: { code: 'ValidationFailed', details: { issues: [{ message: 'untrusted sender' }] } },
      });
    }

    // A write reaches the window as catalog:changed; main-process channels use Electron's dialog and shell.
    const created = await recorder.handlers.get('ruleSystems:create')!(invokeEvent(recorder), { id: 'dnd5e-2014', name: 'D&D 5e' });
    expect(created).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(window?.webContents.sent).toContainEqual({ channel: 'catalog:changed', payload: { tables: ['ruleSystems'], cause: 'ruleSystems:create' } }));
    expect(await recorder.handlers.get('dialog:chooseFolder')!(invokeEvent(recorder), undefined)).toEqual({ ok: true, data: '/home/dm/5etools/data' });
    expect(recorder.openDialogs).toEqual([expect.objectContaining({ properties: ['openDirectory'] })]);
    expect(await recorder.handlers.get('shell:showItemInFolder')!(invokeEvent(recorder), { target: 'backups' })).toEqual({ ok: true, data: null });
    expect(recorder.shown).toEqual([join(dir, 'backups')]);
    expect(await recorder.handlers.get('app:info')!(invokeEvent(recorder), undefined)).toMatchObject({
      ok: true,
      data: { catalogFile: file, backupsFolder: join(dir, 'backups'), versions: { app: '0.1.0', sqlite: expect.stringMatching(/^3\./) } },
    });

    // Quit: held until the catalog is checkpointed and closed, then quit again.
    expect(sidecars(file)).toContain('-wal');
    const { prevented } = await quit(recorder);
    expect(prevented).toBe(true);
    expect(sidecars(file)).toEqual([]);
    const reopened = new Database(file, { readonly: true });
    expect(reopened.prepare('SELECT id FROM rule_systems').pluck().all()).toEqual(['dnd5e-2014']);
    reopened.close();
    // The second before-quit (from that quit) is let through.
    let preventedAgain = false;
    recorder.emit('before-quit', { preventDefault: () => (preventedAgain = true) });
    expect(preventedAgain).toBe(false);
  }, 60_000);

  const refusals: [ErrorCode, (file: string) => void][] = [
    [
      'DatabaseNewerThanApp',
      (file) => {
        const { connection } = openMigrated(dirname(file));
        connection.sqlite.prepare("INSERT INTO schema_version (version, name, checksum, applied_at) VALUES (999, 'future', 'x', '2030-01-01')").run();
        connection.close();
      },
    ],
    [
      'MigrationHistoryMismatch',
      (file) => {
        const { connection } = openMigrated(dirname(file));
        connection.sqlite.prepare("UPDATE schema_version SET checksum = 'tampered' WHERE version = 1").run();
        connection.close();
      },
    ],
  ];

  it.each(refusals)('refuses a catalog with %s: a dialog, no window, no channel, exit code of its own', async (code, prepare) => {
    const dir = tempDir();
    prepare(join(dir, 'catalog.sqlite'));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let recorder: Recorder;
    try {
      recorder = await runMain(dir);
    } finally {
      errors.mockRestore();
    }
    expect(recorder.windows).toEqual([]);
    expect(recorder.handlers.size).toBe(0);
    expect(recorder.messageBoxes).toEqual([expect.objectContaining({ type: 'error', buttons: ['Quit', 'Show the catalog in its folder'] })]);
    expect(recorder.exitCode).toBe(STARTUP_EXIT_CODES[code as keyof typeof STARTUP_EXIT_CODES]);
    expect(recorder.log.indexOf('dialog.showMessageBox')).toBeLessThan(recorder.log.indexOf(`app.exit(${recorder.exitCode})`));
  }, 60_000);

  it('refuses a file that is not a database with its own code, leaving it as it was', async () => {
    const dir = tempDir();
    const file = join(dir, 'catalog.sqlite');
    writeFileSync(file, 'these are my notes, not a database'.repeat(200));
    const logged: unknown[][] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    let recorder: Recorder;
    try {
      recorder = await runMain(dir);
    } finally {
      errors.mockRestore();
    }
    const reported = /: (\w+): /.exec(String(logged[0]?.[0]))?.[1] as ErrorCode;
    expect(['Corrupt', 'NotACatalog']).toContain(reported);
    expect(recorder.exitCode).toBe(startupExitCode(reported));
    expect(recorder.exitCode).not.toBe(1);
    expect(recorder.windows).toEqual([]);
  }, 60_000);

  it('every refusal code has its own exit code, none of them 0 or 1', () => {
    const codes = Object.values(STARTUP_EXIT_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => c > 1)).toBe(true);
    expect(startupExitCode('Internal')).toBe(1);
  });
});
