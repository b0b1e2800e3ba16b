/**
 * `backup <out>`: a consistent, verified copy of the catalog (VACUUM INTO under a temporary
 * name, checked, then renamed), even while the app has it open. Reads through a read-only view:
 * nothing is written beside the catalog and nothing is checkpointed.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupTo } from '../../db/backup';
import { success } from '../output';
import { openForInspection, type Command } from './command';

export const backup: Command = {
  name: 'backup',
  usage: 'backup <out>',
  summary: 'write a consistent, verified copy of the catalog to <out> (which must not exist)',
  arguments: ['out'],
  run({ db, args }) {
    const inspection = openForInspection(db);
    try {
      const written = backupTo(inspection.sqlite, resolve(args[0] as string));
      const bytes = statSync(written).size;
      return success({ file: db, backup: written, bytes }, [`Backed up ${db} to ${written} (${Math.ceil(bytes / 1024)} KiB).`]);
    } finally {
      inspection.close();
    }
  },
};
