/**
 * `check`: SQLite's integrity_check, foreign keys, schema drift and migration history. Opens the
 * file read-only without creating sidecars. A file at an older schema version is judged against
 * that version ("version 6, 5 migrations pending, no drift"), not against the latest schema.
 */
import { checkIntegrityAtVersion } from '../../db/integrity';
import { embeddedMigrations, migrationStatus } from '../../db/migrations';
import { notACatalogReason } from '../../db/startup';
import { fail } from '../../../src-shared/errors';
import { aligned, failure, plural, success } from '../output';
import { openForInspection, type Command } from './command';
import { restoreAdvice } from './status';

export const check: Command = {
  name: 'check',
  usage: 'check',
  summary: 'integrity_check, foreign keys, schema drift against its own version, migration history (changes nothing)',
  arguments: [],
  run({ db }) {
    const inspection = openForInspection(db);
    try {
      const { sqlite } = inspection;
      const foreign = notACatalogReason(sqlite);
      if (foreign) {
        return failure(
          fail('NotACatalog', `${db} is a SQLite database but not a Mimir catalog: ${foreign}. It was not changed.`, { file: db, reason: foreign }).toJSON(),
          [],
          { file: db, ok: false },
        );
      }
      const history = migrationStatus(sqlite, embeddedMigrations);
      const report = checkIntegrityAtVersion(sqlite, history.currentVersion, embeddedMigrations, 'full');
      const pagesOk = report.pages.length === 1 && report.pages[0] === 'ok';
      const summary = `version ${history.currentVersion}, ${
        history.problem ? history.problem.code : plural(history.pending.length, 'migration') + ' pending'
      }, ${report.drift.length === 0 ? 'no drift' : plural(report.drift.length, 'drift issue')}`;
      const data = {
        file: db,
        ...report,
        ok: report.ok && !history.problem,
        schemaVersion: history.currentVersion,
        latestVersion: history.latestVersion,
        pending: history.pending.length,
        summary,
        ...(history.problem ? { problem: history.problem } : {}),
        ...(inspection.notes.length > 0 ? { notes: inspection.notes } : {}),
      };
      const lines = [
        ...aligned([
          ['file', db],
          ['pages', pagesOk ? 'ok' : plural(report.pages.length, 'problem')],
          ['foreign keys', report.foreignKeys.length === 0 ? 'ok' : plural(report.foreignKeys.length, 'row') + ' without parent'],
          ['schema drift', report.drift.length === 0 ? 'none' : plural(report.drift.length, 'issue')],
          ['migrations', history.problem ? history.problem.code : `version ${history.currentVersion} of ${history.latestVersion}`],
          ['summary', summary],
        ]),
        ...(pagesOk ? [] : report.pages.slice(0, 20).map((p) => `  page: ${p}`)),
        ...report.foreignKeys.slice(0, 20).map((f) => `  foreign key: ${f.table} row ${f.rowid ?? '?'} → missing ${f.parent}`),
        ...report.drift.map((d) => `  drift: ${d.table}: ${d.kind}: ${d.detail}`),
        ...inspection.notes.map((note) => `note: ${note}`),
      ];
      if (data.ok) return success(data, lines);
      if (history.problem && report.ok) return failure(history.problem, lines, data);
      const problems = [
        pagesOk ? '' : 'damaged pages',
        report.foreignKeys.length ? plural(report.foreignKeys.length, 'foreign key problem') : '',
        report.drift.length ? plural(report.drift.length, 'schema drift issue') : '',
        history.problem ? 'a migration history problem' : '',
      ].filter(Boolean);
      const reason = problems.join(', ');
      return failure(
        fail('Corrupt', `Check of ${db} failed: ${reason}. Nothing was changed. ${pagesOk ? '' : restoreAdvice(db)}`.trim(), {
          file: db,
          reason,
        }).toJSON(),
        lines,
        data,
      );
    } finally {
      inspection.close();
    }
  },
};
