/**
 * The database host: runs the database service off the main thread, so a full import or a slow
 * query never stalls window handling or other IPC.
 *
 * Two worker threads over the same SQLite file in WAL mode:
 * - the writer opens the file first and runs the startup routine (check → migrate); afterwards it
 *   takes every write, including imports (one import is one long write transaction);
 * - the reader is opened once the writer has migrated, and answers the channels the contract
 *   declares `runs: 'reader'`. WAL lets it read the last committed state while the writer's
 *   transaction is open, so reads issued during an import are answered during the import.
 * One worker would queue every read behind a running import; a pool of writers would only contend
 * for SQLite's single write lock.
 *
 * A worker that exits unexpectedly fails its pending calls with `Unavailable` and is restarted
 * once, after a short backoff; if that fails (or it dies again) the host is `failed`: every call
 * answers `Unavailable` and listeners get `db:failed`.
 *
 * No electron import: the app, the tests and the end-to-end harness all start the host the same
 * way, with the built worker (out/main/db-worker.js).
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventName } from '../../src-shared/channels';
import { contract, placementOf } from '../../src-shared/contract';
import { CatalogError, fail, type AppError } from '../../src-shared/errors';
import type { MigrationReport } from '../db/migrations';
import type { HostMessage, WorkerConfig, WorkerMessage, WorkerRole } from './protocol';

export interface DatabaseHostOptions {
  /** The catalog file (created and migrated if missing). */
  file: string;
  /** better-sqlite3 addon for this runtime; undefined for the Node build (tests). */
  nativeBinding?: string;
  /** The built worker entry; default `db-worker.js` beside the bundle holding this module. */
  workerPath?: string | URL;
  /** Wait before restarting a worker that died (default 250 ms). */
  restartBackoffMs?: number;
  /** Called with each worker thread started (diagnostics: thread ids in logs; tests kill them). */
  onWorkerStarted?(role: WorkerRole, worker: Worker): void;
  /** Called after each answered call, with the thread that answered it (diagnostics). */
  onCallAnswered?(entry: { channel: string; role: WorkerRole; threadId: number; ok: boolean }): void;
}

export type HostEventListener = (event: EventName, payload: unknown) => void;

export interface DatabaseHost {
  /** What the startup migration did (no steps when the file was already current). */
  readonly startup: MigrationReport;
  /** The SQLite library's version (`sqlite_version()`). */
  readonly sqliteVersion: string;
  /**
   * Runs one call of a reader or writer channel, on the worker the contract names; the worker
   * validates the input. Resolves with the handler's result; rejects with a CatalogError carrying
   * the typed AppError (Internal ones keep a `reason` for the log).
   */
  execute(channel: string, input: unknown): Promise<unknown>;
  /** Events from the workers (`import:progress`, `catalog:changed`) and the host (`db:failed`). */
  onEvent(listener: HostEventListener): () => void;
  /** Cancels the running and queued imports; whether there was one. */
  cancelImports(): boolean;
  /** Whether the host gave up on a worker (calls answer `Unavailable`). */
  readonly failed: boolean;
  /** Cancels imports, waits for queued calls, checkpoints the WAL into the file and closes both workers. */
  close(): Promise<void>;
}

interface DatabaseWorker {
  readonly thread: Worker;
  /**
   * Opens the catalog in the worker. Rejects with the worker's startup error (Corrupt,
   * MigrationHistoryMismatch …) once the worker has exited, so the file is released by then.
   */
  open(): Promise<MigrationReport>;
  /** SQLite's version, once open. */
  readonly sqliteVersion: string;
  call(channel: string, input: unknown, ticket?: number): Promise<unknown>;
  /** After the calls already queued: checkpoint, close the file, exit. */
  close(): Promise<void>;
  /** Stops a worker that has not opened the catalog. */
  terminate(): Promise<void>;
}

const unavailable = (role: WorkerRole, why: string): CatalogError =>
  fail('Unavailable', 'The catalog service stopped; the request was not carried out. Your data on disk is safe.', {
    reason: `database ${role} worker ${why}`,
  });

interface WorkerHooks {
  onEvent(event: EventName, payload: unknown): void;
  /** The thread exited without being asked to (after opening). */
  onUnexpectedExit(why: string): void;
  onAnswered?(channel: string, ok: boolean): void;
}

/** Starts a worker thread; it loads its code at once and opens the catalog on `open()`. */
function spawnWorker(workerPath: string | URL, config: WorkerConfig, hooks: WorkerHooks): DatabaseWorker {
  const thread = new Worker(workerPath, { workerData: config });
  const pending = new Map<number, { channel: string; resolve(value: unknown): void; reject(error: unknown): void }>();
  let nextId = 1;
  let opening: { resolve(report: MigrationReport): void; reject(error: unknown): void } | undefined;
  let ready = false;
  let sqliteVersion = '';
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
        sqliteVersion = message.sqliteVersion;
        opening?.resolve(message.migration);
        return;
      case 'startup-failed':
        startupError = message.error; // reported on exit, once the file is closed
        return;
      case 'event':
        hooks.onEvent(message.event, message.payload);
        return;
      case 'closed':
        closeFailure = message.error;
        return;
      case 'result': {
        const waiting = pending.get(message.id);
        if (!waiting) return;
        pending.delete(message.id);
        hooks.onAnswered?.(waiting.channel, message.ok);
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
    const error = unavailable(config.role, why);
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    if (!ready) {
      opening?.reject(startupError ? new CatalogError(startupError) : unavailable(config.role, `${why} during startup`));
    } else if (!closing) {
      hooks.onUnexpectedExit(why);
    }
  });

  return {
    thread,
    get sqliteVersion() {
      return sqliteVersion;
    },
    open() {
      return new Promise((resolve, reject) => {
        if (exited) return reject(unavailable(config.role, 'exited before opening the catalog'));
        opening = { resolve, reject };
        send({ type: 'open' });
      });
    },
    call(channel, input, ticket) {
      if (closing) {
        return Promise.reject(fail('Unavailable', 'The catalog is closed.', { reason: `call to ${channel} after close()` }));
      }
      if (exited) return Promise.reject(unavailable(config.role, 'has exited'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { channel, resolve, reject });
        try {
          send({ type: 'call', id, channel, input, ...(ticket === undefined ? {} : { ticket }) });
        } catch (error) {
          // Not structured-cloneable (the router only passes structurally checked, JSON-like input).
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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Opens the catalog on the writer (check → migrate), then the reader. Rejects with a CatalogError
 * carrying the startup AppError (Corrupt, MigrationHistoryMismatch, DatabaseNewerThanApp,
 * MigrationFailed); the file has then been left as it was and no worker is running.
 */
export async function startDatabaseHost(options: DatabaseHostOptions): Promise<DatabaseHost> {
  const workerPath = options.workerPath ?? defaultWorkerPath();
  const backoff = options.restartBackoffMs ?? 250;
  const listeners = new Set<HostEventListener>();
  const emit = (event: EventName, payload: unknown): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event, payload);
      } catch {
        // A failing listener must not stop the others or the import.
      }
    }
  };
  // Slot 0: the highest import ticket cancelled so far (see WorkerConfig.cancel).
  const cancel = new Int32Array(new SharedArrayBuffer(4));
  const base = {
    file: options.file,
    cancel,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  };

  let failure: CatalogError | undefined;
  let closed: Promise<void> | undefined;
  const restarted = new Set<WorkerRole>();
  const workers = {} as Record<WorkerRole, DatabaseWorker>;
  /** Set while a worker is being restarted: calls wait for it. */
  const restarting: Partial<Record<WorkerRole, Promise<void>>> = {};

  const giveUp = (role: WorkerRole, why: string): void => {
    if (failure) return;
    failure = unavailable(role, why);
    emit('db:failed', { code: 'Unavailable', message: failure.message });
  };

  const start = (role: WorkerRole): DatabaseWorker => {
    const worker = spawnWorker(
      workerPath,
      { ...base, role },
      {
        onEvent: emit,
        onUnexpectedExit: (why) => {
          if (closed || failure) return;
          if (restarted.has(role)) return giveUp(role, `${why} again after a restart`);
          restarted.add(role);
          restarting[role] = (async () => {
            await sleep(backoff);
            if (closed || failure) return;
            const next = start(role);
            try {
              await next.open();
              workers[role] = next;
            } catch (error) {
              giveUp(role, `could not be restarted: ${error instanceof Error ? error.message : String(error)}`);
            }
          })().finally(() => {
            delete restarting[role];
          });
        },
        ...(options.onCallAnswered
          ? {
              onAnswered: (channel: string, ok: boolean) =>
                options.onCallAnswered?.({ channel, role, threadId: worker.thread.threadId, ok }),
            }
          : {}),
      },
    );
    options.onWorkerStarted?.(role, worker.thread);
    return worker;
  };

  // Both threads load their code at once; the reader opens the file only after the writer has
  // checked and migrated it.
  workers.writer = start('writer');
  workers.reader = start('reader');
  let startup: MigrationReport;
  try {
    startup = await workers.writer.open();
  } catch (error) {
    await workers.reader.terminate();
    throw error;
  }
  try {
    await workers.reader.open();
  } catch (error) {
    await workers.writer.close().catch(() => undefined);
    throw error;
  }

  let nextTicket = 0;
  const runningImports = new Set<number>();

  return {
    startup,
    sqliteVersion: workers.writer.sqliteVersion,
    get failed() {
      return failure !== undefined;
    },
    async execute(channel, input) {
      const runs = placementOf(channel);
      if (runs !== 'reader' && runs !== 'writer') {
        throw fail('Internal', 'This request is not answered by the catalog database.', {
          reason: `${channel} runs on ${runs ?? 'nothing'}, not in the database host`,
        });
      }
      if (failure) throw failure;
      if (closed) throw fail('Unavailable', 'The catalog is closed.', { reason: `call to ${channel} after close()` });
      await restarting[runs];
      if (failure) throw failure;
      if (channel !== contract.import.fiveEtools.channel) return workers[runs].call(channel, input);
      const ticket = ++nextTicket;
      runningImports.add(ticket);
      try {
        return await workers[runs].call(channel, input, ticket);
      } finally {
        runningImports.delete(ticket);
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    cancelImports() {
      if (runningImports.size === 0) return false;
      Atomics.store(cancel, 0, Math.max(...runningImports));
      return true;
    },
    close() {
      // The reader first, so the writer's checkpoint is the last word on the WAL and can empty it.
      closed ??= (async () => {
        if (runningImports.size > 0) Atomics.store(cancel, 0, Math.max(...runningImports));
        await Promise.all(Object.values(restarting));
        const readerClosed = await workers.reader.close().then(
          () => undefined,
          (error: unknown) => error,
        );
        await workers.writer.close();
        if (readerClosed) throw readerClosed;
      })();
      return closed;
    },
  };
}
