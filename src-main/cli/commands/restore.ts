/**
 * `restore <backup|newest>`: puts a verified backup in place of the catalog, keeping the current
 * file and its sidecars aside (nothing is deleted), then opens it (migrating an older backup,
 * after an automatic backup of it). Quit the app first.
 */
import { resolve } from 'node:path';
import { fail } from '../../../src-shared/errors';
import { newestVerifiedBackup, restoreBackup } from '../../db/restore';
import { openCatalog } from '../../db/startup';
import { success } from '../output';
import type { Command } from './command';

export const restore: Command = {
  name: 'restore',
  usage: 'restore <backup|newest>',
  summary: "replace the catalog with a verified backup ('newest': the newest automatic one); the current file is kept aside",
  arguments: ['backup'],
  run({ db, args }) {
    const wanted = args[0] as string;
    let backup: string;
    if (wanted === 'newest') {
      const newest = newestVerifiedBackup(db);
      if (!newest) {
        throw fail('NotFound', `There is no verified automatic backup of ${db} (npm run db -- backups --db ${db} lists what exists).`, {
          entity: 'backup',
          id: 'newest',
        });
      }
      backup = newest.file;
    } else {
      backup = resolve(wanted);
    }
    const restored = restoreBackup(db, backup);
    const { connection, migration } = openCatalog(db);
    connection.close();
    return success({ ...restored, migration }, [
      `Restored ${restored.restoredFrom} (version ${restored.version}) as ${db}.`,
      ...restored.keptAside.map((k) => `  kept ${k.from} as ${k.to}`),
      ...(migration.steps.length > 0 ? [`  migrated from version ${migration.fromVersion} to ${migration.toVersion}`] : []),
    ]);
  },
};
