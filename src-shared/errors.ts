/**
 * The one error vocabulary of the catalog. Every failure the data layer reports — from a
 * repository, the migration runner, the importer or across IPC — is one of these values.
 * `code` is stable (renderers switch on it); `message` is written for a person and says what to
 * do; `details` carries structured data (field paths for validation, counts for references).
 *
 * This module is imported by all three processes, so it uses neither Node nor Electron.
 */

export interface ValidationIssue {
  /** Path into the input, e.g. `["entries", 2, "name"]`. Empty for the input as a whole. */
  path: (string | number)[];
  message: string;
}

export interface ReferencingRows {
  /** Table whose rows point at the target, e.g. `spells`. */
  entity: string;
  /** Column holding the reference, e.g. `source_id`. */
  column: string;
  count: number;
  /** The rows counted, in words: "3 subraces", "1 spell". */
  noun: string;
}

export type AppError =
  | { code: 'NotFound'; message: string; details: { entity: string; id: string } }
  | { code: 'AlreadyExists'; message: string; details: { entity: string; id?: string } }
  | { code: 'ForeignKeyViolation'; message: string; details: { entity?: string } }
  | {
      code: 'ReferencedByOthers';
      message: string;
      /** `name`: what a person calls the row (its name, a source's full title), as the message uses it. */
      details: { entity: string; id: string; name: string; references: ReferencingRows[] };
    }
  | { code: 'ValidationFailed'; message: string; details: { issues: ValidationIssue[] } }
  | { code: 'ConstraintViolation'; message: string; details: { entity?: string; constraint?: string } }
  | { code: 'MigrationFailed'; message: string; details: { version: number; name: string; reason: string } }
  | {
      code: 'DatabaseNewerThanApp';
      message: string;
      details: { databaseVersion: number; appVersion: number };
    }
  | { code: 'MigrationHistoryMismatch'; message: string; details: { version: number; reason: string } }
  | { code: 'Corrupt'; message: string; details: { file?: string; reason: string } }
  | { code: 'Busy'; message: string; details: Record<string, never> }
  /** The catalog cannot be written: `reason` says whether the file, its folder or the medium is read-only, or the connection. */
  | { code: 'ReadOnly'; message: string; details: { file?: string; reason?: 'file' | 'directory' | 'media' | 'connection' } }
  | { code: 'DiskFull'; message: string; details: Record<string, never> }
  /** A SQLite file that is not a Mimir catalog (no migration history, or another application's tables). Left untouched. */
  | { code: 'NotACatalog'; message: string; details: { file: string; reason: string } }
  /** A -wal/-journal beside the catalog belongs to another database and could not be moved aside; nothing was opened. */
  | { code: 'ForeignSidecar'; message: string; details: { file: string; sidecar: string; reason: string } }
  /** The automatic backup could not be written or verified (backups/ unwritable, not a folder, disk full); nothing was changed. */
  | { code: 'BackupFailed'; message: string; details: { file: string; dir: string; reason: string } }
  /** The operation was cancelled by its caller; nothing of it remains. */
  | { code: 'Cancelled'; message: string; details: { operation: string } }
  /** The catalog service is not running (stopped, crashed or restarting); the call was not carried out. */
  | { code: 'Unavailable'; message: string; details: { reason?: string } }
  | { code: 'Internal'; message: string; details: { reason?: string } };

export type ErrorCode = AppError['code'];

export const ERROR_CODES = [
  'NotFound',
  'AlreadyExists',
  'ForeignKeyViolation',
  'ReferencedByOthers',
  'ValidationFailed',
  'ConstraintViolation',
  'MigrationFailed',
  'DatabaseNewerThanApp',
  'MigrationHistoryMismatch',
  'Corrupt',
  'Busy',
  'ReadOnly',
  'DiskFull',
  'NotACatalog',
  'ForeignSidecar',
  'BackupFailed',
  'Cancelled',
  'Unavailable',
  'Internal',
] as const satisfies readonly ErrorCode[];

export type ErrorOf<C extends ErrorCode> = Extract<AppError, { code: C }>;

/**
 * The thrown form of an {@link AppError}, used inside one process. It never crosses a process
 * boundary: `toJSON()` (or `toAppError` in the database layer) gives the plain value first.
 */
export class CatalogError extends Error {
  readonly error: AppError;

  constructor(error: AppError) {
    super(error.message);
    this.name = 'CatalogError';
    this.error = error;
  }

  get code(): ErrorCode {
    return this.error.code;
  }

  toJSON(): AppError {
    return this.error;
  }
}

/** Builds a thrown error from its parts, typed by code. */
export function fail<C extends ErrorCode>(code: C, message: string, details: ErrorOf<C>['details']): CatalogError {
  return new CatalogError({ code, message, details } as ErrorOf<C>);
}

export function isCatalogError(value: unknown): value is CatalogError {
  return value instanceof CatalogError;
}

export function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { code?: unknown; message?: unknown; details?: unknown };
  return (
    typeof v.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(v.code) &&
    typeof v.message === 'string' &&
    typeof v.details === 'object' &&
    v.details !== null
  );
}

/** Result envelope used wherever a failure must travel as a value (IPC, migration results). */
export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };
