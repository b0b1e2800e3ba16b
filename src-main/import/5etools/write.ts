/**
 * The write stage of a 5etools import: a sync of the prepared rows with what the catalog holds,
 * in one transaction, with its import_log row. Rules (README "Re-import as a sync"):
 *
 * - A row is compared column by column, as it would be stored, with the stored row of the same
 *   id: equal → unchanged (not written); new → inserted with origin `import`; different →
 *   updated, unless the stored row is the user's (origin `user`, or `user_edited_at` set): then
 *   the user's row is kept and the row is reported as a conflict.
 * - Removal: a row an import wrote (origin `import`, never edited by the user) that the new data
 *   no longer contains is deleted, but only within the new import's scope: the books (source
 *   ids) that have at least one row of that kind in the new data. Importing a second, different
 *   folder thus never removes the first one's rows. Kept instead, and reported: rows still
 *   pointed at by rows that stay (the user's among them), and rows whose record the new import
 *   skipped (a record it could not read is not a record that was withdrawn). Sources are never
 *   removed.
 * - A dry run classifies exactly the same way from reads alone and writes nothing.
 *
 * The importer writes through these statements rather than the repositories' batchUpsert: API
 * writes mark rows as the user's, imports must not, and a sync reads each table once instead of
 * looking rows up one by one. The rows were checked against the insert schemas in prepare.ts.
 */
import type Database from 'better-sqlite3';
import { getTableColumns, is, SQL } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { catalogEntities } from '../../../src-shared/catalog/entities';
import { PROVENANCE_KEYS } from '../../../src-shared/catalog/tables/columns';
import { fail } from '../../../src-shared/errors';
import { allTables, type Catalog } from '../../db/catalog';
import { referencesAfterImport } from '../../db/references';
import { deferSearchIndex, type DeferredSearchIndex } from '../../db/search';
import { TABLES, type PreparedImport, type Row } from './prepare';
import { RULE_SYSTEM_ROWS } from './rule-system';
import {
  IMPORT_KINDS,
  type ImportKind,
  type ImportProgress,
  type ImportResult,
  type KeptRow,
  type KindCounts,
  type SyncConflict,
  type SyncReport,
} from './types';

/** Rows written between two progress reports and cancellation checks. */
export const BATCH_SIZE = 100;

/** Most referencing rows named per kept row in the report. */
const REFERENCES_NAMED = 20;

export interface WriteOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Checked before every batch: once aborted, `Cancelled` is thrown and the transaction rolls back. */
  signal?: AbortSignal;
  /** Classify and report, write nothing (no import_log row either). */
  dryRun?: boolean;
  /** When the run began (before reading), for the import_log row. */
  startedAt?: string;
}

type Action = 'insert' | 'update' | 'unchanged' | 'conflict';

/** The statements and column encoding the sync uses for one table. */
interface TableSync {
  name: string;
  /** Keys the importer writes, `id` first. */
  keys: string[];
  encode(row: Row): unknown[];
  /** origin, user_edited_at, then the written columns in `keys` order; raw arrays. */
  select: Database.Statement;
  insert: Database.Statement;
  update: Database.Statement;
  remove: Database.Statement;
  /** Foreign keys of any table that point here (RESTRICT: a referenced row cannot go). */
  inbound: { table: string; statement: Database.Statement }[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function tableSync(sqlite: Database.Database, table: SQLiteTable): TableSync {
  const name = getTableConfig(table).name;
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const skip = new Set<string>(['createdAt', 'updatedAt', ...PROVENANCE_KEYS]);
  const keys = [
    'id',
    ...Object.keys(columns).filter((key) => key !== 'id' && !skip.has(key) && !(columns[key] as SQLiteColumn).generated),
  ];
  const sqlNames = keys.map((key) => quote((columns[key] as SQLiteColumn).name));
  const encoders = keys.map((key) => {
    const column = columns[key] as SQLiteColumn;
    const fallback: unknown = column.default;
    const absent = fallback === undefined || is(fallback, SQL) ? null : column.mapToDriverValue(fallback);
    return (value: unknown) => (value === undefined ? absent : value === null ? null : column.mapToDriverValue(value));
  });
  const inbound: TableSync['inbound'] = [];
  for (const other of allTables) {
    const config = getTableConfig(other);
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      if (ref.foreignTable !== table || fk.onDelete === 'cascade') continue;
      const column = ref.columns[0] as SQLiteColumn;
      const key = config.columns.some((c) => c.name === 'id') ? '"id"' : 'rowid';
      inbound.push({
        table: config.name,
        statement: sqlite.prepare(`SELECT ${key} AS id FROM ${quote(config.name)} WHERE ${quote(column.name)} = ?`).pluck(),
      });
    }
  }
  const now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
  return {
    name,
    keys,
    encode: (row) => keys.map((key, i) => (encoders[i] as (v: unknown) => unknown)(row[key])),
    select: sqlite.prepare(`SELECT "origin", "user_edited_at", ${sqlNames.join(', ')} FROM ${quote(name)}`).raw(true),
    insert: sqlite.prepare(
      `INSERT INTO ${quote(name)} (${sqlNames.join(', ')}, "origin") VALUES (${keys.map(() => '?').join(', ')}, 'import')`,
    ),
    update: sqlite.prepare(
      `UPDATE ${quote(name)} SET ${sqlNames
        .slice(1)
        .map((column) => `${column} = ?`)
        .join(', ')}, "updated_at" = ${now} WHERE "id" = ?`,
    ),
    remove: sqlite.prepare(`DELETE FROM ${quote(name)} WHERE "id" = ?`),
    inbound,
  };
}

/** A row the sync would remove, with what it needs to decide and to report. */
interface Candidate {
  id: string;
  name: string;
  source: string;
}

interface KindPlan {
  kind: ImportKind;
  sync: TableSync;
  rows: Row[];
  actions: Action[];
  candidates: Candidate[];
}

function cancelled(): never {
  throw fail('Cancelled', 'The import was cancelled; nothing was written.', { operation: 'import' });
}

export function emptyCounts(): Record<ImportKind, KindCounts> {
  return Object.fromEntries(
    IMPORT_KINDS.map((kind) => [
      kind,
      {
        imported: 0,
        skipped: 0,
        read: 0,
        generated: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        warnings: 0,
        removed: 0,
        keptReferenced: 0,
        keptSkipped: 0,
        conflicts: 0,
      },
    ]),
  ) as Record<ImportKind, KindCounts>;
}

/**
 * Compares the prepared rows of one kind with the stored table: what to insert, update, leave,
 * and which stored rows are candidates for removal. Reads only.
 */
function planKind(kind: ImportKind, sync: TableSync, rows: Row[], conflicts: SyncConflict[]): KindPlan {
  const index = new Map<string, number>();
  rows.forEach((row, i) => index.set(row.id, i));
  const actions: Action[] = rows.map(() => 'insert');
  const candidates: Candidate[] = [];
  // Removal scope: the books this data has rows of, for this kind. Sources are never removed.
  const scope = kind === 'sources' ? new Set<string>() : new Set(rows.map((row) => row.sourceId));
  const nameAt = sync.keys.indexOf(kind === 'sources' ? 'fullName' : 'name');
  const sourceAt = sync.keys.indexOf('sourceId');
  const offset = 2; // origin, user_edited_at
  for (const stored of sync.select.iterate() as IterableIterator<unknown[]>) {
    const id = stored[offset] as string;
    const origin = stored[0];
    const edited = stored[1] !== null;
    const at = index.get(id);
    if (at === undefined) {
      const source = sourceAt < 0 ? id : (stored[offset + sourceAt] as string);
      if (origin === 'import' && !edited && scope.has(source)) {
        candidates.push({ id, name: String(stored[offset + nameAt]), source });
      }
      continue;
    }
    const row = rows[at] as Row;
    const encoded = sync.encode(row);
    let same = true;
    for (let i = 1; i < encoded.length; i += 1) {
      if (encoded[i] !== stored[offset + i]) {
        same = false;
        break;
      }
    }
    if (same) actions[at] = 'unchanged';
    else if (origin === 'user' || edited) {
      actions[at] = 'conflict';
      conflicts.push({
        kind,
        id,
        name: String(stored[offset + nameAt]),
        source: sourceAt < 0 ? id : String(stored[offset + sourceAt]),
        reason: origin === 'user' ? 'user-created' : 'user-edited',
      });
    } else actions[at] = 'update';
  }
  return { kind, sync, rows, actions, candidates };
}

/**
 * Splits the removal candidates of one kind into rows to delete (children before parents) and
 * rows kept: those whose record this import skipped, and those that rows staying in the catalog
 * point at (directly, or through a kept row). Rows of the new data that the sync writes are
 * not counted as pointing at a candidate: they point where the new data says, never at a row
 * it no longer has. Reads only, so a dry run decides exactly as the real run does.
 */
function planRemoval(plan: KindPlan, skippedKeys: Set<string>): { remove: string[]; kept: KeptRow[] } {
  const { kind, sync, rows, actions } = plan;
  const kept: KeptRow[] = [];
  const candidates = new Map<string, Candidate>();
  for (const candidate of plan.candidates) {
    if (skippedKeys.has(`${kind}|${candidate.name.toLowerCase()}|${candidate.source}`)) {
      kept.push({ kind, ...candidate, reason: 'skipped', referencedBy: [] });
    } else candidates.set(candidate.id, candidate);
  }
  const written = new Set<string>();
  rows.forEach((row, i) => {
    if (actions[i] !== 'conflict') written.add(row.id);
  });
  // For each candidate: the candidates pointing at it, and the rows that stay and point at it.
  const children = new Map<string, string[]>();
  const outside = new Map<string, { table: string; id: string }[]>();
  for (const id of candidates.keys()) {
    const inner: string[] = [];
    const external: { table: string; id: string }[] = [];
    for (const ref of sync.inbound) {
      for (const other of ref.statement.all(id) as unknown[]) {
        const otherId = String(other);
        if (ref.table === sync.name && candidates.has(otherId)) inner.push(otherId);
        else if (!(ref.table === sync.name && written.has(otherId))) external.push({ table: ref.table, id: otherId });
      }
    }
    children.set(id, inner);
    if (external.length > 0) outside.set(id, external);
  }
  // Kept: pointed at from outside, or by a kept candidate (to a fixed point).
  const keptIds = new Set<string>();
  const keep = (id: string, by: { table: string; id: string }[]) => {
    if (keptIds.has(id)) return;
    keptIds.add(id);
    const candidate = candidates.get(id) as Candidate;
    kept.push({ kind, ...candidate, reason: 'referenced', referencedBy: by.slice(0, REFERENCES_NAMED) });
  };
  let changed = true;
  for (const [id, by] of outside) keep(id, by);
  while (changed) {
    changed = false;
    for (const [id, inner] of children) {
      if (keptIds.has(id)) continue;
      const keptChildren = inner.filter((child) => keptIds.has(child));
      if (keptChildren.length > 0) {
        keep(
          id,
          keptChildren.map((child) => ({ table: sync.name, id: child })),
        );
        changed = true;
      }
    }
  }
  // Children first, so no RESTRICT foreign key is ever violated.
  const remove: string[] = [];
  const visited = new Set<string>();
  const visit = (id: string) => {
    if (visited.has(id) || keptIds.has(id)) return;
    visited.add(id);
    for (const child of children.get(id) ?? []) visit(child);
    remove.push(id);
  };
  for (const id of candidates.keys()) visit(id);
  return { remove, kept };
}

/**
 * Writes (or, with `dryRun`, only plans) a prepared import as a sync, in one transaction, and
 * records it in import_log. Throws CatalogError; `Cancelled` once `signal` is aborted.
 */
export function writeImport(catalog: Catalog, dataDir: string, prepared: PreparedImport, options: WriteOptions = {}): ImportResult {
  const { sqlite } = catalog.connection;
  const run = () => sync(catalog, dataDir, prepared, options);
  // A dry run reads in one (deferred) transaction, so it sees one consistent state, and works on
  // a read-only connection; a real run takes the write lock up front.
  return options.dryRun ? sqlite.transaction(run).deferred() : catalog.transaction(run);
}

function sync(catalog: Catalog, dataDir: string, prepared: PreparedImport, options: WriteOptions): ImportResult {
  const { sqlite } = catalog.connection;
  const dryRun = options.dryRun === true;
  const check = () => {
    if (options.signal?.aborted) cancelled();
  };
  check();
  const counts = emptyCounts();
  const report: SyncReport = {
    changes: Object.fromEntries(
      IMPORT_KINDS.map((kind) => [kind, { inserted: [] as string[], updated: [] as string[], removed: [] as string[] }]),
    ) as SyncReport['changes'],
    kept: [],
    conflicts: [],
  };
  const total = IMPORT_KINDS.reduce((sum, kind) => sum + prepared.rows[kind].length, 0);
  let done = 0;
  if (!dryRun) catalog.ruleSystems.batchUpsert(RULE_SYSTEM_ROWS);

  const plans: KindPlan[] = [];
  const skippedKeys = new Set(prepared.skipped.map((s) => `${s.kind}|${s.name.toLowerCase()}|${s.source}`));
  // The rows go in with the search index's per-row triggers suspended; the index takes the rows
  // written in one statement per kind afterwards (src-main/db/search/upkeep.ts), in this transaction.
  const writeRows = (index: DeferredSearchIndex | null) => {
    for (const kind of IMPORT_KINDS) {
      check();
      const sync = tableSync(sqlite, catalogEntities[TABLES[kind].key].table);
      const plan = planKind(kind, sync, prepared.rows[kind], report.conflicts);
      plans.push(plan);
      const count = counts[kind];
      const changes = report.changes[kind];
      index?.beforeUpdate(sync.name, plan.rows.filter((_, i) => plan.actions[i] === 'update').map((row) => row.id));
      // Rows in the prepared order: parents come before their children.
      for (let at = 0; at < plan.rows.length; at += BATCH_SIZE) {
        check();
        const end = Math.min(at + BATCH_SIZE, plan.rows.length);
        for (let i = at; i < end; i += 1) {
          const row = plan.rows[i] as Row;
          const action = plan.actions[i] as Action;
          if (action === 'insert') {
            if (!dryRun) sync.insert.run(sync.encode(row));
            count.inserted += 1;
            changes.inserted.push(row.id);
          } else if (action === 'update') {
            if (!dryRun) {
              const values = sync.encode(row);
              sync.update.run([...values.slice(1), row.id]);
            }
            count.updated += 1;
            changes.updated.push(row.id);
          } else if (action === 'unchanged') count.unchanged += 1;
          else count.conflicts += 1;
        }
        done += end - at;
        options.onProgress?.({ stage: 'writing', done, total, kind });
      }
      if (plan.rows.length === 0) options.onProgress?.({ stage: 'writing', done, total, kind });
    }

    // Removal last, dependants' kinds first (none of the kinds point at a later kind's rows).
    for (const plan of [...plans].reverse()) {
      if (plan.candidates.length === 0) continue;
      check();
      const { remove, kept } = planRemoval(plan, skippedKeys);
      for (const id of remove) if (!dryRun) plan.sync.remove.run(id);
      const count = counts[plan.kind];
      count.removed = remove.length;
      count.keptReferenced = kept.filter((k) => k.reason === 'referenced').length;
      count.keptSkipped = kept.length - count.keptReferenced;
      report.changes[plan.kind].removed.push(...remove);
      report.kept.push(...kept);
    }
    // Before the references: they resolve names through search_documents.
    for (const plan of plans) {
      check();
      const changes = report.changes[plan.kind];
      index?.indexWritten(plan.sync.name, [...changes.inserted, ...changes.updated]);
    }
  };
  if (dryRun) writeRows(null);
  else deferSearchIndex(sqlite, writeRows);

  for (const kind of IMPORT_KINDS) {
    const count = counts[kind];
    count.imported = count.inserted + count.updated + count.unchanged;
    count.read = prepared.read[kind];
    count.generated = prepared.generated[kind];
    count.skipped = prepared.skipped.filter((s) => s.kind === kind).length;
    count.warnings = prepared.warnings.filter((w) => w.kind === kind).length;
  }
  // Cross-references of the rows written (content_references), in the same transaction; removed
  // rows lost theirs to a trigger. A dry run writes none, so it reports none.
  check();
  const references = dryRun
    ? null
    : referencesAfterImport(
        sqlite,
        // Keyed by table name (`rules_terms` for the import kind `rulesTerms`).
        Object.fromEntries(IMPORT_KINDS.map((kind) => [catalogEntities[TABLES[kind].key].name, [...report.changes[kind].inserted, ...report.changes[kind].updated]])),
        { inserted: IMPORT_KINDS.some((kind) => report.changes[kind].inserted.length > 0), check },
      );

  const recordsImported = IMPORT_KINDS.reduce((sum, kind) => sum + counts[kind].imported, 0);
  const recordsProcessed = recordsImported + prepared.skipped.length;
  const status = prepared.skipped.length > 0 || prepared.warnings.length > 0 ? 'partial' : 'success';
  check();
  const logId = dryRun
    ? null
    : catalog.importLog.create({
        filePath: dataDir,
        fileType: '5etools',
        importStatus: status,
        recordsProcessed,
        recordsImported,
        startedAt: options.startedAt ?? new Date().toISOString(),
        completedAt: new Date().toISOString(),
        metadata: {
          files: prepared.files,
          absentFiles: prepared.absentFiles as unknown as Record<string, string>[],
          counts: counts as unknown as Record<string, Record<string, number>>,
          skipped: prepared.skipped as unknown as Record<string, string>[],
          warnings: prepared.warnings as unknown as Record<string, string>[],
          // The rows left alone for the user's sake, and those removed; not every id written.
          removed: Object.fromEntries(IMPORT_KINDS.map((kind) => [kind, report.changes[kind].removed])),
          kept: report.kept as unknown as Record<string, string>[],
          conflicts: report.conflicts as unknown as Record<string, string>[],
          // Broken links grouped by target (the first 100), with the totals.
          references: references as unknown as Record<string, string>,
        },
      }).id;
  return {
    logId,
    dryRun,
    status,
    counts,
    skipped: prepared.skipped,
    warnings: prepared.warnings,
    recordsProcessed,
    recordsImported,
    files: prepared.files,
    absentFiles: prepared.absentFiles,
    sync: report,
    references,
  };
}
