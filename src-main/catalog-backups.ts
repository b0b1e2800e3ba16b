/**
 * The backup channels' file operations (catalog-session.ts `BackupOperations`) bound to the
 * database core: listing and verifying (db/restore.ts), taking a backup through a read-only
 * connection of its own (db/backup.ts), restoring and undoing a restore. Everything here runs on
 * the thread that calls it, in the main process: the work is proportional to the backups' size
 * and happens only when the user asks for it.
 */
import { backupBeforeMigration, listBackups } from './db/backup';
import { openConnection } from './db/connection';
import { readHistory } from './db/migrations';
import { backupEntry, checkRestorable, describeBackups, newestVerifiedBackup, restoreBackup, undoRestore, verifyBackup } from './db/restore';
import type { BackupOperations } from './catalog-session';

export function catalogBackups(options: { nativeBinding?: string } = {}): BackupOperations {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  return {
    list: (file) => describeBackups(file, {}, binding),
    listed: (file) => listBackups(file),
    newest: (file) => newestVerifiedBackup(file, {}, binding)?.file,
    create(file) {
      const connection = openConnection(file, { ...binding, readonly: true });
      try {
        const version = readHistory(connection.sqlite).at(-1)?.version ?? 0;
        const written = backupBeforeMigration(connection.sqlite, file, version, {}, binding);
        return backupEntry(verifyBackup(written, { ...binding, counts: true }));
      } finally {
        connection.close();
      }
    },
    check: (file, backup) => {
      checkRestorable(file, backup, binding);
    },
    restore: (file, backup) => restoreBackup(file, backup, binding),
    undo: (restored) => undoRestore(restored),
  };
}
