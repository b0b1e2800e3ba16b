/**
 * What the user is told when the catalog cannot be opened at startup: what happened, that the
 * file was not changed, and what they can do. No electron import, so the wording is testable;
 * src-main/index.ts shows it in a dialog.
 */
import type { AppError } from '../src-shared/errors';
import { backupDirFor, listBackups } from './db/backup';

export interface StartupFailureMessage {
  title: string;
  /** One sentence: what happened. */
  message: string;
  /** What the user can do, with the paths they need. */
  detail: string;
}

export function describeStartupFailure(error: AppError, file: string): StartupFailureMessage {
  const backupsDir = backupDirFor(file);
  const newest = listBackups(file)[0];
  const restore = newest
    ? `To go back to your last backup, quit Mimir and replace ${file} with a copy of ${newest} (the newest backup in ${backupsDir}).`
    : `No automatic backup exists yet (they are kept in ${backupsDir}); restore the file from your own backups if you have one.`;
  const untouched = 'Mimir has not changed the file.';

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
      };
    case 'MigrationFailed':
      return {
        title: 'Catalog upgrade failed',
        message: 'Upgrading the catalog to this version of Mimir failed; nothing was changed.',
        detail: [
          `Step ${error.details.version} (${error.details.name}) failed: ${error.details.reason}`,
          `${file} is still at its previous version and works with the previous version of Mimir.${newest ? ` The newest automatic backup is ${newest}.` : ''}`,
          'Please report this problem with the text above.',
        ].join('\n\n'),
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
