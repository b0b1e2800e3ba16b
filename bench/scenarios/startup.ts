/**
 * Startup (scenario 5): `openCatalog` = open → quick_check → migrate → repositories prepared.
 * Absolute times only: raw better-sqlite3 has no equivalent. Closing (a WAL checkpoint) is not
 * timed.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openCatalog, type OpenedCatalog } from '../../src-main/db/startup';
import { measure, type Budget, type Comparison } from '../harness';

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

/** `seededFile`: an already-migrated catalog holding the seeded rows (closed by the caller). */
export function startup(dir: string, seededFile: string, seededLabel: string, budget: Budget): Comparison[] {
  let opened: OpenedCatalog | undefined;
  const close = () => {
    opened?.connection.close();
    opened = undefined;
  };

  // A new file every call: creates the schema with every migration.
  let freshFile = '';
  const fresh = measure(
    {
      run: (i) => {
        freshFile = join(dir, `fresh-${i}.sqlite`);
        opened = openCatalog(freshFile);
        if (opened.migration.steps.length === 0) throw new Error('fresh file was not migrated');
        return opened;
      },
      reset: () => {
        close();
        removeDatabase(freshFile);
      },
    },
    budget,
  );

  const emptyFile = join(dir, 'migrated-empty.sqlite');
  openCatalog(emptyFile).connection.close();
  const reopen = (file: string) =>
    measure(
      {
        run: () => {
          opened = openCatalog(file);
          if (opened.migration.steps.length !== 0) throw new Error(`${file} was migrated again`);
          return opened;
        },
        reset: close,
      },
      budget,
    );
  const empty = reopen(emptyFile);
  const seeded = reopen(seededFile);

  const row = (name: string, ours: ReturnType<typeof measure>): Comparison => ({
    group: 'startup openCatalog',
    name,
    unit: '1 open',
    itemsPerOp: 1,
    ours,
  });
  return [
    row('fresh file (all migrations)', fresh),
    row('already migrated, empty', empty),
    row(`already migrated, ${seededLabel}`, seeded),
  ];
}
