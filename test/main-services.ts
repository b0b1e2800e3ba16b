/**
 * Stand-in main-process services (the folder dialog, the shell, app facts) for tests and the
 * end-to-end harness. No database or vite-only imports, so Playwright can load it too.
 */
import { join } from 'node:path';
import type { BackupServices, MainServices } from '../src-main/ipc/main-handlers';
import { fail } from '../src-shared/errors';

/** Main-process services for tests: a folder dialog answering `chosenFolder`, recorded shell calls. */
export interface TestServices extends MainServices {
  /** What the folder dialog answers next (null: the user cancelled). */
  chosenFolder: string | null;
  /** Paths `showItemInFolder` was asked to show. */
  shown: string[];
}

/**
 * Backups for tests that have no catalog session: every call answers `Unavailable`. Tests of the
 * backup channels and the Playwright harness (e2e/harness-binding.ts) pass the real session
 * (src-main/catalog-session.ts with catalogBackups()).
 */
export const noBackups: BackupServices = {
  listBackups: () => {
    throw fail('Unavailable', 'Backups are not available in this test harness.', { reason: 'no catalog session' });
  },
  createBackup: () => Promise.reject(fail('Unavailable', 'Backups are not available in this test harness.', { reason: 'no catalog session' })),
  restore: () => Promise.reject(fail('Unavailable', 'Backups are not available in this test harness.', { reason: 'no catalog session' })),
};

export function testServices(
  dir: string,
  cancelImports: () => boolean = () => false,
  backups: BackupServices = noBackups,
): TestServices {
  const services: TestServices = {
    chosenFolder: null,
    shown: [],
    chooseFolder: async () => services.chosenFolder,
    showItemInFolder: (path) => {
      services.shown.push(path);
    },
    versions: () => ({ app: '0.0.0-test', electron: '', chrome: '', node: process.versions.node, sqlite: '3' }),
    catalogFile: join(dir, 'catalog.sqlite'),
    backupsFolder: join(dir, 'backups'),
    cancelImports,
    backups,
  };
  return services;
}

