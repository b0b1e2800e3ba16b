/** `redo`: rolls the latest migration back and applies it again, in one transaction. */
import { embeddedMigrations, redo as redoCatalog } from '../../db/migrations';
import { openCatalog } from '../../db/startup';
import { requireFile, type Command } from './command';
import { reportOutcome } from './migrate';

export const redo: Command = {
  name: 'redo',
  usage: 'redo',
  summary: 'roll the latest migration back and apply it again (for migration authors)',
  arguments: [],
  run({ db }) {
    requireFile(db);
    const { connection } = openCatalog(db, { migrate: false, fileMustExist: true });
    try {
      return reportOutcome(db, redoCatalog(connection.sqlite, embeddedMigrations, { file: db }), 'Redid the last migration of');
    } finally {
      connection.close();
    }
  },
};
