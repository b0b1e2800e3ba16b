/**
 * An in-process stand-in for Electron IPC, for tests: the real router, the real main-process
 * handlers (over stand-in services) and the real database dispatcher over a real catalog file,
 * with the real client builder (the code the preload runs) on top. Every request, response and
 * event goes through `structuredClone`, which is what Electron's IPC does to them, so a test
 * through this transport also proves that every input and output survives the trip.
 *
 * Calls run in this process, one at a time as a worker would run them. Tests that need the
 * threads themselves use the database host (src-main/db-host/host.test.ts).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEventName, type EventName } from '../src-shared/channels';
import { createClient, type MimirApi } from '../src-shared/client';
import type { ChannelName } from '../src-shared/contract';
import type { Result } from '../src-shared/errors';
import type { Catalog } from '../src-main/db/catalog';
import type { Connection } from '../src-main/db/connection';
import { openCatalog } from '../src-main/db/startup';
import { createDispatcher, type DispatcherDependencies } from '../src-main/db-host/worker/dispatcher';
import { import5etools } from '../src-main/import/5etools';
import { catalogBackups } from '../src-main/catalog-backups';
import { createMainHandlers, type BackupServices } from '../src-main/ipc/main-handlers';
import { fail } from '../src-shared/errors';
import { testServices, type TestServices } from './main-services';

export { testServices, type TestServices };
import { createRouter, type MainHandlers, type Router, type RouterOptions, type Sender } from '../src-main/ipc/router';
import { createSenderPolicy } from '../src-main/ipc/sender-policy';

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

export interface TestTransportOptions {
  /** Directory for the catalog file; default a new temp dir, removed by `close()`. */
  dir?: string;
  /**
   * A closed catalog file to start from (copied, not modified): much faster than migrating a new
   * file for every test.
   */
  copyFrom?: string;
  /** Replaces the importer (default: the real 5etools importer). */
  importFiveEtools?: DispatcherDependencies['importFiveEtools'];
  /** Wraps or replaces the database executor built from the real dispatcher (e.g. one that fails). */
  database?: (real: RouterOptions['database']) => RouterOptions['database'];
  /** Replaces the sender policy (default: the app's policy, {@link isTrustedTestSender}). */
  isTrustedSender?: RouterOptions['isTrustedSender'];
}

export interface LoggedError {
  channel: string;
  error: unknown;
}

export interface ReceivedEvent {
  event: EventName;
  payload: unknown;
}

export interface TestTransport {
  dir: string;
  file: string;
  catalog: Catalog;
  connection: Connection;
  router: Router;
  services: TestServices;
  /** `window.mimir` as the preload builds it, over this transport. */
  client: MimirApi;
  /**
   * One raw call from a given sender, cloned both ways: for channel names and payloads the
   * typed client cannot express.
   */
  send(channel: string, input: unknown, sender?: Sender): Promise<Result<unknown>>;
  /** Channels whose input reached a handler (database executor or main-process handler), in order. */
  executed: ChannelName[];
  /** What the router logged (unexpected failures). */
  logged: LoggedError[];
  /** Every event sent towards the page, in order (as the page would receive it). */
  events: ReceivedEvent[];
  close(): void;
}

export function createTestTransport(options: TestTransportOptions = {}): TestTransport {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'mimir-ipc-'));
  const file = join(dir, 'catalog.sqlite');
  if (options.copyFrom) copyFileSync(options.copyFrom, file);
  const { catalog, connection } = openCatalog(file);

  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const events: ReceivedEvent[] = [];
  const executed: ChannelName[] = [];
  const logged: LoggedError[] = [];

  const dispatcher = createDispatcher(catalog, {
    importFiveEtools: options.importFiveEtools ?? ((target, dataDir, importOptions) => import5etools(target, dataDir, importOptions)),
    emit(event, payload) {
      // Main → renderer events are cloned too (webContents.send).
      const received = structuredClone(payload);
      events.push({ event, payload: received });
      for (const listener of [...(listeners.get(event) ?? [])]) listener(structuredClone(received));
    },
  });
  // Asynchronous like the host: the call is answered on a later tick.
  const real: RouterOptions['database'] = async (channel, input) => dispatcher.run(channel, structuredClone(input));
  const database = options.database ? options.database(real) : real;
  // Listing and taking backups are real; a restore closes and restarts the database host, which
  // this transport does not have (test/reliability/backups.test.ts runs it over the real host).
  const backupOperations = catalogBackups();
  const backups: BackupServices = {
    listBackups: () => backupOperations.list(file),
    createBackup: async () => backupOperations.create(file),
    restore: () => Promise.reject(fail('Unavailable', 'Restoring needs the database host.', { reason: 'test transport without a host' })),
  };
  const services = testServices(dir, () => false, backups);

  const router = createRouter({
    database: (channel, input) => {
      executed.push(channel);
      return database(channel, input);
    },
    main: recorded(createMainHandlers(services), executed),
    isTrustedSender: options.isTrustedSender ?? isTrustedTestSender,
    logError: (entry) => logged.push(entry),
  });

  const send = async (channel: string, input: unknown, sender: Sender = TRUSTED_SENDER) =>
    structuredClone(await router.handle(channel, structuredClone(input), { ...sender }));

  const client = createClient(
    (channel, input) => send(channel, input),
    (event, listener) => {
      if (!isEventName(event)) throw new Error(`unknown event ${String(event)}`);
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  );

  return {
    dir,
    file,
    catalog,
    connection,
    router,
    services,
    client,
    send,
    executed,
    logged,
    events,
    close() {
      connection.close();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The main-process handlers, each noting its channel in `executed` when called. */
function recorded(handlers: MainHandlers, executed: ChannelName[]): MainHandlers {
  const wrapped: Record<string, (input: unknown) => unknown> = {};
  for (const [channel, handler] of Object.entries(handlers as unknown as Record<string, (input: unknown) => unknown>)) {
    wrapped[channel] = (input) => {
      executed.push(channel as ChannelName);
      return handler(input);
    };
  }
  return wrapped as unknown as MainHandlers;
}

export { dumpDatabase, RAW_SQLITE_TEXT } from './helpers';
