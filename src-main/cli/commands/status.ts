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
      const lastImport = lastImportOf(connection.sqlite);
      const data = {
        file: db,
        schemaVersion: state.currentVersion,
        latestVersion: state.latestVersion,
        pending: state.pending,
        counts,
        lastImport,
      };
      const pending = state.pending.map((m) => `${m.version} ${m.name}`).join(', ');
      const lines = aligned([
        ['file', db],
        ['schema version', `${state.currentVersion} (this build: ${state.latestVersion})`],
        ['pending', state.problem ? '-' : state.pending.length > 0 ? `${state.pending.length}: ${pending}` : 'none'],
        ...(state.problem ? ([['problem', state.problem.code]] as [string, string][]) : []),
        ['last import', lastImport ? describeImport(lastImport) : 'none'],
        ...(lastImport?.errorMessage ? ([['  reason', lastImport.errorMessage]] as [string, string][]) : []),
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

/** The newest import_log row, as far as this file's schema has one (any version). */
interface LastImport {
  id: number;
  status: string;
  filePath: string;
  startedAt: string;
  completedAt: string | null;
  recordsImported: number;
  recordsProcessed: number;
  errorMessage: string | null;
  /** Per kind, for runs that got as far as writing (inserted, updated, removed …). */
  counts: Record<string, Record<string, number>> | null;
}

function lastImportOf(sqlite: Database.Database): LastImport | null {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'import_log'").get();
  if (!exists) return null;
  const row = sqlite
    .prepare(
      `SELECT id, import_status AS status, file_path AS filePath, started_at AS startedAt, completed_at AS completedAt,
         records_imported AS recordsImported, records_processed AS recordsProcessed, error_message AS errorMessage,
         CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.counts') END AS counts
       FROM import_log ORDER BY id DESC LIMIT 1`,
    )
    .get() as (Omit<LastImport, 'counts'> & { counts: string | null }) | undefined;
  if (!row) return null;
  let counts: LastImport['counts'] = null;
  try {
    counts = row.counts ? (JSON.parse(row.counts) as LastImport['counts']) : null;
  } catch {
    counts = null;
  }
  return { ...row, counts };
}

function describeImport(last: LastImport): string {
  const when = last.completedAt ?? last.startedAt;
  const sum = (key: string) => Object.values(last.counts ?? {}).reduce((n, c) => n + (typeof c[key] === 'number' ? c[key] : 0), 0);
  const changes = last.counts
    ? `, ${sum('inserted')} inserted, ${sum('updated')} updated, ${sum('unchanged')} unchanged, ${sum('removed')} removed, ${sum('conflicts')} conflicts`
    : '';
  return `#${last.id} ${last.status} at ${when} from ${last.filePath}: ${last.recordsImported} of ${last.recordsProcessed} records imported${changes}`;
}
