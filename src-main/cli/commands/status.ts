/** `status`: what state a catalog file is in. Never migrates and never writes. */
import type Database from 'better-sqlite3';
import { embeddedMigrations, migrationStatus } from '../../db/migrations';
import { aligned, failure, success } from '../output';
import { openForInspection, type Command } from './command';

export const status: Command = {
  name: 'status',
  usage: 'status',
  summary: 'schema version, pending migrations and rows per table (changes nothing)',
  arguments: [],
  run({ db }) {
    const connection = openForInspection(db);
    try {
      const state = migrationStatus(connection.sqlite, embeddedMigrations);
      const counts = rowCounts(connection.sqlite);
      const data = {
        file: db,
        schemaVersion: state.currentVersion,
        latestVersion: state.latestVersion,
        pending: state.pending,
        counts,
      };
      const pending = state.pending.map((m) => `${m.version} ${m.name}`).join(', ');
      const lines = aligned([
        ['file', db],
        ['schema version', `${state.currentVersion} (this build: ${state.latestVersion})`],
        ['pending', state.problem ? '-' : state.pending.length > 0 ? `${state.pending.length}: ${pending}` : 'none'],
        ...(state.problem ? ([['problem', state.problem.code]] as [string, string][]) : []),
        ['rows', Object.keys(counts).length > 0 ? '' : 'no tables'],
        ...Object.entries(counts).map(([table, n]): [string, string] => [`  ${table}`, String(n)]),
      ]);
      return state.problem ? failure(state.problem, lines, data) : success(data, lines);
    } finally {
      connection.close();
    }
  },
};

/** Rows in every table of the live schema (whatever its version), in creation order. */
function rowCounts(sqlite: Database.Database): Record<string, number> {
  const tables = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_version' ORDER BY rowid",
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((table) => [table, sqlite.prepare(`SELECT count(*) FROM "${table.replace(/"/g, '""')}"`).pluck().get() as number]),
  );
}
