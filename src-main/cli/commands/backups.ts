/** `backups`: the automatic backups of the catalog, newest first, each verified (changes nothing). */
import { listVerifiedBackups } from '../../db/restore';
import { backupDirFor } from '../../db/backup';
import { success } from '../output';
import type { Command } from './command';

export const backups: Command = {
  name: 'backups',
  usage: 'backups',
  summary: 'list the automatic backups of the catalog, newest first, each verified (changes nothing)',
  arguments: [],
  run({ db }) {
    const all = listVerifiedBackups(db);
    const dir = backupDirFor(db);
    const lines =
      all.length === 0
        ? [`No automatic backups of ${db} in ${dir}.`]
        : [
            `Automatic backups of ${db} in ${dir}, newest first:`,
            ...all.map(
              (b) =>
                `  ${b.file}  version ${b.version}  ${Math.ceil(b.bytes / 1024)} KiB  ${b.problem ? `NOT RESTORABLE: ${b.problem}` : 'verified'}`,
            ),
          ];
    return success({ file: db, dir, backups: all, verified: all.filter((b) => !b.problem).map((b) => b.file) }, lines);
  },
};
