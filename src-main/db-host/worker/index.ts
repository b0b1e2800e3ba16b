/**
 * Entry of a database worker thread (built to out/main/db-worker.js). The host starts two over
 * the same WAL file, see ../host.ts. Each opens the catalog, builds the channel dispatcher over it
 * and answers `{ id, channel, input }` calls one at a time. Handlers are synchronous
 * (better-sqlite3), so a call runs to completion before the next one starts.
 *
 * No electron import: this file runs under Electron's Node as well as plain Node (tests).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { channelsByName } from '../../../src-shared/contract';
import { CatalogError, fail, type AppError } from '../../../src-shared/errors';
import { createCatalog } from '../../db/catalog';
import { openConnection } from '../../db/connection';
import { embeddedMigrations, migrationStatus } from '../../db/migrations';
import { toAppError } from '../../db/sqlite-errors';
import { openCatalog, type OpenedCatalog } from '../../db/startup';
import { import5etools } from '../../import/5etools';
import type { HostMessage, WorkerConfig, WorkerMessage } from '../protocol';
import { createDispatcher } from './dispatcher';

if (!parentPort) throw new Error('db-worker must run as a worker thread (new Worker(...)).');
const port = parentPort;
const config = workerData as WorkerConfig;

function post(message: WorkerMessage): void {
  port.postMessage(message);
}

/** The plain value of a failure. Unexpected errors keep their stack as `reason` for the log. */
function errorValue(error: unknown): AppError {
  const value = toAppError(error);
  if (value.code === 'Internal' && !(error instanceof CatalogError) && error instanceof Error && error.stack) {
    return { ...value, details: { reason: error.stack } };
  }
  return value;
}

function open(): OpenedCatalog {
  const nativeBinding = config.nativeBinding ? { nativeBinding: config.nativeBinding } : {};
  if (config.role === 'writer') return openCatalog(config.file, nativeBinding);
  // The writer has already run the startup routine (quick_check, migrations) on this file, so the
  // reader only verifies the schema version. It must never write: a misrouted write fails with
  // ReadOnly instead of taking the write lock.
  const connection = openConnection(config.file, { ...nativeBinding, fileMustExist: true });
  try {
    connection.sqlite.pragma('query_only = ON');
    const status = migrationStatus(connection.sqlite, embeddedMigrations);
    if (status.problem) throw new CatalogError(status.problem);
    const version = status.currentVersion;
    return {
      catalog: createCatalog(connection),
      connection,
      migration: { ok: true, fromVersion: version, toVersion: version, steps: [] },
      warnings: [...connection.warnings],
    };
  } catch (error) {
    connection.close();
    throw error;
  }
}

/**
 * An AbortSignal that reads the host's cancel slot whenever it is asked: the import runs
 * synchronously on this thread, so no message (and no `abort()` call) could arrive while it runs.
 */
function ticketSignal(ticket: number): AbortSignal {
  const controller = new AbortController();
  const refresh = (): void => {
    if (!controller.signal.aborted && Atomics.load(config.cancel, 0) >= ticket) {
      controller.abort(fail('Cancelled', 'The import was cancelled.', { operation: 'import' }));
    }
  };
  return new Proxy(controller.signal, {
    get(target, property) {
      refresh();
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function serve(opened: OpenedCatalog): void {
  const { catalog, connection } = opened;
  const dispatcher = createDispatcher(catalog, {
    importFiveEtools: (c, dataDir, options) => import5etools(c, dataDir, options),
    emit: (event, payload) => post({ type: 'event', event, payload }),
  });
  const call = (id: number, channel: string, input: unknown, ticket: number | undefined): void => {
    let reply: WorkerMessage;
    try {
      const runs = channelsByName.get(channel)?.runs;
      if (runs !== config.role) throw new Error(`Channel '${channel}' runs on ${runs ?? 'nothing'}, not the ${config.role}.`);
      const context = ticket === undefined ? {} : { signal: ticketSignal(ticket) };
      // A read of several statements (a page and its total) sees one snapshot.
      const data =
        config.role === 'reader'
          ? connection.sqlite.transaction(() => dispatcher.run(channel, input, context)).deferred()
          : dispatcher.run(channel, input, context);
      reply = { type: 'result', id, ok: true, data };
    } catch (error) {
      reply = { type: 'result', id, ok: false, error: errorValue(error) };
    }
    try {
      post(reply);
    } catch (error) {
      // A result that cannot be structured-cloned must still answer the call.
      post({ type: 'result', id, ok: false, error: errorValue(error) });
    }
  };

  port.on('message', (message: HostMessage) => {
    if (message.type === 'call') {
      call(message.id, message.channel, message.input, message.ticket);
      return;
    }
    if (message.type !== 'close') return;
    let failure: AppError | undefined;
    try {
      // wal_checkpoint(TRUNCATE), then close. A failed checkpoint (full disk) leaves committed
      // data in the -wal: a warning for the log, not a failure of the session.
      const closed = connection.close();
      if (closed.warning) console.warn(`[mimir] ${closed.warning}`);
    } catch (error) {
      failure = errorValue(error);
    }
    post(failure ? { type: 'closed', error: failure } : { type: 'closed' });
    // The port no longer keeps the thread alive: with nothing else pending it exits.
    port.removeAllListeners('message');
    port.unref();
  });
  // Sidecars moved aside before the open (see src-main/db/probe.ts) are named in the log.
  for (const warning of opened.warnings) console.warn(`[mimir] ${warning}`);
  post({
    type: 'ready',
    migration: opened.migration,
    sqliteVersion: String(connection.sqlite.prepare('SELECT sqlite_version()').pluck().get()),
  });
}

port.once('message', (message: HostMessage) => {
  if (message.type !== 'open') throw new Error(`db-worker expected 'open' first, got '${message.type}'.`);
  try {
    serve(open());
  } catch (error) {
    // The catalog is already closed (openCatalog closes it on failure); the thread exits after this.
    post({ type: 'startup-failed', error: errorValue(error) });
    port.unref();
  }
});
