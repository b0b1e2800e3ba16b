/**
 * The channels that run in the main process (`runs: 'main'` in the contract): dialogs, the
 * system shell, facts about the app, cancelling an import (the writer is busy running it, so
 * the request cannot queue there), and the backups (a restore closes and restarts the database
 * host, so it cannot run inside it). No electron import: ../index.ts binds the services to
 * Electron's `dialog`, `shell` and `app`; tests pass stand-ins.
 */
import { isAbsolute } from 'node:path';
import type { AppInfo, BackupEntry, BackupList, RestoreOutcome } from '../../src-shared/contract';
import type { MainHandlers } from './router';

export interface MainServices {
  /** Shows the system's folder picker; the chosen path, or null when the user cancelled. */
  chooseFolder(options: { title: string }): Promise<string | null>;
  /** Opens the file manager with `path` selected. */
  showItemInFolder(path: string): void;
  versions(): AppInfo['versions'];
  catalogFile: string;
  backupsFolder: string;
  /** Cancels the running and queued imports (the database host's `cancelImports`). */
  cancelImports(): boolean;
  /** The backup channels: ../catalog-session.ts over the open catalog. */
  backups: BackupServices;
}

/** What the backup channels ask of the catalog session (../catalog-session.ts). */
export interface BackupServices {
  listBackups(): BackupList | Promise<BackupList>;
  createBackup(): Promise<BackupEntry>;
  /** `file`: one of `listBackups()`'s; undefined: the newest verified backup. */
  restore(file?: string): Promise<RestoreOutcome>;
}

export function createMainHandlers(services: MainServices): MainHandlers {
  return {
    'dialog:chooseFolder': async (input) => {
      const chosen = await services.chooseFolder({ title: input?.title ?? 'Choose a folder' });
      // The dialog answers with absolute paths; anything else would be resolved against the main
      // process's working directory later, so it is not handed on.
      return chosen !== null && isAbsolute(chosen) ? chosen : null;
    },
    'app:info': () => ({
      versions: services.versions(),
      catalogFile: services.catalogFile,
      backupsFolder: services.backupsFolder,
    }),
    'shell:showItemInFolder': ({ target }) => {
      services.showItemInFolder(target === 'backups' ? services.backupsFolder : services.catalogFile);
      return null;
    },
    'import:cancel': () => ({ cancelled: services.cancelImports() }),
    'backups:list': () => services.backups.listBackups(),
    'backups:create': () => services.backups.createBackup(),
    'backups:restore': (input) => services.backups.restore(input?.file),
  };
}
