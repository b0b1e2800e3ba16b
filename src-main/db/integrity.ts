/**
 * Health checks of a catalog file: SQLite's own page checks, foreign keys, and schema drift
 * between the drizzle tables this build was written against and the live database.
 */
import type Database from 'better-sqlite3';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { DriftIssue, ForeignKeyProblem, IntegrityReport } from '../../src-shared/db-types';
import { allTables } from './catalog';
import { checkColumnFacts } from './column-facts';
import { SEARCH_TABLES, SEARCH_TRIGGERS } from './search/schema';

export type { DriftIssue, ForeignKeyProblem, IntegrityReport };

/** `quick_check` (fast, run at every start) or the full `integrity_check`. */
export function checkPages(sqlite: Database.Database, mode: 'quick' | 'full' = 'quick'): string[] {
  try {
    const rows = sqlite.pragma(mode === 'quick' ? 'quick_check' : 'integrity_check') as Record<string, string>[];
    return rows.map((row) => Object.values(row)[0] ?? '');
  } catch (error) {
    // A page so damaged that the check itself stops (SQLITE_CORRUPT) is a finding, not a crash.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) {
      return [`${mode === 'quick' ? 'quick_check' : 'integrity_check'} stopped: ${(error as Error).message}`];
    }
    throw error;
  }
}

export function checkForeignKeys(sqlite: Database.Database): ForeignKeyProblem[] {
  return (sqlite.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[]).map(
    ({ table, rowid, parent }) => ({ table, rowid, parent }),
  );
}

interface XInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
  hidden: number;
}

interface IndexListRow {
  name: string;
  unique: number;
  origin: 'c' | 'u' | 'pk';
  partial: number;
}

const IGNORED_TABLES = new Set(['schema_version']);

export function checkSchemaDrift(sqlite: Database.Database, tables: readonly SQLiteTable[] = allTables): DriftIssue[] {
  // CHECK value lists, defaults and generated expressions (./column-facts.ts) first, per table below.
  const issues: DriftIssue[] = [...checkColumnFacts(sqlite, tables)];
  // FTS5 keeps its data in shadow tables (search_index_data …): they belong to their virtual table.
  const live = new Set(
    (
      sqlite
        .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%'")
        .all() as { name: string }[]
    ).map((r) => r.name),
  );
  const known = new Set<string>(SEARCH_TABLES);
  for (const name of SEARCH_TABLES) {
    if (!live.has(name)) issues.push({ table: name, kind: 'missing-table', detail: `search table ${name} does not exist` });
  }
  issues.push(...triggerDrift(sqlite, live));
  for (const table of tables) {
    const config = getTableConfig(table);
    known.add(config.name);
    if (!live.has(config.name)) {
      issues.push({ table: config.name, kind: 'missing-table', detail: `table ${config.name} does not exist` });
      continue;
    }
    issues.push(...columnDrift(sqlite, config), ...indexDrift(sqlite, config));
  }
  for (const name of live) {
    if (!known.has(name) && !IGNORED_TABLES.has(name)) {
      issues.push({ table: name, kind: 'extra-table', detail: `table ${name} is not part of this build's schema` });
    }
  }
  return issues;
}

/** The search index's triggers, on the tables that exist (a missing table is reported as such). */
function triggerDrift(sqlite: Database.Database, live: ReadonlySet<string>): DriftIssue[] {
  const triggers = new Set(
    (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]).map((r) => r.name),
  );
  const issues: DriftIssue[] = [];
  for (const [table, names] of Object.entries(SEARCH_TRIGGERS)) {
    if (!live.has(table)) continue;
    for (const name of names) {
      if (!triggers.has(name)) {
        issues.push({ table, kind: 'missing-trigger', detail: `trigger ${name} (search index) does not exist` });
      }
    }
  }
  return issues;
}

type TableConfig = ReturnType<typeof getTableConfig>;

function columnDrift(sqlite: Database.Database, config: TableConfig): DriftIssue[] {
  const issues: DriftIssue[] = [];
  const table = config.name;
  const liveColumns = new Map(
    (sqlite.prepare('SELECT * FROM pragma_table_xinfo(?)').all(table) as XInfo[]).map((c) => [c.name, c]),
  );
  const compositeKey = new Set(config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)));
  for (const column of config.columns as SQLiteColumn[]) {
    const liveColumn = liveColumns.get(column.name);
    liveColumns.delete(column.name);
    if (!liveColumn) {
      issues.push({ table, kind: 'missing-column', detail: `column ${column.name} does not exist` });
      continue;
    }
    const expectedType = column.getSQLType().toUpperCase();
    if (liveColumn.type.toUpperCase() !== expectedType) {
      issues.push({
        table,
        kind: 'column-type',
        detail: `column ${column.name} is ${liveColumn.type || 'untyped'}, expected ${expectedType}`,
      });
    }
    const isKey = column.primary || compositeKey.has(column.name);
    const expectNotNull = column.notNull && !(isKey && column.getSQLType() === 'integer');
    if (Boolean(liveColumn.notnull) !== expectNotNull) {
      issues.push({
        table,
        kind: 'column-not-null',
        detail: `column ${column.name} is ${liveColumn.notnull ? 'NOT NULL' : 'nullable'}, expected ${expectNotNull ? 'NOT NULL' : 'nullable'}`,
      });
    }
    if (Boolean(liveColumn.pk) !== isKey) {
      issues.push({
        table,
        kind: 'column-primary-key',
        detail: `column ${column.name} is ${liveColumn.pk ? '' : 'not '}part of the primary key`,
      });
    }
    const liveGenerated = liveColumn.hidden === 2 || liveColumn.hidden === 3;
    if (liveGenerated !== Boolean(column.generated)) {
      issues.push({
        table,
        kind: 'column-generated',
        detail: `column ${column.name} is ${liveGenerated ? '' : 'not '}generated in the database`,
      });
    }
  }
  for (const extra of liveColumns.keys()) {
    issues.push({ table, kind: 'extra-column', detail: `column ${extra} is not part of this build's schema` });
  }
  return issues;
}

function indexColumns(sqlite: Database.Database, index: string): string[] {
  return (sqlite.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(index) as { name: string }[]).map(
    (r) => r.name,
  );
}

function indexDrift(sqlite: Database.Database, config: TableConfig): DriftIssue[] {
  const issues: DriftIssue[] = [];
  const table = config.name;
  const liveIndexes = sqlite.prepare('SELECT * FROM pragma_index_list(?)').all(table) as IndexListRow[];
  const created = new Map(liveIndexes.filter((i) => i.origin === 'c').map((i) => [i.name, i]));
  for (const index of config.indexes) {
    const name = index.config.name;
    const expectedColumns = index.config.columns.map((c) => (c as SQLiteColumn).name);
    const live = created.get(name);
    created.delete(name);
    if (!live) {
      issues.push({ table, kind: 'missing-index', detail: `index ${name} (${expectedColumns.join(', ')}) does not exist` });
      continue;
    }
    const liveColumns = indexColumns(sqlite, name);
    const partial = index.config.where !== undefined;
    if (
      liveColumns.join(',') !== expectedColumns.join(',') ||
      Boolean(live.unique) !== Boolean(index.config.unique) ||
      Boolean(live.partial) !== partial
    ) {
      issues.push({
        table,
        kind: 'index-definition',
        detail: `index ${name} is on (${liveColumns.join(', ')})${live.unique ? ' unique' : ''}${live.partial ? ' partial' : ''}, expected (${expectedColumns.join(', ')})${index.config.unique ? ' unique' : ''}${partial ? ' partial' : ''}`,
      });
    }
  }
  for (const extra of created.keys()) {
    issues.push({ table, kind: 'extra-index', detail: `index ${extra} is not part of this build's schema` });
  }
  // UNIQUE constraints become automatic indexes; compare them by their column lists.
  const liveUnique = liveIndexes
    .filter((i) => i.origin === 'u')
    .map((i) => indexColumns(sqlite, i.name).join(','))
    .sort();
  const expectedUnique = config.uniqueConstraints.map((u) => u.columns.map((c) => c.name).join(',')).sort();
  if (liveUnique.join('|') !== expectedUnique.join('|')) {
    issues.push({
      table,
      kind: 'index-definition',
      detail: `unique constraints are (${liveUnique.join(') (')}), expected (${expectedUnique.join(') (')})`,
    });
  }
  return issues;
}

export function checkIntegrity(sqlite: Database.Database, mode: 'quick' | 'full' = 'full'): IntegrityReport {
  const pages = checkPages(sqlite, mode);
  const foreignKeys = checkForeignKeys(sqlite);
  const drift = checkSchemaDrift(sqlite);
  return {
    ok: pages.length === 1 && pages[0] === 'ok' && foreignKeys.length === 0 && drift.length === 0,
    pages,
    foreignKeys,
    drift,
  };
}

interface LiveColumn {
  name: string;
  type: string;
  notnull: number;
  pk: number;
  hidden: number;
}

interface LiveIndex {
  name: string;
  unique: number;
  partial: number;
  columns: string;
}

function liveTables(sqlite: Database.Database): string[] {
  return sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    .pluck()
    .all() as string[];
}

function liveIndexes(sqlite: Database.Database, table: string): Map<string, LiveIndex> {
  const rows = sqlite.prepare('SELECT name, "unique", partial FROM pragma_index_list(?)').all(table) as Omit<LiveIndex, 'columns'>[];
  return new Map(rows.map((row) => [row.name, { ...row, columns: indexColumns(sqlite, row.name).join(', ') }]));
}

/**
 * Schema drift of `live` against `reference` (a database built by this build's migrations up to
 * the same version): for a file at an older version, which the drizzle tables (the latest
 * schema) would call drifted in every table a later migration touches.
 */
export function compareSchemas(live: Database.Database, reference: Database.Database): DriftIssue[] {
  const issues: DriftIssue[] = [];
  const liveNames = new Set(liveTables(live));
  for (const table of liveTables(reference)) {
    if (!liveNames.delete(table)) {
      issues.push({ table, kind: 'missing-table', detail: `table ${table} does not exist` });
      continue;
    }
    const columns = (db: Database.Database) =>
      new Map((db.prepare('SELECT * FROM pragma_table_xinfo(?)').all(table) as LiveColumn[]).map((c) => [c.name, c]));
    const liveColumns = columns(live);
    for (const [name, expected] of columns(reference)) {
      const actual = liveColumns.get(name);
      liveColumns.delete(name);
      if (!actual) {
        issues.push({ table, kind: 'missing-column', detail: `column ${name} does not exist` });
      } else if (actual.type.toUpperCase() !== expected.type.toUpperCase()) {
        issues.push({ table, kind: 'column-type', detail: `column ${name} is ${actual.type || 'untyped'}, expected ${expected.type}` });
      } else if (actual.notnull !== expected.notnull) {
        issues.push({ table, kind: 'column-not-null', detail: `column ${name} is ${actual.notnull ? 'NOT NULL' : 'nullable'}` });
      } else if (actual.pk !== expected.pk) {
        issues.push({ table, kind: 'column-primary-key', detail: `column ${name} differs in the primary key` });
      } else if (actual.hidden !== expected.hidden) {
        issues.push({ table, kind: 'column-generated', detail: `column ${name} differs in being generated` });
      }
    }
    for (const extra of liveColumns.keys()) {
      issues.push({ table, kind: 'extra-column', detail: `column ${extra} is not part of this version's schema` });
    }
    const indexes = liveIndexes(live, table);
    for (const [name, expected] of liveIndexes(reference, table)) {
      const actual = indexes.get(name);
      indexes.delete(name);
      if (!actual) {
        issues.push({ table, kind: 'missing-index', detail: `index ${name} (${expected.columns}) does not exist` });
      } else if (actual.columns !== expected.columns || actual.unique !== expected.unique || actual.partial !== expected.partial) {
        issues.push({ table, kind: 'index-definition', detail: `index ${name} is on (${actual.columns}), expected (${expected.columns})` });
      }
    }
    for (const extra of indexes.keys()) {
      issues.push({ table, kind: 'extra-index', detail: `index ${extra} is not part of this version's schema` });
    }
  }
  for (const extra of liveNames) {
    if (!IGNORED_TABLES.has(extra)) issues.push({ table: extra, kind: 'extra-table', detail: `table ${extra} is not part of this version's schema` });
  }
  return issues;
}

/**
 * Integrity of a file judged against its own schema version: pages, foreign keys, and drift
 * against what this build's migrations 1…version create (the drizzle tables at the latest version).
 */
export function checkIntegrityAtVersion(
  sqlite: Database.Database,
  version: number,
  migrations: readonly { up: string }[],
  mode: 'quick' | 'full' = 'full',
): IntegrityReport {
  if (version >= migrations.length) return checkIntegrity(sqlite, mode);
  const pages = checkPages(sqlite, mode);
  const foreignKeys = checkForeignKeys(sqlite);
  const reference = new (sqlite.constructor as typeof Database)(':memory:');
  let drift: DriftIssue[];
  try {
    for (const migration of migrations.slice(0, version)) reference.exec(migration.up);
    drift = compareSchemas(sqlite, reference);
  } finally {
    reference.close();
  }
  return {
    ok: pages.length === 1 && pages[0] === 'ok' && foreignKeys.length === 0 && drift.length === 0,
    pages,
    foreignKeys,
    drift,
  };
}
