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
import { damageOf, notACatalogReason, openInMemory, openSnapshot, probeFile } from './probe';
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

export { notACatalogReason } from './probe';

/**
 * NotACatalog for a SQLite file of another application, judged from read-only images: the file
 * alone, and the file with its -wal/-journal (whose pages may hold the whole schema of a file
 * that was never checkpointed). Only when both say "not a catalog" is it refused; a foreign
 * sidecar beside a catalog is the connection's business (moved aside, see probe.ts).
 */
function refuseForeignDatabase(file: string, nativeBinding: string | undefined, backup: BackupPolicy | undefined): void {
  const probe = probeFile(file);
  if (probe.state !== 'sqlite') return;
  const judge = (open: () => { sqlite: Database.Database; close(): void }): string | undefined => {
    try {
      const image = open();
      try {
        return notACatalogReason(image.sqlite);
      } finally {
        image.close();
      }
    } catch {
      return undefined; // unreadable: the open below reports it as Corrupt
    }
  };
  const replayable = probe.sidecars.some((s) => s.kind !== 'shm' && s.size > 0);
  if (!replayable) {
    // No -wal/-journal: the bytes alone are the catalog. A damaged file is refused before the
    // read-write open would switch it to WAL mode (rewriting its header).
    let damage: string | undefined;
    try {
      const image = openInMemory(file, nativeBinding);
      try {
        damage = damageOf(image);
      } finally {
        image.close();
      }
    } catch (error) {
      damage = (error as Error).message;
    }
    if (damage !== undefined) {
      const newest = newestVerifiedBackup(file, backup, nativeBinding ? { nativeBinding } : {});
      throw fail('Corrupt', `${file} is damaged (${damage}). It has not been modified. ${restoreAdvice(file, newest)}`, {
        file,
        reason: damage,
      });
    }
  }
  const alone = judge(() => {
    const sqlite = openInMemory(file, nativeBinding);
    return { sqlite, close: () => sqlite.close() };
  });
  if (!alone) return;
  const withSidecars = replayable
    ? judge(() => openSnapshot(file, probe, nativeBinding))
    : alone;
  if (!withSidecars) return;
  throw fail(
    'NotACatalog',
    `${file} is a SQLite database but not a Mimir catalog: ${alone}. Mimir has not modified it. Choose another file name for the catalog, or move this file elsewhere.`,
    { file, reason: alone },
  );
}

export function openCatalog(file: string, options: StartupOptions = {}): OpenedCatalog {
  const migrations = options.migrations ?? embeddedMigrations;
  if (file !== ':memory:' && file !== '') refuseForeignDatabase(file, options.nativeBinding, options.backup);
  const connection = openConnection(file, options);
  let damaged = false;
  try {
    const pages = checkPages(connection.sqlite, 'quick');
    if (pages.length !== 1 || pages[0] !== 'ok') {
      const newest = newestVerifiedBackup(file, options.backup, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
      damaged = true;
      throw fail(
        'Corrupt',
        `${file} is damaged (${pages.slice(0, 3).join('; ')}). It has not been modified. ${restoreAdvice(file, newest)}`,
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
    // A damaged file is closed without a checkpoint: nothing is written into it.
    connection.close(damaged ? { checkpoint: false } : {});
    throw error;
  }
}

function restoreAdvice(file: string, newest: { file: string; version: number } | undefined): string {
  return newest
    ? `Restore the newest backup, ${newest.file} (version ${newest.version}): npm run db -- restore ${newest.file} --db ${file}, or "Restore the newest backup" in the app.`
    : 'No verified automatic backup exists; restore one of your own backups with npm run db -- restore <backup> --db <file>.';
}
