/**
 * Messages between the database host (main thread) and its worker threads. Everything here is
 * structured-cloned by postMessage, so failures travel as plain AppError values, never as thrown
 * Error objects (which would lose their code and details).
 */
import type { EventName } from '../../src-shared/channels';
import type { AppError } from '../../src-shared/errors';
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
  /**
   * Shared with the host: slot 0 holds the highest import ticket cancelled so far. The writer is
   * busy inside the (synchronous) import and cannot read messages then, but it can read this.
   */
  cancel: Int32Array;
}

export type HostMessage =
  /** Open the catalog now (workers load their code first, so both can start loading at once). */
  | { type: 'open' }
  /** `ticket`: set for imports; the call is cancelled once `cancel[0] >= ticket`. */
  | { type: 'call'; id: number; channel: string; input: unknown; ticket?: number }
  /** Checkpoint, close the connection and exit, after the calls already queued. */
  | { type: 'close' };

export type WorkerMessage =
  | { type: 'ready'; migration: MigrationReport; sqliteVersion: string }
  /** The catalog cannot be used; the worker has closed the file and exits. */
  | { type: 'startup-failed'; error: AppError }
  | { type: 'result'; id: number; ok: true; data: unknown }
  | { type: 'result'; id: number; ok: false; error: AppError }
  | { type: 'event'; event: EventName; payload: unknown }
  | { type: 'closed'; error?: AppError };
