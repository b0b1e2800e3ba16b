/**
 * Search index upkeep for bulk writers (the 5etools import), migration `search_index_deferral`.
 *
 * Per row, the insert and update triggers of the entity tables keep the index current; for an
 * import of the whole 5etools data that doubled the write stage (README "Search", figures). Inside
 * `deferSearchIndex` those two triggers do nothing on this connection (`mimir_search_deferred()`
 * is 1 there), and the writer tells the index what it wrote instead:
 *
 *   - `beforeUpdate(kind, ids)`, before rows are updated: their tokens leave the index, computed
 *     from the stored values as the update trigger would from OLD;
 *   - `indexWritten(kind, ids)`, after the rows were inserted or updated: their documents are
 *     added (or brought up to date, keeping their doc_id) and their tokens indexed, one statement
 *     per kind.
 *
 * Deletes are never deferred (their trigger needs the row, and a row that goes must leave the
 * index whatever removes it). All of it runs in the caller's transaction: a rollback takes rows
 * and index back together. Kinds whose triggers do not honour the deferral (a kind added without
 * it, or a catalog without the index's triggers) are left to their triggers: the calls are no-ops.
 */
import type Database from 'better-sqlite3';
import { bodyColumns, isSearchIndexDeferred, SEARCH_KINDS, setSearchIndexDeferred, type SearchKind } from './functions';

export interface DeferredSearchIndex {
  /** Kinds the deferral applies to (their triggers honour it). */
  readonly kinds: ReadonlySet<SearchKind>;
  /** Before rows of `table` are updated: removes their tokens (from the values stored now). */
  beforeUpdate(table: string, ids: readonly string[]): void;
  /** After rows of `table` were inserted or updated: adds or refreshes their documents and tokens. */
  indexWritten(table: string, ids: readonly string[]): void;
}

interface KindStatements {
  dropTokens: Database.Statement;
  upsertDocuments: Database.Statement;
  addTokens: Database.Statement;
}

/** Search kinds whose insert and update triggers honour `mimir_search_deferred()`. */
export function deferrableKinds(sqlite: Database.Database): Set<SearchKind> {
  const triggers = new Map(
    (sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[]).map((t) => [
      t.name,
      t.sql,
    ]),
  );
  return new Set(
    SEARCH_KINDS.filter((kind) =>
      ['insert', 'update'].every((event) => triggers.get(`${kind}_search_after_${event}`)?.includes('mimir_search_deferred()') === true),
    ),
  );
}

function statementsFor(sqlite: Database.Database, kind: SearchKind): KindStatements {
  // CROSS JOIN: the list drives the loop (one primary-key lookup per id); the planner would otherwise
  // scan the table and the whole list once per row.
  const rows = `json_each(?) j CROSS JOIN "${kind}" t ON t.id = j.value`;
  const document = `JOIN search_documents d ON d.entity_type = '${kind}' AND d.entity_id = t.id`;
  const text = `mimir_search_text(${bodyColumns(kind, 't')})`;
  return {
    dropTokens: sqlite.prepare(
      `INSERT INTO search_index (search_index, rowid, name, body) SELECT 'delete', d.doc_id, t.name, ${text} FROM ${rows} ${document}`,
    ),
    // In the order given, so documents are numbered as the per-row triggers would have numbered them.
    upsertDocuments: sqlite.prepare(
      `INSERT INTO search_documents (entity_type, entity_id, name, folded_name, source_id, rule_system_id)
       SELECT '${kind}', t.id, t.name, mimir_fold(t.name), t.source_id, t.rule_system_id FROM ${rows} ORDER BY j.key
       ON CONFLICT (entity_type, entity_id) DO UPDATE SET name = excluded.name, folded_name = excluded.folded_name,
         source_id = excluded.source_id, rule_system_id = excluded.rule_system_id`,
    ),
    addTokens: sqlite.prepare(`INSERT INTO search_index (rowid, name, body) SELECT d.doc_id, t.name, ${text} FROM ${rows} ${document} ORDER BY d.doc_id`),
  };
}

/**
 * Runs `fn` with the per-row index triggers suspended on this connection; `fn` must tell the
 * index what it writes (see the module comment) and run inside a transaction. Not reentrant.
 */
export function deferSearchIndex<T>(sqlite: Database.Database, fn: (index: DeferredSearchIndex) => T): T {
  if (!sqlite.inTransaction) throw new Error('deferSearchIndex needs an open transaction');
  if (isSearchIndexDeferred(sqlite)) throw new Error('deferSearchIndex is already active on this connection');
  const kinds = deferrableKinds(sqlite);
  const statements = new Map<SearchKind, KindStatements>();
  const forTable = (table: string): KindStatements | undefined => {
    if (!kinds.has(table as SearchKind)) return undefined;
    const kind = table as SearchKind;
    let found = statements.get(kind);
    if (!found) {
      found = statementsFor(sqlite, kind);
      statements.set(kind, found);
    }
    return found;
  };
  const index: DeferredSearchIndex = {
    kinds,
    beforeUpdate(table, ids) {
      if (ids.length === 0) return;
      forTable(table)?.dropTokens.run(JSON.stringify(ids));
    },
    indexWritten(table, ids) {
      if (ids.length === 0) return;
      const kind = forTable(table);
      if (!kind) return;
      const list = JSON.stringify(ids);
      kind.upsertDocuments.run(list);
      kind.addTokens.run(list);
    },
  };
  setSearchIndexDeferred(sqlite, true);
  try {
    return fn(index);
  } finally {
    setSearchIndexDeferred(sqlite, false);
  }
}
