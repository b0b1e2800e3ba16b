/**
 * The migration runner. Every operation runs all of its steps in one transaction, so a failure
 * anywhere leaves the database exactly as it was, and returns a report describing each step
 * instead of throwing half-way.
 *
 * Refusals happen before anything is written: a database whose applied history is not a prefix
 * of this build's migrations (or whose checksums differ) is `MigrationHistoryMismatch`; one with
 * versions this build does not know is `DatabaseNewerThanApp`.
 */
import type Database from 'better-sqlite3';
import { fail, type AppError } from '../../../src-shared/errors';
import { backupBeforeMigration, type BackupPolicy } from '../backup';
import { toCatalogError } from '../sqlite-errors';
import type { Migration } from './migration';

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
  appliedAt: string;
  description: string | null;
}

export type StepStatus = 'success' | 'error' | 'not-executed' | 'reverted';

export interface MigrationStep {
  version: number;
  name: string;
  direction: 'up' | 'down';
  /** `reverted`: it ran, but a later step failed and the whole set was rolled back. */
  status: StepStatus;
  error?: string;
}

export interface MigrationReport {
  ok: boolean;
  fromVersion: number;
  /** The version the database is at after the operation (equal to fromVersion on failure). */
  toVersion: number;
  steps: MigrationStep[];
  /** Automatic backup taken before the operation, if one was needed. */
  backupFile?: string;
  error?: AppError;
}

export interface MigrationStatus {
  currentVersion: number;
  latestVersion: number;
  applied: AppliedMigration[];
  pending: { version: number; name: string }[];
  /** Set when the database must not be migrated by this build. */
  problem?: AppError;
}

const CREATE_SCHEMA_VERSION = `CREATE TABLE IF NOT EXISTS schema_version (
  version INTEGER PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  checksum TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  description TEXT
)`;

function hasSchemaVersionTable(sqlite: Database.Database): boolean {
  return (
    sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get() !== undefined
  );
}

export function readHistory(sqlite: Database.Database): AppliedMigration[] {
  if (!hasSchemaVersionTable(sqlite)) return [];
  return sqlite
    .prepare(
      'SELECT version, name, checksum, applied_at AS appliedAt, description FROM schema_version ORDER BY version',
    )
    .all() as AppliedMigration[];
}

/** Why this build must not touch a database with this history, or undefined if it may. */
export function checkHistory(history: AppliedMigration[], migrations: readonly Migration[]): AppError | undefined {
  const latest = migrations.length;
  const newest = history.at(-1)?.version ?? 0;
  // The part of the history this build knows is compared first: a database that differs there
  // is from another lineage, not simply newer, even when its last version is beyond ours.
  for (const [index, applied] of history.entries()) {
    const expected = migrations[index];
    let reason: string | undefined;
    if (!expected) {
      break; // versions beyond this build: DatabaseNewerThanApp below
    } else if (applied.version !== index + 1) {
      reason = `applied migrations are not contiguous: expected version ${index + 1}, found ${applied.version}`;
    } else if (applied.version !== expected.version) {
      reason = `version ${applied.version} ('${applied.name}') is not part of this build, which has '${expected.name}' in its place`;
    } else if (applied.name !== expected.name) {
      reason = `version ${applied.version} was applied as '${applied.name}' but this build calls it '${expected.name}'`;
    } else if (applied.checksum !== expected.checksum) {
      reason = `version ${applied.version} ('${applied.name}') was applied from a different script (checksum differs)`;
    }
    if (reason) {
      return fail(
        'MigrationHistoryMismatch',
        `The catalog's migration history does not match this version of Mimir: ${reason}. It has not been modified; restore a backup or use the Mimir version that created it.`,
        { version: applied.version, reason },
      ).toJSON();
    }
  }
  if (newest > latest) {
    return fail(
      'DatabaseNewerThanApp',
      `This catalog was written by a newer version of Mimir (schema version ${newest}; this version knows up to ${latest}). It has not been modified; update Mimir to open it.`,
      { databaseVersion: newest, appVersion: latest },
    ).toJSON();
  }
  return undefined;
}

export function migrationStatus(sqlite: Database.Database, migrations: readonly Migration[]): MigrationStatus {
  const applied = readHistory(sqlite);
  const currentVersion = applied.at(-1)?.version ?? 0;
  const problem = checkHistory(applied, migrations);
  return {
    currentVersion,
    latestVersion: migrations.length,
    applied,
    pending: problem ? [] : migrations.slice(currentVersion).map(({ version, name }) => ({ version, name })),
    ...(problem ? { problem } : {}),
  };
}

export interface MigrateOptions {
  /** Target version; default the latest in the build. */
  to?: number;
  /** Where automatic backups go; `false` disables them (tests of the runner itself). */
  backup?: BackupPolicy | false;
  /** Database file path, needed to name automatic backups. */
  file?: string;
  /** better-sqlite3 addon for the backup's second connection (the app's Electron build). */
  nativeBinding?: string;
}

interface PlannedStep {
  migration: Migration;
  direction: 'up' | 'down';
}

/** What to do, decided from the status read inside the write transaction. */
type Planner = (status: MigrationStatus) => { plan: PlannedStep[]; to: number } | { error: AppError };

/** Applies pending migrations up to `options.to` (default: all), atomically. */
export function migrate(
  sqlite: Database.Database,
  migrations: readonly Migration[],
  options: MigrateOptions = {},
): MigrationReport {
  return execute(sqlite, migrations, options, (status) => {
    const from = status.currentVersion;
    const to = options.to ?? migrations.length;
    if (!Number.isInteger(to) || to < from || to > migrations.length) {
      return {
        error: fail(
          'ValidationFailed',
          to < from
            ? `The catalog is already at version ${from}; use rollback to go down to ${to}.`
            : `There is no migration ${to}; this version of Mimir knows versions 0 to ${migrations.length}.`,
          { issues: [{ path: ['to'], message: `must be an integer between ${from} and ${migrations.length}` }] },
        ).toJSON(),
      };
    }
    return { plan: migrations.slice(from, to).map((migration) => ({ migration, direction: 'up' as const })), to };
  });
}

/** Runs `down.sql` scripts in reverse until the database is at version `to`, atomically. */
export function rollback(
  sqlite: Database.Database,
  migrations: readonly Migration[],
  to: number,
  options: Omit<MigrateOptions, 'to'> = {},
): MigrationReport {
  return execute(sqlite, migrations, options, (status) => {
    const from = status.currentVersion;
    if (!Number.isInteger(to) || to < 0 || to > from) {
      return {
        error: fail('ValidationFailed', `Cannot roll back from version ${from} to ${to}: the target must be between 0 and ${from}.`, {
          issues: [{ path: ['to'], message: `must be an integer between 0 and ${from}` }],
        }).toJSON(),
      };
    }
    const plan = migrations
      .slice(to, from)
      .reverse()
      .map((migration) => ({ migration, direction: 'down' as const }));
    return { plan, to };
  });
}

/** Rolls the latest applied migration back and applies it again, in one transaction. */
export function redo(
  sqlite: Database.Database,
  migrations: readonly Migration[],
  options: Omit<MigrateOptions, 'to'> = {},
): MigrationReport {
  return execute(sqlite, migrations, options, (status) => {
    const from = status.currentVersion;
    const last = migrations[from - 1];
    if (!last) {
      return {
        error: fail('ValidationFailed', 'Nothing to redo: no migration has been applied to this catalog yet.', {
          issues: [{ path: [], message: 'no applied migration' }],
        }).toJSON(),
      };
    }
    return {
      plan: [
        { migration: last, direction: 'down' },
        { migration: last, direction: 'up' },
      ],
      to: from,
    };
  });
}

function refused(from: number, error: AppError): MigrationReport {
  return { ok: false, fromVersion: from, toVersion: from, steps: [], error };
}

function description(up: string): string | null {
  const lines: string[] = [];
  for (const line of up.split('\n')) {
    const match = /^\s*--\s?(.*)$/.exec(line);
    if (!match) break;
    lines.push((match[1] ?? '').trim());
  }
  return lines.length > 0 ? lines.join(' ') : null;
}

function hasUserTables(sqlite: Database.Database): boolean {
  return sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' LIMIT 1").get() !== undefined;
}

function stepsOf(plan: PlannedStep[]): MigrationStep[] {
  return plan.map(({ migration, direction }) => ({
    version: migration.version,
    name: migration.name,
    direction,
    status: 'not-executed',
  }));
}

/**
 * The automatic backup, taken while this connection holds the write lock: a second, read-only
 * connection copies the last committed state, which is exactly what the steps start from
 * (VACUUM INTO cannot run inside the transaction itself).
 */
function backupUnderLock(
  sqlite: Database.Database,
  file: string,
  from: number,
  options: Omit<MigrateOptions, 'to'>,
): string {
  const reader = new (sqlite.constructor as typeof Database)(file, {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    return backupBeforeMigration(
      reader,
      file,
      from,
      options.backup === false ? {} : (options.backup ?? {}),
      options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
    );
  } finally {
    reader.close();
  }
}

/**
 * Takes the write lock (BEGIN IMMEDIATE), reads the history and plans inside it, so two
 * processes migrating one file serialise: the second one finds the work done. Then backs up,
 * runs every step and checks foreign keys in that one transaction.
 */
function execute(
  sqlite: Database.Database,
  migrations: readonly Migration[],
  options: Omit<MigrateOptions, 'to'>,
  planner: Planner,
): MigrationReport {
  if (sqlite.readonly) {
    const status = migrationStatus(sqlite, migrations);
    if (status.problem) return refused(status.currentVersion, status.problem);
    const planned = planner(status);
    if ('error' in planned) return refused(status.currentVersion, planned.error);
    if (planned.plan.length === 0) {
      return { ok: true, fromVersion: status.currentVersion, toVersion: planned.to, steps: [] };
    }
    return {
      ...refused(
        status.currentVersion,
        fail('ReadOnly', 'The catalog is open read-only; reopen it for writing to migrate.', { reason: 'connection' }).toJSON(),
      ),
      steps: stepsOf(planned.plan),
    };
  }

  // Schema changes run with foreign key enforcement off (SQLite's documented procedure for
  // altering tables; the pragma has no effect inside a transaction) and are checked with
  // foreign_key_check before the transaction commits.
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true }) as number;
  sqlite.pragma('foreign_keys = OFF');
  let from = 0;
  let steps: MigrationStep[] = [];
  let backupFile: string | undefined;
  let plan: PlannedStep[] = [];
  let current = -1;
  let began = false;
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    began = true;
    const status = migrationStatus(sqlite, migrations);
    from = status.currentVersion;
    if (status.problem) {
      sqlite.exec('ROLLBACK');
      return refused(from, status.problem);
    }
    const planned = planner(status);
    if ('error' in planned) {
      sqlite.exec('ROLLBACK');
      return refused(from, planned.error);
    }
    plan = planned.plan;
    steps = stepsOf(plan);
    if (plan.length === 0) {
      sqlite.exec('ROLLBACK');
      return { ok: true, fromVersion: from, toVersion: planned.to, steps };
    }

    // A database that already holds a schema is backed up before it is changed.
    if (options.backup !== false && options.file && hasUserTables(sqlite)) {
      try {
        backupFile = backupUnderLock(sqlite, options.file, from, options);
      } catch (error) {
        sqlite.exec('ROLLBACK');
        const cause = toCatalogError(error).toJSON();
        return { ...refused(from, cause), steps };
      }
    }

    sqlite.exec(CREATE_SCHEMA_VERSION);
    const record = sqlite.prepare('INSERT INTO schema_version (version, name, checksum, description) VALUES (?, ?, ?, ?)');
    const forget = sqlite.prepare('DELETE FROM schema_version WHERE version = ?');
    for (const [index, { migration, direction }] of plan.entries()) {
      current = index;
      sqlite.exec(direction === 'up' ? migration.up : migration.down);
      if (direction === 'up') {
        record.run(migration.version, migration.name, migration.checksum, description(migration.up));
      } else {
        forget.run(migration.version);
      }
      (steps[index] as MigrationStep).status = 'success';
    }
    current = -1;
    const violations = sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) {
      throw new Error(`${violations.length} rows would violate foreign keys after migrating`);
    }
    if (planned.to === 0) sqlite.exec('DROP TABLE schema_version');
    sqlite.exec('COMMIT');
    return { ok: true, fromVersion: from, toVersion: planned.to, steps, ...(backupFile ? { backupFile } : {}) };
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    const mapped = toCatalogError(error);
    if (!began || plan.length === 0) return { ...refused(from, mapped.toJSON()), steps };
    const failedIndex = current >= 0 ? current : plan.length - 1;
    const failed = plan[failedIndex] as PlannedStep;
    const reason = error instanceof Error ? error.message : String(error);
    for (const step of steps) if (step.status === 'success') step.status = 'reverted';
    const failedStep = steps[failedIndex] as MigrationStep;
    failedStep.status = 'error';
    failedStep.error = reason;
    const appError =
      mapped.code === 'Busy' || mapped.code === 'DiskFull' || mapped.code === 'ReadOnly'
        ? mapped.toJSON()
        : fail(
            'MigrationFailed',
            `Migration ${failed.migration.version} (${failed.migration.name}, ${failed.direction}) failed: ${reason}. The catalog was left unchanged at version ${from}.`,
            { version: failed.migration.version, name: failed.migration.name, reason },
          ).toJSON();
    return { ok: false, fromVersion: from, toVersion: from, steps, error: appError, ...(backupFile ? { backupFile } : {}) };
  } finally {
    sqlite.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
