/**
 * `status`: what state a catalog file is in. Never migrates, never writes, never creates a
 * sidecar file (see openForInspection); runs SQLite's quick_check, so a damaged file is reported.
 */
import type Database from 'better-sqlite3';
import { fail } from '../../../src-shared/errors';
import { checkPages } from '../../db/integrity';
import { embeddedMigrations, migrationStatus } from '../../db/migrations';
import { newestVerifiedBackup } from '../../db/restore';
import { notACatalogReason } from '../../db/startup';
import { aligned, failure, success } from '../output';
import { openForInspection, type Command } from './command';

/** The sentence every message about a damaged catalog ends with: how to restore. */
export function restoreAdvice(file: string): string {
  const newest = newestVerifiedBackup(file);
  return newest
    ? `Restore the newest backup (${newest.file}, version ${newest.version}) with: npm run db -- restore ${newest.file} --db ${file}`
    : `No verified automatic backup exists; restore one of your own with: npm run db -- restore <backup> --db ${file}`;
}

export const status: Command = {
  name: 'status',
  usage: 'status',
  summary: 'schema version, pending migrations, quick_check and rows per table (changes nothing)',
  arguments: [],
  run({ db }) {
    const inspection = openForInspection(db);
    try {
      const { sqlite } = inspection;
      const pages = checkPages(sqlite, 'quick');
      const pagesOk = pages.length === 1 && pages[0] === 'ok';
      const foreign = notACatalogReason(sqlite);
      const state = migrationStatus(sqlite, embeddedMigrations);
      const counts = rowCounts(sqlite);
      const sidecars = inspection.probe.sidecars.map((s) => ({ kind: s.kind, path: s.path, bytes: s.size }));
      const lastImport = lastImportOf(sqlite);
      const data = {
        file: db,
        schemaVersion: state.currentVersion,
        latestVersion: state.latestVersion,
        pending: state.pending,
        pages: pagesOk ? 'ok' : pages.slice(0, 10),
        counts,
        sidecars,
        lastImport,
        ...(inspection.notes.length > 0 ? { notes: inspection.notes } : {}),
      };
      const pending = state.pending.map((m) => `${m.version} ${m.name}`).join(', ');
      const lines = [
        ...aligned([
          ['file', db],
          ['schema version', `${state.currentVersion} (this build: ${state.latestVersion})`],
          ['pending', state.problem ? '-' : state.pending.length > 0 ? `${state.pending.length}: ${pending}` : 'none'],
          ...(state.problem ? ([['problem', state.problem.code]] as [string, string][]) : []),
          ['pages', pagesOk ? 'ok (quick_check)' : `${pages.length} problems (quick_check)`],
          ['last import', lastImport ? describeImport(lastImport) : 'none'],
          ...(lastImport?.errorMessage ? ([['  reason', lastImport.errorMessage]] as [string, string][]) : []),
          ['sidecars', sidecars.length === 0 ? 'none' : sidecars.map((s) => `${s.kind} ${s.bytes} B`).join(', ')],
          ['rows', Object.keys(counts).length > 0 ? '' : 'no tables'],
          ...Object.entries(counts).map(([table, n]): [string, string] => [`  ${table}`, String(n)]),
        ]),
        ...inspection.notes.map((note) => `note: ${note}`),
      ];
      if (foreign) {
        return failure(
          fail('NotACatalog', `${db} is a SQLite database but not a Mimir catalog: ${foreign}. It was not changed.`, { file: db, reason: foreign }).toJSON(),
          lines,
          data,
        );
      }
      if (!pagesOk) {
        return failure(
          fail('Corrupt', `${db} is damaged (${pages.slice(0, 3).join('; ')}). It was not changed. ${restoreAdvice(db)}`, {
            file: db,
            reason: pages.slice(0, 10).join('; '),
          }).toJSON(),
          lines,
          data,
        );
      }
      return state.problem ? failure(state.problem, lines, data) : success(data, lines);
    } finally {
      inspection.close();
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
  const counts: Record<string, number> = {};
  for (const table of tables) {
    try {
      counts[table] = sqlite.prepare(`SELECT count(*) FROM "${table.replace(/"/g, '""')}"`).pluck().get() as number;
    } catch {
      counts[table] = -1; // unreadable: quick_check says why
    }
  }
  return counts;
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
  try {
    return readLastImport(sqlite);
  } catch {
    // A damaged or foreign file: quick_check and the probe report it.
    return null;
  }
}

function readLastImport(sqlite: Database.Database): LastImport | null {
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
