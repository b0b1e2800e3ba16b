/**
 * Opening and closing the catalog file. No electron import: the same code runs in the app's
 * database host, the CLI, the tests and the benchmarks.
 */
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as tables from '../../src-shared/catalog/tables';
import { fail, type CatalogError } from '../../src-shared/errors';
import { describeMoved, prepareForWrite, type MovedAside } from './probe';
import { registerSearchFunctions } from './search/functions';
import { toCatalogError } from './sqlite-errors';

export type CatalogDb = BetterSQLite3Database<typeof tables>;

export interface OpenOptions {
  /** Open without write access; WAL and synchronous settings are left as the file has them. */
  readonly?: boolean;
  /** Fail instead of creating a new file. Implied by `readonly`. */
  fileMustExist?: boolean;
  /** Milliseconds to wait on a locked database before reporting `Busy`. */
  busyTimeoutMs?: number;
  /**
   * Path of a better-sqlite3 addon built for another runtime (the Electron build, see
   * scripts/build-electron-sqlite.mjs). Undefined means the Node build in node_modules.
   */
  nativeBinding?: string;
}

export interface Connection {
  readonly file: string;
  readonly readonly: boolean;
  /** The raw better-sqlite3 handle, for pragmas, migrations and benchmarks. */
  readonly sqlite: Database.Database;
  /** Drizzle over the same handle. */
  readonly db: CatalogDb;
  /** Sidecars found not to belong to the file and moved aside before it was opened. */
  readonly movedAside: readonly MovedAside[];
  /** What a person should know about the open (sidecars moved aside), one sentence each. */
  readonly warnings: readonly string[];
  /**
   * Checkpoints the WAL into the main file (TRUNCATE) and closes. Safe to call twice. Never
   * throws: everything committed is already durable in the file or its -wal, so a checkpoint that
   * fails (a full disk) is a warning, not a failure of what was done before.
   */
  close(options?: { checkpoint?: boolean }): CloseReport;
}

export interface CloseReport {
  /** Whether the WAL was merged into the file (always true for read-only connections, which have nothing to merge). */
  checkpointed: boolean;
  /** Set when the checkpoint failed: what remains in the -wal and that it must be kept. */
  warning?: string;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

const collectors: string[][] = [];

/**
 * Runs `fn` and returns, beside its result, the warnings of every connection opened or closed
 * meanwhile (sidecars moved aside, a checkpoint that failed after a commit). The CLI attaches
 * them to whatever the command reports, so no command can lose them in a `finally`.
 */
export function collectWarnings<T>(fn: () => T): { result: T; warnings: string[] } {
  const warnings: string[] = [];
  collectors.push(warnings);
  try {
    return { result: fn(), warnings };
  } finally {
    collectors.splice(collectors.lastIndexOf(warnings), 1);
  }
}

function publishWarnings(warnings: readonly string[]): void {
  for (const collector of collectors) collector.push(...warnings);
}

/**
 * Opens a catalog file. The file is proven to be a readable SQLite database (its header and
 * schema are read) before anything is written to it, so a damaged or foreign file is reported
 * as `Corrupt` and left exactly as it was.
 */
export function openConnection(file: string, options: OpenOptions = {}): Connection {
  const readonly = options.readonly ?? false;
  // A read-write open replays and checkpoints whatever -wal/-journal lies beside the file: make
  // sure first that they belong to it (./probe.ts). `:memory:` and '' have no file.
  const probed =
    !readonly && file !== ':memory:' && file !== '' && (existsSync(file) || !(options.fileMustExist ?? false));
  const movedAside = probed ? prepareForWrite(file, options.nativeBinding).moved : [];
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, {
      readonly,
      fileMustExist: readonly || (options.fileMustExist ?? false),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_CANTOPEN') {
      throw fail('NotFound', `The catalog file ${file} does not exist or cannot be opened (check the path and permissions).`, {
        entity: 'file',
        id: file,
      });
    }
    if (typeof code === 'string' && code.startsWith('SQLITE_')) throw withFile(toCatalogError(error), file);
    throw fail('Internal', `Could not open the catalog file ${file}: ${(error as Error).message}`, {
      reason: (error as Error).message,
    });
  }
  try {
    sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
    sqlite.pragma('foreign_keys = ON');
    // The search index's triggers call these on every write of an entity row.
    registerSearchFunctions(sqlite);
    // Reads the header and the schema: throws SQLITE_NOTADB / SQLITE_CORRUPT on a foreign file.
    sqlite.pragma('schema_version', { simple: true });
    sqlite.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
    if (!readonly) {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
    }
  } catch (error) {
    sqlite.close();
    throw withFile(toCatalogError(error), file);
  }

  let open = true;
  const warnings = describeMoved(movedAside);
  publishWarnings(warnings);
  return {
    file,
    readonly,
    sqlite,
    db: drizzle(sqlite, { schema: tables }),
    movedAside,
    warnings,
    close(closeOptions = {}) {
      if (!open) return { checkpointed: true };
      open = false;
      let report: CloseReport = { checkpointed: true };
      if (closeOptions.checkpoint === false && !readonly && sqlite.open) {
        // SQLite checkpoints when the last connection closes. A second, read-only connection
        // holding a read keeps this close from being the last; being read-only, it never
        // checkpoints itself. So the file is left exactly as it is.
        let guard: Database.Database | undefined;
        try {
          guard = new Database(file, { readonly: true, fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
          guard.exec('BEGIN');
          guard.pragma('schema_version', { simple: true });
        } catch {
          // could not hold the guard: SQLite may checkpoint committed frames (never new data)
        }
        try {
          sqlite.close();
        } finally {
          guard?.close();
        }
        return { checkpointed: false };
      }
      if (!readonly && sqlite.open && !sqlite.inTransaction) {
        try {
          const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
          // busy: another connection still reads; the rest is merged by whoever closes last.
          if (result && result.busy) report = { checkpointed: false };
        } catch (error) {
          report = { checkpointed: false, warning: checkpointWarning(file, error) };
        }
      }
      try {
        sqlite.close();
      } catch (error) {
        report = { checkpointed: false, warning: report.warning ?? checkpointWarning(file, error) };
      }
      if (report.warning) publishWarnings([report.warning]);
      return report;
    },
  };
}

function checkpointWarning(file: string, error: unknown): string {
  const wal = `${file}-wal`;
  let size = '';
  try {
    size = ` (${Math.ceil(statSync(wal).size / 1024)} KiB)`;
  } catch {
    // no -wal: nothing pending
  }
  const reason = toCatalogError(error).code === 'DiskFull' ? 'the disk is full' : (error as Error).message;
  return `Everything was committed, but it could not be merged into ${file} (${reason}): the committed changes are kept in ${wal}${size}. Do not delete ${wal}: it holds committed data, and the catalog is damaged without it. Mimir merges it the next time the catalog is opened with enough free space.`;
}

function withFile(error: CatalogError, file: string): CatalogError {
  if (error.error.code !== 'Corrupt') return error;
  return fail(
    'Corrupt',
    `${file} is damaged or is not a Mimir catalog. It has not been modified; restore a backup (npm run db -- restore <backup> --db ${file}; npm run db -- backups --db ${file} lists them) or move it aside.`,
    { file, reason: error.error.details.reason },
  );
}
