/** `import-5etools <data-dir>`: imports a 5etools data folder, all or nothing. */
import { resolve } from 'node:path';
import { fail } from '../../../src-shared/errors';
import { IMPORT_KINDS } from '../../../src-shared/import-types';
import { openCatalog } from '../../db/startup';
import { import5etools } from '../../import/5etools';
import { aligned, failure, plural, success } from '../output';
import { requireDirectory, type Command } from './command';

const SKIPPED_SHOWN = 10;

export const import5etoolsCommand: Command = {
  name: 'import-5etools',
  usage: 'import-5etools <data-dir>',
  summary: "import a 5etools data folder (the one holding spells/, bestiary/, races.json …); migrates first",
  arguments: ['data-dir'],
  run({ db, args, progress }) {
    const dataDir = resolve(args[0] as string);
    requireDirectory(dataDir, '5etools data directory');
    // Importing needs the current schema: the full startup routine, migration included.
    const { catalog, connection, migration } = openCatalog(db);
    try {
      const result = import5etools(catalog, dataDir, {
        ...(progress ? { onProgress: (p) => progress(`importing ${p.kind}: ${p.done}/${p.total}`) } : {}),
      });
      const data = { file: db, dataDir, migration, ...result };
      const lines = [
        `Imported ${dataDir} into ${db}: ${result.status} (import log #${result.logId}).`,
        ...aligned(
          IMPORT_KINDS.map((kind) => {
            const counts = result.counts[kind] ?? { imported: 0, skipped: 0 };
            return [`  ${kind}`, `${String(counts.imported).padStart(6)} imported  ${String(counts.skipped).padStart(5)} skipped`];
          }),
        ),
        ...result.skipped.slice(0, SKIPPED_SHOWN).map((s) => `  skipped ${s.kind} '${s.name}' (${s.source}): ${s.reason}`),
        ...(result.skipped.length > SKIPPED_SHOWN
          ? [`  … and ${plural(result.skipped.length - SKIPPED_SHOWN, 'more skipped record')} (see --json)`]
          : []),
      ];
      if (result.status === 'failed') {
        return failure(
          fail('Internal', `The import of ${dataDir} failed and wrote nothing (import log #${result.logId}).`, {
            reason: 'import failed',
          }).toJSON(),
          lines,
          data,
        );
      }
      return success(data, lines);
    } finally {
      progress?.(''); // clears the progress line
      connection.close();
    }
  },
};
