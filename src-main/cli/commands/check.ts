/** `check`: SQLite's integrity_check, foreign keys, schema drift and migration history. */
import { checkIntegrity } from '../../db/integrity';
import { embeddedMigrations, migrationStatus } from '../../db/migrations';
import { fail } from '../../../src-shared/errors';
import { aligned, failure, plural, success } from '../output';
import { openForInspection, type Command } from './command';

export const check: Command = {
  name: 'check',
  usage: 'check',
  summary: 'integrity_check, foreign keys, schema drift and migration history (changes nothing)',
  arguments: [],
  run({ db }) {
    // Opened directly, not through the startup routine: a damaged file is reported, not refused.
    const connection = openForInspection(db);
    try {
      const report = checkIntegrity(connection.sqlite, 'full');
      const history = migrationStatus(connection.sqlite, embeddedMigrations);
      const pagesOk = report.pages.length === 1 && report.pages[0] === 'ok';
      const data = {
        file: db,
        ...report,
        ok: report.ok && !history.problem,
        schemaVersion: history.currentVersion,
        latestVersion: history.latestVersion,
        ...(history.problem ? { problem: history.problem } : {}),
      };
      const lines = [
        ...aligned([
          ['file', db],
          ['pages', pagesOk ? 'ok' : plural(report.pages.length, 'problem')],
          ['foreign keys', report.foreignKeys.length === 0 ? 'ok' : plural(report.foreignKeys.length, 'row') + ' without parent'],
          ['schema drift', report.drift.length === 0 ? 'none' : plural(report.drift.length, 'issue')],
          ['migrations', history.problem ? history.problem.code : `version ${history.currentVersion} of ${history.latestVersion}`],
        ]),
        ...(pagesOk ? [] : report.pages.slice(0, 20).map((p) => `  page: ${p}`)),
        ...report.foreignKeys.slice(0, 20).map((f) => `  foreign key: ${f.table} row ${f.rowid ?? '?'} → missing ${f.parent}`),
        ...report.drift.map((d) => `  drift: ${d.table}: ${d.kind}: ${d.detail}`),
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
        fail('Corrupt', `Check of ${db} failed: ${reason}. Nothing was changed.`, { file: db, reason }).toJSON(),
        lines,
        data,
      );
    } finally {
      connection.close();
    }
  },
};
