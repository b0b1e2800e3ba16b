/**
 * An in-process stand-in for Electron IPC, for tests: the real router and handlers over a real
 * catalog file, and the real client builder (the code the preload runs) on top. Every request,
 * response and progress event goes through `structuredClone`, which is what Electron's IPC does
 * to them, so a test through this transport also proves that every input and output survives
 * the trip (no functions, no class instances whose prototype would be lost).
 *
 * Test-only: not imported by the app. Imports the database core, so it runs under vitest.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type MimirApi } from '../../src-shared/client';
import { IMPORT_PROGRESS_EVENT, type ChannelName } from '../../src-shared/contract';
import type { Result } from '../../src-shared/errors';
import type { ImportProgress } from '../../src-shared/import-types';
import type Database from 'better-sqlite3';
import type { Catalog } from '../db/catalog';
import type { Connection } from '../db/connection';
import { openCatalog } from '../db/startup';
import { import5etools } from '../import/5etools';
import { createHandlers, type HandlerDependencies, type Handlers } from './handlers';
import { createRouter, type Router, type RouterOptions, type Sender } from './router';
import { createSenderPolicy } from './sender-policy';

/** Where the packaged app loads its renderer from, for the sender policy. */
export const RENDERER_URL = 'file:///opt/mimir/resources/app.asar/out/renderer/index.html';

/** The app's own window, as the Electron binding describes it (`senderOf`). */
export const TRUSTED_SENDER: Readonly<Sender> = Object.freeze({
  frameUrl: RENDERER_URL,
  isMainFrame: true,
  webContentsId: 1,
});

/** The app's sender policy, with the app window being web contents 1. */
export const isTrustedTestSender = createSenderPolicy({
  appWebContentsId: () => TRUSTED_SENDER.webContentsId,
  rendererUrl: RENDERER_URL,
});

/** Dispatches a validated call to its handler, as the database host does. */
export function executorFor(handlers: Handlers): RouterOptions['execute'] {
  const byName = handlers as unknown as Record<string, (input: unknown) => unknown>;
  return async (channel, input) => {
    const handler = byName[channel];
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(input);
  };
}

export interface TestTransportOptions {
  /** Directory for the catalog file; default a new temp dir, removed by `close()`. */
  dir?: string;
  /**
   * A closed catalog file to start from (copied, not modified): much faster than migrating a new
   * file for every test.
   */
  copyFrom?: string;
  /** Replaces the importer (default: the real 5etools importer). */
  importFiveEtools?: HandlerDependencies['importFiveEtools'];
  /** Wraps or replaces the executor built from the real handlers (e.g. one that fails). */
  execute?: (real: RouterOptions['execute']) => RouterOptions['execute'];
  /** Replaces the sender policy (default: the app's policy, {@link isTrustedTestSender}). */
  isTrustedSender?: RouterOptions['isTrustedSender'];
}

export interface LoggedError {
  channel: string;
  error: unknown;
}

export interface TestTransport {
  dir: string;
  file: string;
  catalog: Catalog;
  connection: Connection;
  router: Router;
  /** `window.mimir` as the preload builds it, over this transport. */
  client: MimirApi;
  /**
   * One raw call from a given sender, cloned both ways: for channel names and payloads the
   * typed client cannot express.
   */
  send(channel: string, input: unknown, sender?: Sender): Promise<Result<unknown>>;
  /** Channels whose validated input reached the executor, in order. */
  executed: ChannelName[];
  /** What the router logged (unexpected failures). */
  logged: LoggedError[];
  /** Every progress event emitted by imports (as the renderer received it). */
  progress: ImportProgress[];
  close(): void;
}

export function createTestTransport(options: TestTransportOptions = {}): TestTransport {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'mimir-ipc-'));
  const file = join(dir, 'catalog.sqlite');
  if (options.copyFrom) copyFileSync(options.copyFrom, file);
  const { catalog, connection } = openCatalog(file);

  const listeners = new Set<(payload: unknown) => void>();
  const progress: ImportProgress[] = [];
  const executed: ChannelName[] = [];
  const logged: LoggedError[] = [];

  const deps: HandlerDependencies = {
    importFiveEtools:
      options.importFiveEtools ?? ((target, dataDir, onProgress) => import5etools(target, dataDir, { onProgress })),
    onProgress(event) {
      // Main → renderer events are cloned too (webContents.send).
      const received = structuredClone(event);
      progress.push(received);
      for (const listener of [...listeners]) listener(structuredClone(received));
    },
  };
  const real = executorFor(createHandlers(catalog, deps));
  const execute = options.execute ? options.execute(real) : real;

  const router = createRouter({
    execute: (channel, input) => {
      executed.push(channel);
      return execute(channel, input);
    },
    isTrustedSender: options.isTrustedSender ?? isTrustedTestSender,
    logError: (entry) => logged.push(entry),
  });

  const send = async (channel: string, input: unknown, sender: Sender = TRUSTED_SENDER) =>
    structuredClone(await router.handle(channel, structuredClone(input), { ...sender }));

  const client = createClient(
    (channel, input) => send(channel, input),
    (event, listener) => {
      if (event !== IMPORT_PROGRESS_EVENT) throw new Error(`unknown event ${String(event)}`);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  );

  return {
    dir,
    file,
    catalog,
    connection,
    router,
    client,
    send,
    executed,
    logged,
    progress,
    close() {
      connection.close();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Every row of every table (schema_version, sqlite_sequence and lookup tables included), in a
 * stable order: two dumps are equal exactly when the stored data is.
 */
export function dumpDatabase(sqlite: Database.Database): Record<string, string[]> {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  const dump: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = sqlite.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`).all();
    dump[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return dump;
}

/** Text that only a raw SQLite error would put into a message. */
export const RAW_SQLITE_TEXT = /SQLITE_|constraint failed|no such (table|column)|near ".*": syntax error/i;
