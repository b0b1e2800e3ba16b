/**
 * open → check → migrate: the one startup routine the app, the CLI, the tests and the e2e
 * harness call. Anything that makes the catalog unusable is thrown as a typed CatalogError
 * before any write: `Corrupt`, `MigrationHistoryMismatch`, `DatabaseNewerThanApp`,
 * `MigrationFailed` (the database is left at its previous version).
 */
import { fail, CatalogError } from '../../src-shared/errors';
import type { BackupPolicy } from './backup';
import { listBackups } from './backup';
import { createCatalog, type Catalog } from './catalog';
import { openConnection, type Connection, type OpenOptions } from './connection';
import { checkPages } from './integrity';
import { embeddedMigrations, migrate, migrationStatus, type Migration, type MigrationReport } from './migrations';

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
}

export function openCatalog(file: string, options: StartupOptions = {}): OpenedCatalog {
  const migrations = options.migrations ?? embeddedMigrations;
  const connection = openConnection(file, options);
  try {
    const pages = checkPages(connection.sqlite, 'quick');
    if (pages.length !== 1 || pages[0] !== 'ok') {
      const newest = listBackups(file, options.backup)[0];
      throw fail(
        'Corrupt',
        `${file} is damaged (${pages.slice(0, 3).join('; ')}). It has not been modified; ${newest ? `the newest backup is ${newest}` : 'restore it from a backup'}.`,
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
      });
      if (!report.ok && report.error) throw new CatalogError(report.error);
    }
    return { catalog: createCatalog(connection), connection, migration: report };
  } catch (error) {
    connection.close();
    throw error;
  }
}
