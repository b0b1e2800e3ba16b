/**
 * Opening and closing the catalog file. No electron import: the same code runs in the app's
 * database host, the CLI, the tests and the benchmarks.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as tables from '../../src-shared/catalog/tables';
import { fail, type CatalogError } from '../../src-shared/errors';
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
  /** Checkpoints the WAL into the main file (TRUNCATE) and closes. Safe to call twice. */
  close(): void;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens a catalog file. The file is proven to be a readable SQLite database (its header and
 * schema are read) before anything is written to it, so a damaged or foreign file is reported
 * as `Corrupt` and left exactly as it was.
 */
export function openConnection(file: string, options: OpenOptions = {}): Connection {
  const readonly = options.readonly ?? false;
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
  return {
    file,
    readonly,
    sqlite,
    db: drizzle(sqlite, { schema: tables }),
    close() {
      if (!open) return;
      open = false;
      try {
        if (!readonly && sqlite.open) sqlite.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        sqlite.close();
      }
    },
  };
}

function withFile(error: CatalogError, file: string): CatalogError {
  if (error.error.code !== 'Corrupt') return error;
  return fail(
    'Corrupt',
    `${file} is damaged or is not a Mimir catalog. It has not been modified; restore it from a backup or move it aside.`,
    { file, reason: error.error.details.reason },
  );
}
