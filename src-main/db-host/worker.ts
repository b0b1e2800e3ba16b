/**
 * Entry of a database worker thread (built to out/main/db-worker.js). The host starts two over
 * the same WAL file, see ./host.ts. Each runs the shared startup routine, builds the channel
 * handlers over its catalog and answers `{ id, channel, input }` calls one at a time. Handlers
 * are synchronous (better-sqlite3), so a call runs to completion before the next one starts.
 *
 * No electron import: this file runs under Electron's Node as well as plain Node (tests).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CatalogError, type AppError } from '../../src-shared/errors';
import { openCatalog, type OpenedCatalog } from '../db/startup';
import { toAppError } from '../db/sqlite-errors';
import { import5etools } from '../import/5etools';
import { createHandlers } from '../ipc/handlers';
import { isReadChannel } from './channels';
import type { HostMessage, WorkerConfig, WorkerMessage } from './protocol';

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
  // The writer has already checked and migrated the file; the reader only verifies the version
  // and must never write (a misrouted write fails with ReadOnly instead of taking the write lock).
  const opened = openCatalog(config.file, { ...nativeBinding, migrate: false, fileMustExist: true });
  try {
    opened.connection.sqlite.pragma('query_only = ON');
  } catch (error) {
    opened.connection.close();
    throw error;
  }
  return opened;
}

function serve(opened: OpenedCatalog): void {
  const { catalog, connection } = opened;
  const handlers = createHandlers(catalog, {
    importFiveEtools: (c, dataDir, onProgress) => import5etools(c, dataDir, { onProgress }),
    onProgress: (progress) => post({ type: 'progress', progress }),
  }) as unknown as Record<string, ((input: unknown) => unknown) | undefined>;

  // A read of several statements (a page and its total) sees one snapshot.
  const run =
    config.role === 'reader'
      ? (handler: (input: unknown) => unknown, input: unknown) =>
          connection.sqlite.transaction(() => handler(input)).deferred()
      : (handler: (input: unknown) => unknown, input: unknown) => handler(input);

  const call = async (id: number, channel: string, input: unknown): Promise<void> => {
    let reply: WorkerMessage;
    try {
      const handler = Object.hasOwn(handlers, channel) ? handlers[channel] : undefined;
      if (!handler) throw new Error(`No handler for channel '${channel}'.`);
      if (config.role === 'reader' && !isReadChannel(channel)) {
        throw new Error(`Channel '${channel}' writes and was sent to the reader.`);
      }
      reply = { type: 'result', id, ok: true, data: await run(handler, input) };
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

  // Calls are answered strictly in order; `close` waits for the ones queued before it.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (message: HostMessage) => {
    if (message.type === 'call') {
      queue = queue.then(() => call(message.id, message.channel, message.input));
      return;
    }
    if (message.type !== 'close') return;
    queue = queue.then(() => {
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
  });
  // Sidecars moved aside before the open (see src-main/db/probe.ts) are named in the log.
  for (const warning of opened.warnings) console.warn(`[mimir] ${warning}`);
  post({ type: 'ready', migration: opened.migration });
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
