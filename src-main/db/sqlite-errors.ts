/**
 * Maps what better-sqlite3 throws to the catalog's error union. Raw SQLite messages never leave
 * this layer: each code becomes a named error whose message says what to do.
 */
import { CatalogError, fail, type AppError } from '../../src-shared/errors';

interface SqliteLikeError {
  code: string;
  message: string;
}

function isSqliteError(error: unknown): error is SqliteLikeError {
  return (
    error instanceof Error &&
    typeof (error as unknown as { code?: unknown }).code === 'string' &&
    (error as unknown as { code: string }).code.startsWith('SQLITE_')
  );
}

/** "UNIQUE constraint failed: spells.id, spells.x" → { table: 'spells', columns: ['id', 'x'] } */
function constraintTarget(message: string): { table?: string; columns: string[] } {
  const match = /constraint failed: (.+)$/i.exec(message);
  if (!match?.[1]) return { columns: [] };
  const parts = match[1].split(',').map((s) => s.trim());
  const columns: string[] = [];
  let table: string | undefined;
  for (const part of parts) {
    const [t, c] = part.split('.');
    if (c !== undefined) {
      table ??= t;
      columns.push(c);
    }
  }
  return { table, columns };
}

export interface ErrorContext {
  /** Table the statement wrote to, used when SQLite's message does not name it. */
  entity?: string;
  /** One row of that table in words ("spell"), for messages. */
  label?: string;
  /** Id of the row being written, for AlreadyExists. */
  id?: string;
}

/** Turns any thrown value into a CatalogError. CatalogErrors pass through unchanged. */
export function toCatalogError(error: unknown, context: ErrorContext = {}): CatalogError {
  if (error instanceof CatalogError) return error;
  if (!isSqliteError(error)) {
    const errno = (error as { code?: unknown } | null)?.code;
    if (errno === 'ENOSPC') {
      return fail('DiskFull', 'The disk is full: the operation stopped before it was complete. Free some space and try again.', {});
    }
    if (errno === 'EROFS' || errno === 'EACCES' || errno === 'EPERM') {
      return fail('ReadOnly', `A file Mimir needed to write is read-only (${errno}). Check the file and folder permissions, or the medium.`, {});
    }
    const reason = error instanceof Error ? error.message : String(error);
    return fail('Internal', 'An unexpected error occurred in the catalog database layer.', { reason });
  }
  // RESTRICT is enforced by an internal trigger: SQLite reports CONSTRAINT_TRIGGER with the
  // foreign key's message, which is a foreign key failure for our callers.
  const code =
    error.code === 'SQLITE_CONSTRAINT_TRIGGER' && /FOREIGN KEY constraint failed/i.test(error.message)
      ? 'SQLITE_CONSTRAINT_FOREIGNKEY'
      : error.code;
  const target = constraintTarget(error.message);
  const entity = target.table ?? context.entity;
  const row = context.label ?? (entity ? `${entity} row` : 'row');
  switch (code) {
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_ROWID': {
      const what = target.columns.length > 0 ? target.columns.join(', ') : 'key';
      return fail(
        'AlreadyExists',
        `A ${row} with the same ${what}${context.id ? ` ('${context.id}')` : ''} already exists. Use update or batch upsert to change it.`,
        context.id === undefined ? { entity: entity ?? 'unknown' } : { entity: entity ?? 'unknown', id: context.id },
      );
    }
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return fail(
        'ForeignKeyViolation',
        `A referenced row does not exist${entity ? ` (writing ${entity})` : ''}, or the row is still referenced. Create the referenced rule system, source or parent first.`,
        entity === undefined ? {} : { entity },
      );
    case 'SQLITE_CONSTRAINT_NOTNULL':
      return fail(
        'ConstraintViolation',
        `Missing required value${target.columns.length ? ` for ${target.columns.join(', ')}` : ''}${entity ? ` in ${entity}` : ''}.`,
        { ...(entity ? { entity } : {}), constraint: 'not null' },
      );
    case 'SQLITE_CONSTRAINT_CHECK':
      return fail(
        'ConstraintViolation',
        `A value was rejected by the database's rules${entity ? ` for ${entity}` : ''} (out of range, not in the allowed set, or invalid JSON). Check the value against the documented schema.`,
        { ...(entity ? { entity } : {}), constraint: 'check' },
      );
    case 'SQLITE_BUSY':
    case 'SQLITE_BUSY_SNAPSHOT':
    case 'SQLITE_BUSY_TIMEOUT':
    case 'SQLITE_LOCKED':
      return fail('Busy', 'The catalog database is busy with another operation. Try again in a moment.', {});
    case 'SQLITE_CORRUPT':
    case 'SQLITE_CORRUPT_INDEX':
    case 'SQLITE_CORRUPT_SEQUENCE':
    case 'SQLITE_CORRUPT_VTAB':
    case 'SQLITE_NOTADB':
      return fail(
        'Corrupt',
        'The catalog file is damaged or is not a Mimir database. It has not been modified; restore a backup with npm run db -- restore <backup> --db <file> (npm run db -- backups --db <file> lists them), or "Restore the newest backup" in the app.',
        { reason: code === 'SQLITE_NOTADB' ? 'not a database' : 'corrupt' },
      );
    case 'SQLITE_FULL':
      // SQLite rolls the statement's transaction back on SQLITE_FULL: nothing of it was committed.
      return fail('DiskFull', 'The disk is full: the operation was not completed and its changes were rolled back. Free some space and try again.', {});
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DBMOVED':
    case 'SQLITE_READONLY_DIRECTORY':
    case 'SQLITE_READONLY_ROLLBACK':
    case 'SQLITE_READONLY_RECOVERY':
    case 'SQLITE_READONLY_CANTINIT':
    case 'SQLITE_READONLY_CANTLOCK':
      return fail(
        'ReadOnly',
        'The catalog is open read-only or its file is not writable. Check the file permissions, or open it for writing.',
        {},
      );
    default:
      if (code.startsWith('SQLITE_CONSTRAINT')) {
        return fail('ConstraintViolation', `A database constraint was violated${entity ? ` in ${entity}` : ''}.`, {
          ...(entity ? { entity } : {}),
          constraint: code.slice('SQLITE_CONSTRAINT_'.length).toLowerCase() || 'unknown',
        });
      }
      // The raw message goes into details only: it is what a maintainer needs ("no such table").
      return fail('Internal', 'An unexpected database error occurred.', { reason: `${code}: ${error.message}` });
  }
}

/** The plain value of any thrown error, ready to cross a process boundary. */
export function toAppError(error: unknown, context?: ErrorContext): AppError {
  return toCatalogError(error, context).toJSON();
}
