/**
 * The database host: runs the database service off the main thread, so a full import or a slow
 * query never stalls window handling or other IPC.
 *
 * Two worker threads over the same SQLite file in WAL mode:
 * - the writer opens the file first and runs the startup routine (check → migrate); afterwards it
 *   takes every write, including imports (one import is one long write transaction);
 * - the reader is opened once the writer has migrated, and answers the read channels
 *   (./channels.ts). WAL lets it read the last committed state while the writer's transaction is
 *   open, so reads issued during an import are answered during the import, not after it.
 * One worker would queue every read behind a running import; a pool of writers would only contend
 * for SQLite's single write lock.
 *
 * No electron import: the app, the tests and the end-to-end harness all start the host the same
 * way, with the built worker (out/main/db-worker.js).
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChannelName } from '../../src-shared/contract';
import { CatalogError, fail, type AppError } from '../../src-shared/errors';
import type { ImportProgress } from '../../src-shared/import-types';
import type { MigrationReport } from '../db/migrations';
import { isReadChannel } from './channels';
import type { HostMessage, WorkerConfig, WorkerMessage, WorkerRole } from './protocol';

export interface DatabaseHostOptions {
  /** The catalog file (created and migrated if missing). */
  file: string;
  /** better-sqlite3 addon for this runtime; undefined for the Node build (tests). */
  nativeBinding?: string;
  /** The built worker entry; default `db-worker.js` beside the bundle holding this module. */
  workerPath?: string | URL;
}

export interface DatabaseHost {
  /** What the startup migration did (no steps when the file was already current). */
  readonly startup: MigrationReport;
  /**
   * Runs one validated call. Resolves with the handler's result; rejects with a CatalogError
   * carrying the typed AppError (Internal ones keep a `reason` for the log).
   */
  execute(channel: ChannelName, input: unknown): Promise<unknown>;
  /** Progress events of running imports; returns the unsubscribe. */
  onProgress(listener: (progress: ImportProgress) => void): () => void;
  /** Waits for queued calls, checkpoints the WAL into the file and closes both workers. */
  close(): Promise<void>;
}

interface DatabaseWorker {
  /**
   * Opens the catalog in the worker. Rejects with the worker's startup error (Corrupt,
   * MigrationHistoryMismatch …) once the worker has exited, so the file is released by then.
   */
  open(): Promise<MigrationReport>;
  call(channel: ChannelName, input: unknown): Promise<unknown>;
  /** After the calls already queued: checkpoint, close the file, exit. */
  close(): Promise<void>;
  /** Stops a worker that has not opened the catalog. */
  terminate(): Promise<void>;
}

const stopped = (role: WorkerRole, why: string): CatalogError =>
  fail('Internal', 'The catalog service stopped. Restart Mimir; your data on disk is safe.', {
    reason: `database ${role} worker ${why}`,
  });

/** Starts a worker thread; it loads its code at once and opens the catalog on `open()`. */
function spawnWorker(
  workerPath: string | URL,
  config: WorkerConfig,
  onProgress: (progress: ImportProgress) => void,
): DatabaseWorker {
  const thread = new Worker(workerPath, { workerData: config });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  let nextId = 1;
  let opening: { resolve(report: MigrationReport): void; reject(error: unknown): void } | undefined;
  let ready = false;
  let closing: Promise<void> | undefined;
  let exited = false;
  let startupError: AppError | undefined;
  let crash: unknown;
  let closeFailure: AppError | undefined;
  const exit = new Promise<void>((resolveExit) => thread.once('exit', () => resolveExit()));

  const send = (message: HostMessage): void => thread.postMessage(message);

  thread.on('message', (message: WorkerMessage) => {
    switch (message.type) {
      case 'ready':
        ready = true;
        opening?.resolve(message.migration);
        return;
      case 'startup-failed':
        startupError = message.error; // reported on exit, once the file is closed
        return;
      case 'progress':
        onProgress(message.progress);
        return;
      case 'closed':
        closeFailure = message.error;
        return;
      case 'result': {
        const waiting = pending.get(message.id);
        if (!waiting) return;
        pending.delete(message.id);
        if (message.ok) waiting.resolve(message.data);
        else waiting.reject(new CatalogError(message.error));
        return;
      }
    }
  });
  thread.on('error', (error) => {
    crash = error;
  });
  thread.on('exit', (code) => {
    exited = true;
    const why = crash
      ? `crashed: ${crash instanceof Error ? (crash.stack ?? crash.message) : String(crash)}`
      : `exited (code ${code})`;
    const error = stopped(config.role, why);
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    if (!ready) opening?.reject(startupError ? new CatalogError(startupError) : stopped(config.role, `${why} during startup`));
  });

  return {
    open() {
      return new Promise((resolve, reject) => {
        if (exited) return reject(stopped(config.role, 'exited before opening the catalog'));
        opening = { resolve, reject };
        send({ type: 'open' });
      });
    },
    call(channel, input) {
      if (closing) {
        return Promise.reject(fail('Internal', 'The catalog is closed.', { reason: `call to ${channel} after close()` }));
      }
      if (exited) return Promise.reject(stopped(config.role, 'has exited'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        try {
          send({ type: 'call', id, channel, input });
        } catch (error) {
          // Not structured-cloneable (the router only passes validated, JSON-like input).
          pending.delete(id);
          reject(fail('Internal', 'The request could not be sent to the catalog service.', { reason: String(error) }));
        }
      });
    },
    close() {
      if (exited) return Promise.resolve();
      closing ??= (async () => {
        send({ type: 'close' });
        await exit;
        if (closeFailure) throw new CatalogError(closeFailure);
      })();
      return closing;
    },
    async terminate() {
      await thread.terminate();
    },
  };
}

/** Where the built worker sits: beside the bundle that contains this module (out/main/). */
function defaultWorkerPath(): string {
  return join(import.meta.dirname, 'db-worker.js');
}

/**
 * Opens the catalog on the writer (check → migrate), then the reader. Rejects with a CatalogError
 * carrying the startup AppError (Corrupt, MigrationHistoryMismatch, DatabaseNewerThanApp,
 * MigrationFailed); the file has then been left as it was and no worker is running.
 */
export async function startDatabaseHost(options: DatabaseHostOptions): Promise<DatabaseHost> {
  const workerPath = options.workerPath ?? defaultWorkerPath();
  const listeners = new Set<(progress: ImportProgress) => void>();
  const emit = (progress: ImportProgress): void => {
    for (const listener of [...listeners]) {
      try {
        listener(progress);
      } catch {
        // A failing listener must not stop the others or the import.
      }
    }
  };
  const base = {
    file: options.file,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  };

  // Both threads load their code at once; the reader opens the file only after the writer has
  // checked and migrated it.
  const writer = spawnWorker(workerPath, { ...base, role: 'writer' }, emit);
  const reader = spawnWorker(workerPath, { ...base, role: 'reader' }, emit);
  let startup: MigrationReport;
  try {
    startup = await writer.open();
  } catch (error) {
    await reader.terminate();
    throw error;
  }
  try {
    await reader.open();
  } catch (error) {
    await writer.close().catch(() => undefined);
    throw error;
  }

  let closed: Promise<void> | undefined;
  return {
    startup,
    execute(channel, input) {
      return (isReadChannel(channel) ? reader : writer).call(channel, input);
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      // The reader first, so the writer's checkpoint is the last word on the WAL and can empty it.
      closed ??= (async () => {
        const readerClosed = await reader.close().then(
          () => undefined,
          (error: unknown) => error,
        );
        await writer.close();
        if (readerClosed) throw readerClosed;
      })();
      return closed;
    },
  };
}
