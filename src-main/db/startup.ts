/**
 * open → check → migrate: the one startup routine the app, the CLI, the tests and the e2e
 * harness call. Anything that makes the catalog unusable is thrown as a typed CatalogError
 * before any write: `Corrupt`, `MigrationHistoryMismatch`, `DatabaseNewerThanApp`,
 * `MigrationFailed` (the database is left at its previous version).
 */
import type Database from 'better-sqlite3';
import { fail, CatalogError } from '../../src-shared/errors';
import type { BackupPolicy } from './backup';
import { createCatalog, type Catalog } from './catalog';
import { openConnection, type Connection, type OpenOptions } from './connection';
import { checkPages } from './integrity';
import { embeddedMigrations, migrate, migrationStatus, type Migration, type MigrationReport } from './migrations';
import { openSnapshot, probeFile } from './probe';
import { newestVerifiedBackup } from './restore';

export interface StartupOptions extends OpenOptions {
  /** Apply pending migrations (default true). False opens the catalog as it is, after checks. */
  migrate?: boolean;
  /** Automatic backup settings for the migration step. */
  backup?: BackupPolicy;
  /** The migrations to run; default the ones embedded in this build. */
  migrations?: readonly Migration[];
}

export interface OpenedCatalog {
  catalog: Catalog;
  connection: Connection;
  /** What the migration step did (no steps when the catalog was already current). */
  migration: MigrationReport;
  /** What a person should know about the open (sidecars moved aside), one sentence each. */
  warnings: string[];
}

/**
 * Why a readable SQLite image is not a Mimir catalog, or undefined. A catalog has a
 * schema_version table, or no tables at all (a new file, or one rolled back to version 0).
 */
export function notACatalogReason(sqlite: Database.Database): string | undefined {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    .pluck()
    .all() as string[];
  if (tables.includes('schema_version')) return undefined;
  if (tables.length > 0) {
    const shown = tables.slice(0, 5).join(', ');
    return `it has tables (${shown}${tables.length > 5 ? ', …' : ''}) but no Mimir migration history`;
  }
  const applicationId = sqlite.pragma('application_id', { simple: true }) as number;
  const userVersion = sqlite.pragma('user_version', { simple: true }) as number;
  if (applicationId !== 0 || userVersion !== 0) {
    return `it is marked by another application (application_id ${applicationId}, user_version ${userVersion})`;
  }
  return undefined;
}

/** NotACatalog for a SQLite file of another application, judged from a read-only image. */
function refuseForeignDatabase(file: string, nativeBinding: string | undefined): void {
  const probe = probeFile(file);
  if (probe.state !== 'sqlite') return;
  let reason: string | undefined;
  try {
    const snapshot = openSnapshot(file, probe, nativeBinding);
    try {
      reason = notACatalogReason(snapshot.sqlite);
    } finally {
      snapshot.close();
    }
  } catch {
    return; // unreadable: the open below reports it as Corrupt
  }
  if (reason) {
    throw fail(
      'NotACatalog',
      `${file} is a SQLite database but not a Mimir catalog: ${reason}. Mimir has not modified it. Choose another file name for the catalog, or move this file elsewhere.`,
      { file, reason },
    );
  }
}

export function openCatalog(file: string, options: StartupOptions = {}): OpenedCatalog {
  const migrations = options.migrations ?? embeddedMigrations;
  if (file !== ':memory:' && file !== '') refuseForeignDatabase(file, options.nativeBinding);
  const connection = openConnection(file, options);
  try {
    const pages = checkPages(connection.sqlite, 'quick');
    if (pages.length !== 1 || pages[0] !== 'ok') {
      const newest = newestVerifiedBackup(file, options.backup, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
      throw fail(
        'Corrupt',
        `${file} is damaged (${pages.slice(0, 3).join('; ')}). It has not been modified. ${
          newest
            ? `Restore the newest backup, ${newest.file} (version ${newest.version}): npm run db -- restore ${newest.file} --db ${file}, or "Restore the newest backup" in the app.`
            : 'No verified automatic backup exists; restore one of your own backups with npm run db -- restore <backup> --db <file>.'
        }`,
        { file, reason: pages.slice(0, 10).join('; ') },
      );
    }
    let report: MigrationReport;
    if (options.migrate === false || connection.readonly) {
      const status = migrationStatus(connection.sqlite, migrations);
      if (status.problem) throw new CatalogError(status.problem);
      report = { ok: true, fromVersion: status.currentVersion, toVersion: status.currentVersion, steps: [] };
    } else {
      report = migrate(connection.sqlite, migrations, {
        file,
        ...(options.backup ? { backup: options.backup } : {}),
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      });
      if (!report.ok && report.error) throw new CatalogError(report.error);
    }
    return { catalog: createCatalog(connection), connection, migration: report, warnings: [...connection.warnings] };
  } catch (error) {
    connection.close();
    throw error;
  }
}
