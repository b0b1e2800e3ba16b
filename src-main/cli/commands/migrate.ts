/** `migrate [--to N]`: applies pending migrations atomically, after an automatic backup. */
import { embeddedMigrations, migrate as migrateCatalog, type MigrationReport } from '../../db/migrations';
import { openCatalog } from '../../db/startup';
import { aligned, failure, plural, success, type Outcome } from '../output';
import type { Command } from './command';

export const migrate: Command = {
  name: 'migrate',
  usage: 'migrate [--to N]',
  summary: 'apply pending migrations (all, or up to version N); creates the file if missing',
  arguments: [],
  to: 'optional',
  run({ db, to }) {
    // The startup routine's checks (pages, history) without its migration step, so --to applies.
    const { connection } = openCatalog(db, { migrate: false });
    try {
      const report = migrateCatalog(connection.sqlite, embeddedMigrations, { file: db, ...(to === undefined ? {} : { to }) });
      return reportOutcome(db, report, 'Migrated');
    } finally {
      connection.close();
    }
  },
};

/** The outcome of migrate, rollback and redo: the report as data, its steps as lines. */
export function reportOutcome(file: string, report: MigrationReport, verb: string): Outcome {
  const data = { file, ...report };
  const steps = aligned(
    report.steps.map((s): [string, string] => [
      `  ${s.direction.padEnd(4)} ${String(s.version).padStart(4, '0')}_${s.name}`,
      `${s.status}${s.error ? `: ${s.error}` : ''}`,
    ]),
  );
  const backup = report.backupFile ? [`backup: ${report.backupFile}`] : [];
  if (!report.ok) {
    return failure(report.error ?? { code: 'Internal', message: 'Migration failed.', details: {} }, [...steps, ...backup], data);
  }
  if (report.steps.length === 0) {
    return success(data, [`${file} is at version ${report.toVersion}; nothing to do.`]);
  }
  return success(data, [
    `${verb} ${file} from version ${report.fromVersion} to ${report.toVersion} (${plural(report.steps.length, 'step')}).`,
    ...steps,
    ...backup,
  ]);
}
