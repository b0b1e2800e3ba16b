/** `rollback --to N`: runs down scripts in reverse down to version N, atomically. */
import { embeddedMigrations, rollback as rollbackCatalog } from '../../db/migrations';
import { openCatalog } from '../../db/startup';
import { requireFile, type Command } from './command';
import { reportOutcome } from './migrate';

export const rollback: Command = {
  name: 'rollback',
  usage: 'rollback --to N',
  summary: 'undo migrations down to version N (0 removes every table), after an automatic backup',
  arguments: [],
  to: 'required',
  run({ db, to }) {
    requireFile(db);
    const { connection } = openCatalog(db, { migrate: false, fileMustExist: true });
    try {
      return reportOutcome(db, rollbackCatalog(connection.sqlite, embeddedMigrations, to as number, { file: db }), 'Rolled back');
    } finally {
      connection.close();
    }
  },
};
