/**
 * Messages between the database host (main thread) and its worker threads. Everything here is
 * structured-cloned by postMessage, so failures travel as plain AppError values, never as thrown
 * Error objects (which would lose their code and details).
 */
import type { ChannelName } from '../../src-shared/contract';
import type { AppError } from '../../src-shared/errors';
import type { ImportProgress } from '../../src-shared/import-types';
import type { MigrationReport } from '../db/migrations';

/**
 * `writer`: migrates at startup, then takes every write and import.
 * `reader`: opened after the writer migrated, refuses writes (`query_only`), answers reads from
 * the last committed state while the writer holds a long transaction (WAL).
 */
export type WorkerRole = 'writer' | 'reader';

/** `workerData` of a database worker. */
export interface WorkerConfig {
  role: WorkerRole;
  file: string;
  /** better-sqlite3 addon for the running runtime (Electron's build in the app). */
  nativeBinding?: string;
}

export type HostMessage =
  /** Open the catalog now (workers load their code first, so both can start loading at once). */
  | { type: 'open' }
  | { type: 'call'; id: number; channel: ChannelName; input: unknown }
  /** Checkpoint, close the connection and exit, after the calls already queued. */
  | { type: 'close' };

export type WorkerMessage =
  | { type: 'ready'; migration: MigrationReport }
  /** The catalog cannot be used; the worker has closed the file and exits. */
  | { type: 'startup-failed'; error: AppError }
  | { type: 'result'; id: number; ok: true; data: unknown }
  | { type: 'result'; id: number; ok: false; error: AppError }
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'closed'; error?: AppError };
