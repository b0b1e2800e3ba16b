/**
 * The one repository implementation. Each table's repository is this code applied to its
 * entity definition (src-shared/catalog/entities): the definition says what is particular to
 * the table, this file does everything else — validation, prepared statements, error mapping,
 * pagination, reference checks and batch upserts.
 */
import type Database from 'better-sqlite3';
import { and, asc, count, desc, eq, fillPlaceholders, getTableColumns, is, sql, SQL } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  DEFAULT_PAGE_SIZE,
  filterSchema,
  listInputSchema,
  type EntityDefinition,
  type FilterOf,
  type IdOf,
  type InsertOf,
  type ListInputOf,
  type Page,
  type RowOf,
  type UpdateOf,
  type SummaryOf,
  type UpsertResult,
  summaryKeys,
} from '../../src-shared/catalog/define';
import { nowIso } from '../../src-shared/catalog/tables/columns';
import { PROVENANCE_KEYS } from '../../src-shared/catalog/tables/columns';
import { CatalogError, fail, type ReferencingRows } from '../../src-shared/errors';
import type { CatalogDb } from './connection';
import { countedNoun, referenceSentence, refusalMessage } from './reference-wording';
import { toCatalogError } from './sqlite-errors';
import { validate } from '../../src-shared/validation';

export type { IdOf, UpsertResult };

export interface Repository<D extends EntityDefinition> {
  readonly definition: D;
  /** Inserts a new row; AlreadyExists if the id is taken. Returns the stored row. */
  create(input: InsertOf<D>): RowOf<D>;
  /** The row with this id, or NotFound. */
  get(id: IdOf<D>): RowOf<D>;
  /** The row with this id, or undefined. */
  find(id: IdOf<D>): RowOf<D> | undefined;
  /** Changes the given columns and bumps `updated_at`. Returns the stored row. */
  update(id: IdOf<D>, patch: UpdateOf<D>): RowOf<D>;
  /** Deletes the row; ReferencedByOthers (with counts) while other rows point at it. */
  delete(id: IdOf<D>): { id: IdOf<D> };
  /** One page of rows matching the filter, sorted, with the total count. */
  list(input?: ListInputOf<D>): Page<RowOf<D>>;
  /** The same page as `list`, each row without its JSON columns but `reprintedAs` (`SummaryOf`). */
  summaries(input?: ListInputOf<D>): Page<SummaryOf<D>>;
  count(filter?: FilterOf<D>): number;
  /** Inserts or updates every row in one transaction: all or nothing. */
  batchUpsert(rows: InsertOf<D>[]): UpsertResult;
  /**
   * SQLite's plan (EXPLAIN QUERY PLAN `detail` lines) for the two statements `list(input)` runs,
   * so tests and diagnostics can check that a filter is answered from its index. Read-only.
   */
  explainList(input?: ListInputOf<D>): QueryPlan;
}

export interface QueryPlan {
  /** The page query (filter, sort, limit, offset). */
  rows: string[];
  /** The total-count query (filter only). */
  count: string[];
}

/** A foreign key of some table that points at this table's rows. */
interface InboundReference {
  entity: string;
  column: string;
  countStatement: () => { get(params: { id: unknown }): { n: number } | undefined };
}

interface OutboundReference {
  key: string;
  column: string;
  foreignTable: string;
  existsStatement: () => { get(params: { id: unknown }): unknown };
}

const MAX_CACHED_STATEMENTS = 128;

/** One filter of a list query and the SQL form its value needs. */
interface FilterPart {
  key: string;
  form: string | undefined;
}

/** A small cache of prepared statements keyed by the shape of a query (which filters, which sort). */
class StatementCache<T> {
  private readonly entries = new Map<string, T>();
  get(key: string, build: () => T): T {
    let value = this.entries.get(key);
    if (value === undefined) {
      if (this.entries.size >= MAX_CACHED_STATEMENTS) {
        const oldest = this.entries.keys().next().value as string;
        this.entries.delete(oldest);
      }
      value = build();
      this.entries.set(key, value);
    }
    return value;
  }
}

export interface RepositoryContext {
  db: CatalogDb;
  /** Runs `fn` in a transaction (a savepoint when one is already open). */
  transaction<T>(fn: () => T): T;
  /** Every table of the schema, to find the foreign keys that point at this one. */
  allTables: readonly SQLiteTable[];
}

export function createRepository<D extends EntityDefinition>(definition: D, context: RepositoryContext): Repository<D> {
  type Row = RowOf<D>;
  type Id = IdOf<D>;
  const { db } = context;
  const table = definition.table;
  const entity = definition.name;
  const label = definition.label;
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const idColumn: SQLiteColumn = requireColumn(columns, 'id', entity);
  const hasUpdatedAt = 'updatedAt' in columns;
  // Tables with provenance (entity tables, sources): every API write marks the row as the user's.
  // A new row gets origin's default, 'user'; a change to an existing row (update, or a batch
  // upsert that changes it) sets user_edited_at, so the importer's sync leaves it alone.
  const hasProvenance = 'userEditedAt' in columns && 'origin' in columns;
  const userEdit = hasProvenance ? { userEditedAt: nowIso } : {};

  // Columns the application writes: not generated, not managed timestamps.
  const writable = Object.entries(columns)
    .filter(([key, column]) => !column.generated && key !== 'createdAt' && key !== 'updatedAt')
    .map(([key]) => key);
  const provenance = new Set<string>(hasProvenance ? PROVENANCE_KEYS : []);
  const conflictTarget = definition.conflictTarget ?? [idColumn];
  const conflictKeys = new Set(conflictTarget.map((c) => c.name));
  // Provenance is never taken from the incoming row: an upsert keeps who made the row.
  const updatable = writable.filter(
    (key) => key !== 'id' && !conflictKeys.has((columns[key] as SQLiteColumn).name) && !provenance.has(key),
  );

  // Wrapped in sql`` so drizzle binds our encoded values as they are: its own column encoders
  // would turn a JSON column's null into the text 'null'.
  const placeholders = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, sql`${sql.placeholder(key)}`]));
  // Inserted rows: a column whose default is SQL (import_log.started_at) gets that default when
  // the bound value is null, since one prepared statement serves rows with and without it.
  const insertValues = Object.fromEntries(
    writable.map((key) => {
      const fallback: unknown = (columns[key] as SQLiteColumn).default;
      return [key, is(fallback, SQL) ? sql`coalesce(${sql.placeholder(key)}, ${fallback})` : sql`${sql.placeholder(key)}`];
    }),
  );

  /** Encodes validated values for binding: JSON to text, booleans to 0/1, absent to the default. */
  function encode(values: Record<string, unknown>, keys: string[], fillDefaults: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const column = columns[key] as SQLiteColumn;
      let value = values[key];
      if (value === undefined && fillDefaults) {
        const fallback: unknown = column.default;
        // SQL defaults are not bound: null makes the insert statement apply them (insertValues).
        value = fallback === undefined || is(fallback, SQL) ? null : fallback;
      }
      out[key] = value === null || value === undefined ? null : column.mapToDriverValue(value);
    }
    return out;
  }

  // Statements prepared once, on first use: a catalog opened without migrating (read-only, or
  // an older schema) must still work for the tables it has.
  const selectById = once(() => db.select().from(table).where(eq(idColumn, sql.placeholder('id'))).prepare());
  const deleteById = once(() => db.delete(table).where(eq(idColumn, sql.placeholder('id'))).prepare());
  const insertRow = once(() => db.insert(table).values(insertValues).prepare());
  const existsByConflictKey = once(() =>
    db
      .select({ id: idColumn })
      .from(table)
      .where(and(...conflictTarget.map((c) => sql`${c} IS ${sql.placeholder(keyOf(c))}`)))
      .prepare(),
  );
  // BINARY, not the column's collation: with `name COLLATE NOCASE`, a re-import that only fixes
  // a name's capitalisation would otherwise count as identical and never be written.
  const sameRow = sql.join(updatable.map((key) => sql`${columns[key] as SQLiteColumn} COLLATE BINARY`), sql`, `);
  const incomingRow = sql.join(
    updatable.map((key) => sql.raw(`excluded."${(columns[key] as SQLiteColumn).name}"`)),
    sql`, `,
  );
  const upsertRow = once(() =>
    db
      .insert(table)
      .values(insertValues)
      .onConflictDoUpdate({
        target: conflictTarget,
        set: {
          ...Object.fromEntries(updatable.map((key) => [key, sql.raw(`excluded."${(columns[key] as SQLiteColumn).name}"`)])),
          ...(hasUpdatedAt ? { updatedAt: nowIso } : {}),
          ...userEdit,
        },
        // Identical rows are left alone, so re-importing the same data changes nothing.
        setWhere: sql`(${sameRow}) IS NOT (${incomingRow})`,
      })
      .prepare(),
  );

  function keyOf(column: SQLiteColumn): string {
    const key = Object.entries(columns).find(([, c]) => c === column)?.[0];
    if (!key) throw new Error(`${entity}: conflict target ${column.name} is not a column of the table`);
    return key;
  }

  // Who points at this table (for ReferencedByOthers), and what this table points at (to say
  // which reference is missing when a foreign key fails).
  const inbound: InboundReference[] = [];
  for (const other of context.allTables) {
    const config = getTableConfig(other);
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      if (ref.foreignTable !== table || fk.onDelete === 'cascade') continue;
      const column = ref.columns[0] as SQLiteColumn;
      inbound.push({
        entity: config.name,
        column: column.name,
        countStatement: once(() => db.select({ n: count() }).from(other).where(eq(column, sql.placeholder('id'))).prepare()),
      });
    }
  }
  const outbound: OutboundReference[] = getTableConfig(table).foreignKeys.map((fk) => {
    const ref = fk.reference();
    const column = ref.columns[0] as SQLiteColumn;
    const target = ref.foreignColumns[0] as SQLiteColumn;
    return {
      key: keyOf(column),
      column: column.name,
      foreignTable: getTableConfig(ref.foreignTable).name,
      existsStatement: once(() =>
        db.select({ one: sql`1` }).from(ref.foreignTable).where(eq(target, sql.placeholder('id'))).prepare(),
      ),
    };
  });

  /** Maps a write failure to a typed error, naming the missing reference for foreign keys. */
  function writeError(error: unknown, values: Record<string, unknown>, id?: unknown) {
    const mapped = toCatalogError(error, { entity, label, ...(id === undefined ? {} : { id: String(id) }) });
    if (mapped.code !== 'ForeignKeyViolation') return mapped;
    for (const ref of outbound) {
      const value = values[ref.key];
      if (value === null || value === undefined) continue;
      if (ref.existsStatement().get({ id: value }) === undefined) {
        return fail(
          'ForeignKeyViolation',
          `Cannot save ${label}: ${ref.column} '${String(value)}' does not exist in ${ref.foreignTable}. Create it first.`,
          { entity },
        );
      }
    }
    return mapped;
  }

  function find(id: Id): Row | undefined {
    return selectById().get({ id }) as Row | undefined;
  }

  function get(id: Id): Row {
    const row = find(id);
    if (row === undefined) throw notFound(id);
    return row;
  }

  function notFound(id: unknown) {
    return fail('NotFound', `No ${label} with id '${String(id)}' exists.`, { entity, id: String(id) });
  }

  const checkId = (id: unknown): Id => validate(definition.id, id, `${label} id`) as Id;

  const updateStatements = new StatementCache<ReturnType<typeof buildUpdate>>();
  function buildUpdate(keys: string[]) {
    return db
      .update(table)
      .set({ ...placeholders(keys), ...(hasUpdatedAt ? { updatedAt: nowIso } : {}), ...userEdit })
      .where(eq(idColumn, sql.placeholder('__id')))
      .prepare();
  }

  const summaryColumns = Object.fromEntries(summaryKeys(definition).map((key) => [key, columns[key] as SQLiteColumn]));
  const listStatements = new StatementCache<ReturnType<typeof buildList>>();
  function buildList(filters: FilterPart[], sortBy: string, direction: 'asc' | 'desc') {
    const conditions: SQL[] = filters.map(({ key, form }) => {
      const spec = definition.filters[key];
      if (!spec) throw new Error(`${entity}: unknown filter ${key}`);
      return spec.where(sql`${sql.placeholder(`f_${key}`)}`, form);
    });
    const where = conditions.length > 0 ? and(...conditions) : undefined;
    const sortColumn = definition.sortable[sortBy] as SQLiteColumn | SQL;
    const order = direction === 'desc' ? desc(sortColumn) : asc(sortColumn);
    const tiebreak = sortColumn === idColumn ? [] : [direction === 'desc' ? desc(idColumn) : asc(idColumn)];
    // The page is chosen first by rowid alone (filter, sort, limit, offset), then only its rows
    // are read whole: filtering, sorting and skipping `offset` rows then touch the indexes and
    // sort keys, not the wide rows with their JSON entries (2–4× faster for a facet sorted by
    // name on 25,000 spells). The id tiebreak makes the order total, so both orders agree.
    const page = db
      .select({ rowid: sql`${sql.identifier(getTableConfig(table).name)}.rowid` })
      .from(table)
      .where(where)
      .orderBy(order, ...tiebreak)
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'));
    // Each prepared on first use: count() needs only the count, which also works on an older
    // schema (a catalog opened without migrating) that lacks some of the columns.
    return {
      rows: once(() =>
        db
          .select()
          .from(table)
          .where(sql`${sql.identifier(getTableConfig(table).name)}.rowid IN (${page})`)
          .orderBy(order, ...tiebreak)
          .prepare(),
      ),
      summaries: once(() =>
        db
          .select(summaryColumns)
          .from(table)
          .where(sql`${sql.identifier(getTableConfig(table).name)}.rowid IN (${page})`)
          .orderBy(order, ...tiebreak)
          .prepare(),
      ),
      count: once(() => db.select({ n: count() }).from(table).where(where).prepare()),
    };
  }

  /** The filters present, their SQL forms, bound values, and the statement-cache key they make. */
  function filterQuery(filter: Record<string, unknown> | undefined) {
    const keys = Object.keys(filter ?? {})
      .filter((key) => filter?.[key] !== undefined)
      .sort();
    const params: Record<string, unknown> = {};
    const parts: FilterPart[] = keys.map((key) => {
      const spec = definition.filters[key];
      const value = filter?.[key];
      params[`f_${key}`] = spec?.bind ? spec.bind(value) : value;
      return { key, form: spec?.form?.(value) };
    });
    const shape = parts.map(({ key, form }) => (form ? `${key}:${form}` : key)).join(',');
    return { parts, params, shape };
  }

  const listSchema = listInputSchema(definition);
  const countSchema = filterSchema(definition).optional();

  /** Validates a list request and picks (or prepares) its statements. */
  function listQuery(input: unknown) {
    const parsed = validate(listSchema, input, `${label} list request`);
    const { parts, params, shape } = filterQuery(parsed.filter as Record<string, unknown> | undefined);
    const sortBy = parsed.sort?.by ?? definition.defaultSort;
    const direction = parsed.sort?.direction ?? 'asc';
    const statements = listStatements.get(`${shape}|${sortBy}|${direction}`, () => buildList(parts, sortBy, direction));
    return { statements, params, limit: parsed.limit ?? DEFAULT_PAGE_SIZE, offset: parsed.offset ?? 0 };
  }

  function explain(query: { sql: string; params: unknown[] }, values: Record<string, unknown>): string[] {
    // drizzle() keeps its better-sqlite3 handle as `$client`; CatalogDb's declared type omits it.
    const client = (db as CatalogDb & { $client: Database.Database }).$client;
    const rows = client.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...fillPlaceholders(query.params, values));
    return (rows as { detail: string }[]).map((row) => row.detail);
  }

  /** Any failure a method lets through (a read of a damaged page, a missing table) as a CatalogError. */
  function guard<A extends unknown[], R>(method: (...args: A) => R): (...args: A) => R {
    return (...args) => {
      try {
        return method(...args);
      } catch (error) {
        throw toCatalogError(error, { entity, label });
      }
    };
  }

  const methods: Omit<Repository<D>, 'definition'> = {
    create(input) {
      const values = validate(definition.insert, input, label) as Record<string, unknown>;
      try {
        const result = insertRow().run(encode(values, writable, true));
        const id = (values['id'] ?? Number(result.lastInsertRowid)) as Id;
        return get(id);
      } catch (error) {
        throw writeError(error, values, values['id']);
      }
    },

    get(id) {
      return get(checkId(id));
    },

    find(id) {
      return find(checkId(id));
    },

    update(id, patch) {
      const key = checkId(id);
      const values = validate(definition.update, patch, `${label} update`) as Record<string, unknown>;
      const keys = Object.keys(values)
        .filter((k) => values[k] !== undefined)
        .sort();
      if (keys.length === 0) {
        throw fail('ValidationFailed', `Nothing to update: give at least one ${label} field to change.`, {
          issues: [{ path: [], message: 'no fields to update' }],
        });
      }
      const statement = updateStatements.get(keys.join(','), () => buildUpdate(keys));
      let changes: number;
      try {
        changes = statement.run({ ...encode(values, keys, false), __id: key }).changes;
      } catch (error) {
        throw writeError(error, values, key);
      }
      if (changes === 0) throw notFound(key);
      return get(key);
    },

    delete(id) {
      const key = checkId(id);
      return context.transaction(() => {
        const row = find(key);
        if (row === undefined) throw notFound(key);
        const references: ReferencingRows[] = [];
        for (const ref of inbound) {
          const n = ref.countStatement().get({ id: key })?.n ?? 0;
          if (n > 0) {
            const relation = { entity: ref.entity, column: ref.column, target: entity };
            references.push({ entity: ref.entity, column: ref.column, count: n, noun: countedNoun(relation, n) });
          }
        }
        if (references.length > 0) {
          const name = displayName(row as Record<string, unknown>, key);
          const sentences = references.map((r) => referenceSentence({ entity: r.entity, column: r.column, target: entity }, r.count, name));
          throw fail('ReferencedByOthers', refusalMessage(label, name, sentences), { entity, id: String(key), name, references });
        }
        try {
          deleteById().run({ id: key });
        } catch (error) {
          throw toCatalogError(error, { entity, id: String(key) });
        }
        return { id: key };
      });
    },

    list(input = {}) {
      const { statements, params, limit, offset } = listQuery(input);
      try {
        const items = statements.rows().all({ ...params, limit, offset }) as Row[];
        const total = statements.count().get(params)?.n ?? 0;
        return { items, total, limit, offset };
      } catch (error) {
        throw toCatalogError(error, { entity });
      }
    },

    summaries(input = {}) {
      const { statements, params, limit, offset } = listQuery(input);
      try {
        const items = statements.summaries().all({ ...params, limit, offset }) as SummaryOf<D>[];
        const total = statements.count().get(params)?.n ?? 0;
        return { items, total, limit, offset };
      } catch (error) {
        throw toCatalogError(error, { entity });
      }
    },

    count(filter) {
      const parsed = validate(countSchema, filter, `${label} filter`);
      const { parts, params, shape } = filterQuery(parsed as Record<string, unknown> | undefined);
      const statements = listStatements.get(`${shape}|${definition.defaultSort}|asc`, () =>
        buildList(parts, definition.defaultSort, 'asc'),
      );
      return statements.count().get(params)?.n ?? 0;
    },

    batchUpsert(rows) {
      if (!Array.isArray(rows)) {
        throw fail('ValidationFailed', `Batch upsert of ${entity} expects an array of rows.`, {
          issues: [{ path: [], message: 'expected an array' }],
        });
      }
      // Validate everything first, so a bad row anywhere writes nothing.
      const all = validate(definition.insert.array(), rows, `${label} batch`) as Record<string, unknown>[];
      return context.transaction(() => {
        const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0 };
        for (const [index, values] of all.entries()) {
          const bound = encode(values, writable, true);
          const keyParams = Object.fromEntries(conflictTarget.map((c) => [keyOf(c), bound[keyOf(c)] ?? null]));
          try {
            const existed = existsByConflictKey().get(keyParams) !== undefined;
            const { changes } = upsertRow().run(bound);
            if (!existed) result.inserted += 1;
            else if (changes > 0) result.updated += 1;
            else result.unchanged += 1;
          } catch (error) {
            const mapped = writeError(error, values, values['id']);
            throw new CatalogError({ ...mapped.error, message: `Row ${index}: ${mapped.message}` });
          }
        }
        return result;
      });
    },

    explainList(input = {}) {
      const { statements, params, limit, offset } = listQuery(input);
      return {
        rows: explain(statements.rows().getQuery(), { ...params, limit, offset }),
        count: explain(statements.count().getQuery(), params),
      };
    },
  };

  return {
    definition,
    create: guard(methods.create),
    get: guard(methods.get),
    find: guard(methods.find),
    update: guard(methods.update),
    delete: guard(methods.delete),
    list: guard(methods.list),
    summaries: guard(methods.summaries),
    count: guard(methods.count),
    batchUpsert: guard(methods.batchUpsert),
    explainList: guard(methods.explainList),
  };
}

/** `build()` on the first call, its result on every call after. */
function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

function requireColumn(columns: Record<string, SQLiteColumn>, key: string, entity: string): SQLiteColumn {
  const column = columns[key];
  if (!column) throw new Error(`${entity}: every catalog table needs an ${key} column`);
  return column;
}

/** What a person calls a row in a message: its name (sources: their full title), else its id. */
function displayName(row: Record<string, unknown>, id: unknown): string {
  for (const key of ['name', 'fullName']) {
    const value = row[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return String(id);
}
