/**
 * The channels that run in the main process (`runs: 'main'` in the contract): dialogs, the
 * system shell, facts about the app, and cancelling an import (the writer is busy running it, so
 * the request cannot queue there). No electron import: ../index.ts binds the services to
 * Electron's `dialog`, `shell` and `app`; tests pass stand-ins.
 */
import { isAbsolute } from 'node:path';
import type { AppInfo } from '../../src-shared/contract';
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
  };
}
