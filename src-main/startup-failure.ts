/**
 * What the user is told when the catalog cannot be opened at startup: what happened, whether the
 * file was changed, and what they can do, with "Restore the newest backup" offered whenever a
 * verified automatic backup exists. No electron import, so the wording and the restore are
 * testable; src-main/index.ts shows the dialog and calls `restoreNewestBackup`.
 */
import type { AppError } from '../src-shared/errors';
import { backupDirFor } from './db/backup';
import { newestVerifiedBackup, restoreBackup, type BackupInfo, type RestoreResult } from './db/restore';
import { toAppError } from './db/sqlite-errors';

export interface StartupFailureMessage {
  title: string;
  /** One sentence: what happened. */
  message: string;
  /** What the user can do, with the paths they need. */
  detail: string;
  /** The verified backup "Restore the newest backup" would put in place; undefined: do not offer it. */
  restorable?: BackupInfo;
}

export const RESTORE_BUTTON = 'Restore the newest backup';

/** Codes for which restoring a backup is a sensible offer (the file itself is unusable). */
const RESTORE_OFFERED = new Set<AppError['code']>(['Corrupt', 'MigrationHistoryMismatch', 'NotACatalog', 'MigrationFailed']);

export function describeStartupFailure(
  error: AppError,
  file: string,
  options: { nativeBinding?: string } = {},
): StartupFailureMessage {
  const backupsDir = backupDirFor(file);
  const newest = RESTORE_OFFERED.has(error.code) ? newestVerifiedBackup(file, {}, options) : undefined;
  const restore = newest
    ? `To go back to your newest backup, ${newest.file} (schema version ${newest.version}), choose "${RESTORE_BUTTON}": Mimir keeps the current file beside it, renamed, and nothing is deleted. From a terminal: npm run db -- restore newest --db ${file}. Do not copy backup files over the catalog by hand: a leftover ${file}-wal would be replayed into the copy.`
    : `No verified automatic backup exists (they are kept in ${backupsDir}); restore one of your own with npm run db -- restore <backup> --db ${file}.`;
  const untouched = 'Mimir has not changed the file.';
  const offer = newest ? { restorable: newest } : {};

  switch (error.code) {
    case 'DatabaseNewerThanApp':
      return {
        title: 'Update Mimir',
        message: 'Your catalog was saved by a newer version of Mimir.',
        detail: [
          `${file} is at schema version ${error.details.databaseVersion}; this version of Mimir knows versions up to ${error.details.appVersion}.`,
          untouched,
          'Install the latest version of Mimir to use this catalog.',
        ].join('\n\n'),
      };
    case 'MigrationHistoryMismatch':
      return {
        title: 'Catalog from a different Mimir build',
        message: "The catalog's upgrade history does not match this version of Mimir.",
        detail: [
          `${file}: ${error.details.reason} (version ${error.details.version}).`,
          untouched,
          `Open it with the version of Mimir that created it, or restore a backup. ${restore}`,
        ].join('\n\n'),
        ...offer,
      };
    case 'Corrupt':
      return {
        title: 'Catalog file damaged',
        message: 'The catalog file is damaged or is not a Mimir catalog.',
        detail: [
          error.message,
          untouched,
          `${restore} To start with an empty catalog instead, move ${file} somewhere else; Mimir creates a new one on the next start.`,
        ].join('\n\n'),
        ...offer,
      };
    case 'NotACatalog':
      return {
        title: 'Not a Mimir catalog',
        message: "The catalog file belongs to another application.",
        detail: [
          error.message,
          untouched,
          `Move ${file} somewhere else to start with an empty catalog. ${restore}`,
        ].join('\n\n'),
        ...offer,
      };
    case 'MigrationFailed':
      return {
        title: 'Catalog upgrade failed',
        message: 'Upgrading the catalog to this version of Mimir failed; nothing was changed.',
        detail: [
          `Step ${error.details.version} (${error.details.name}) failed: ${error.details.reason}`,
          `${file} is still at its previous version and works with the previous version of Mimir.${newest ? ` The newest verified automatic backup is ${newest.file}.` : ''}`,
          'Please report this problem with the text above.',
        ].join('\n\n'),
      };
    case 'ReadOnly':
    case 'ForeignSidecar':
    case 'BackupFailed':
      return {
        title: 'Cannot open the catalog for writing',
        message: 'Mimir could not open its catalog.',
        detail: [error.message, untouched].join('\n\n'),
      };
    default:
      return {
        title: 'Cannot open the catalog',
        message: 'Mimir could not open its catalog.',
        detail: [`${file}: ${error.message}`, 'Quit Mimir and try again. If this keeps happening, please report it with the text above.'].join(
          '\n\n',
        ),
      };
  }
}

/**
 * "Restore the newest backup": verifies the newest automatic backup, keeps the current file and
 * its sidecars aside and puts the backup in place (db/restore.ts). Call it with the catalog closed;
 * the caller then starts the catalog again (which migrates an older backup).
 */
export function restoreNewestBackup(
  file: string,
  options: { nativeBinding?: string } = {},
): { ok: true; data: RestoreResult } | { ok: false; error: AppError } {
  try {
    const newest = newestVerifiedBackup(file, {}, options);
    if (!newest) {
      return {
        ok: false,
        error: { code: 'NotFound', message: `There is no verified automatic backup of ${file}.`, details: { entity: 'backup', id: 'newest' } },
      };
    }
    return { ok: true, data: restoreBackup(file, newest.file, options) };
  } catch (error) {
    return { ok: false, error: toAppError(error) };
  }
}
