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
}

interface PlannedStep {
  migration: Migration;
  direction: 'up' | 'down';
}

/** Applies pending migrations up to `options.to` (default: all), atomically. */
export function migrate(
  sqlite: Database.Database,
  migrations: readonly Migration[],
  options: MigrateOptions = {},
): MigrationReport {
  const status = migrationStatus(sqlite, migrations);
  const from = status.currentVersion;
  if (status.problem) return refused(from, status.problem);
  const to = options.to ?? migrations.length;
  if (!Number.isInteger(to) || to < from || to > migrations.length) {
    return refused(
      from,
      fail(
        'ValidationFailed',
        to < from
          ? `The catalog is already at version ${from}; use rollback to go down to ${to}.`
          : `There is no migration ${to}; this version of Mimir knows versions 0 to ${migrations.length}.`,
        { issues: [{ path: ['to'], message: `must be an integer between ${from} and ${migrations.length}` }] },
      ).toJSON(),
    );
  }
  const plan = migrations.slice(from, to).map((migration) => ({ migration, direction: 'up' as const }));
  return execute(sqlite, plan, from, to, options);
}

/** Runs `down.sql` scripts in reverse until the database is at version `to`, atomically. */
export function rollback(
  sqlite: Database.Database,
  migrations: readonly Migration[],
  to: number,
  options: Omit<MigrateOptions, 'to'> = {},
): MigrationReport {
  const status = migrationStatus(sqlite, migrations);
  const from = status.currentVersion;
  if (status.problem) return refused(from, status.problem);
  if (!Number.isInteger(to) || to < 0 || to > from) {
    return refused(
      from,
      fail('ValidationFailed', `Cannot roll back from version ${from} to ${to}: the target must be between 0 and ${from}.`, {
        issues: [{ path: ['to'], message: `must be an integer between 0 and ${from}` }],
      }).toJSON(),
    );
  }
  const plan = migrations
    .slice(to, from)
    .reverse()
    .map((migration) => ({ migration, direction: 'down' as const }));
  return execute(sqlite, plan, from, to, options);
}

/** Rolls the latest applied migration back and applies it again, in one transaction. */
export function redo(
  sqlite: Database.Database,
  migrations: readonly Migration[],
  options: Omit<MigrateOptions, 'to'> = {},
): MigrationReport {
  const status = migrationStatus(sqlite, migrations);
  const from = status.currentVersion;
  if (status.problem) return refused(from, status.problem);
  const last = migrations[from - 1];
  if (!last) {
    return refused(
      from,
      fail('ValidationFailed', 'Nothing to redo: no migration has been applied to this catalog yet.', {
        issues: [{ path: [], message: 'no applied migration' }],
      }).toJSON(),
    );
  }
  return execute(
    sqlite,
    [
      { migration: last, direction: 'down' },
      { migration: last, direction: 'up' },
    ],
    from,
    from,
    options,
  );
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

function execute(
  sqlite: Database.Database,
  plan: PlannedStep[],
  from: number,
  to: number,
  options: Omit<MigrateOptions, 'to'>,
): MigrationReport {
  const steps: MigrationStep[] = plan.map(({ migration, direction }) => ({
    version: migration.version,
    name: migration.name,
    direction,
    status: 'not-executed',
  }));
  if (plan.length === 0) return { ok: true, fromVersion: from, toVersion: to, steps };
  if (sqlite.readonly) {
    return {
      ...refused(from, fail('ReadOnly', 'The catalog is open read-only; reopen it for writing to migrate.', {}).toJSON()),
      steps,
    };
  }

  // A database that already holds a schema is backed up before it is changed.
  let backupFile: string | undefined;
  if (options.backup !== false && options.file && hasUserTables(sqlite)) {
    try {
      backupFile = backupBeforeMigration(sqlite, options.file, from, options.backup ?? {});
    } catch (error) {
      const cause = toCatalogError(error).toJSON();
      return {
        ...refused(from, { ...cause, message: `No backup could be taken, so nothing was migrated: ${cause.message}` }),
        steps,
      };
    }
  }

  // Schema changes run with foreign key enforcement off (SQLite's documented procedure for
  // altering tables) and are checked with foreign_key_check before the transaction commits.
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true }) as number;
  sqlite.pragma('foreign_keys = OFF');
  let current = -1;
  try {
    sqlite
      .transaction(() => {
        sqlite.exec(CREATE_SCHEMA_VERSION);
        const record = sqlite.prepare(
          'INSERT INTO schema_version (version, name, checksum, description) VALUES (?, ?, ?, ?)',
        );
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
        if (to === 0) sqlite.exec('DROP TABLE schema_version');
      })
      .immediate();
  } catch (error) {
    const failedIndex = current >= 0 ? current : plan.length - 1;
    const failed = plan[failedIndex] as PlannedStep;
    const reason = error instanceof Error ? error.message : String(error);
    for (const step of steps) if (step.status === 'success') step.status = 'reverted';
    const failedStep = steps[failedIndex] as MigrationStep;
    failedStep.status = 'error';
    failedStep.error = reason;
    const mapped = toCatalogError(error);
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
  return { ok: true, fromVersion: from, toVersion: to, steps, ...(backupFile ? { backupFile } : {}) };
}
