/**
 * How a catalog table is described once, so the repository, the IPC contract and the tests can
 * all be derived from the description. Each entity file (`entities/*.ts`) declares only what is
 * particular to it: its zod refinements, its filters and its sortable columns.
 *
 * Pure code (drizzle's SQL builders and zod): imported by the main process and the preload.
 */
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { MAX_FILTER_TEXT, MAX_FILTER_VALUES, MAX_PAGE_SIZE } from './limits';

export { DEFAULT_PAGE_SIZE, MAX_FILTER_TEXT, MAX_FILTER_VALUES, MAX_PAGE_SIZE } from './limits';

/** Entity ids: lowercase ASCII letters, digits, `-` and `+` (for "+1 Longsword"), 1–200 chars. */
export const entityIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9+-]+$/, 'must contain only lowercase letters, digits, "-" and "+"');

/** Rule system ids: `dnd5e-2014`. */
export const ruleSystemIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'must contain only lowercase letters, digits and "-"');

/** Source ids are book codes: `PHB`, `XPHB`. */
export const sourceIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/, 'must contain only letters, digits and "-"');

// ---------------------------------------------------------------------------------------------
// Filters

/**
 * One filter a list call accepts: its zod schema, and the SQL condition it adds, written against
 * a placeholder so the statement can be prepared once per combination of filters and reused.
 */
export interface FilterSpec<V> {
  schema: z.ZodType<V>;
  /** The condition; `form` is what `form(value)` returned, for filters with several SQL forms. */
  where: (param: SQL, form?: string) => SQL;
  /** The value bound to the placeholder; default: the value itself. */
  bind?: (value: V) => unknown;
  /**
   * Names the SQL form a value needs when one filter has several (one value or a list). Each
   * form is prepared as its own statement.
   */
  form?: (value: V) => string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the value type varies per filter
export type FilterMap = Record<string, FilterSpec<any>>;

/**
 * What a caller passes as each filter's value: its schema's input type (a challenge rating bound
 * takes `"1/4"` as well as `0.25`), or the parsed type where the schema declares no input type.
 */
export type FilterInput<F extends FilterMap> = {
  [K in keyof F]?: F[K] extends { schema: infer S extends z.ZodType }
    ? unknown extends z.input<S>
      ? z.output<S>
      : z.input<S>
    : never;
};

const sqliteValue = (value: unknown): unknown => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

/** `column = value` (booleans bound as 0/1). */
export function equals<V>(column: SQLiteColumn, schema: z.ZodType<V>): FilterSpec<V> {
  return { schema, where: (p) => sql`${column} = ${p}`, bind: sqliteValue };
}

/**
 * `column = value`, or `column IN (values)` for an array (bound as one JSON text, so any length
 * shares one statement). A single value keeps the plain `=`: without statistics SQLite rates
 * the `IN (json_each)` form as less selective and may pick a worse index.
 */
export function oneOf<V extends string | number>(column: SQLiteColumn, schema: z.ZodType<V>): FilterSpec<V | V[]> {
  const single = (value: V | V[]): value is V | [V] => !Array.isArray(value) || value.length === 1;
  return {
    schema: z.union([schema, z.array(schema).min(1).max(MAX_FILTER_VALUES)]),
    form: (value) => (single(value) ? 'one' : 'list'),
    where: (p, form) => (form === 'one' ? sql`${column} = ${p}` : sql`${column} IN (SELECT value FROM json_each(${p}))`),
    bind: (value) => (single(value) ? (Array.isArray(value) ? value[0] : value) : JSON.stringify(value)),
  };
}

/**
 * Inclusive bounds. The comparison is wrapped in `unlikely()` (a planner hint, the value is
 * unchanged): without statistics, and with the page size a bound parameter, SQLite guesses that
 * a one-sided range keeps most rows and would rather walk the sort column's index, testing every
 * row; marked selective, the bound is answered from the column's own index.
 */
export function atLeast<S extends z.ZodType<number | string>>(column: SQLiteColumn, schema: S): RangeFilter<S> {
  return { schema, where: (p) => sql`unlikely(${column} >= ${p})` };
}

export function atMost<S extends z.ZodType<number | string>>(column: SQLiteColumn, schema: S): RangeFilter<S> {
  return { schema, where: (p) => sql`unlikely(${column} <= ${p})` };
}

/** A bound keeps its schema's own type, so callers see its input type (`"1/4"` or `0.25`). */
type RangeFilter<S extends z.ZodType> = Omit<FilterSpec<z.output<S>>, 'schema'> & { schema: S };

/** `column IS NOT NULL` when true, `IS NULL` when false. */
export function isSet(column: SQLiteColumn): FilterSpec<boolean> {
  return {
    schema: z.boolean(),
    where: (p) => sql`((${column} IS NOT NULL) = ${p})`,
    bind: sqliteValue,
  };
}

const filterText = z.string().min(1).max(MAX_FILTER_TEXT);

/**
 * Case-insensitive prefix match. The column is declared COLLATE NOCASE, so the range
 * `[prefix, prefix || U+10FFFF)` is answered from the column's index.
 */
export function startsWith(column: SQLiteColumn): FilterSpec<string> {
  return {
    schema: filterText,
    where: (p) => sql`(${column} >= ${p} AND ${column} < ${p} || char(1114111))`,
  };
}

/** Case-insensitive substring match (LIKE with the wildcards in the text escaped). */
export function contains(column: SQLiteColumn): FilterSpec<string> {
  return {
    schema: filterText,
    where: (p) => sql`${column} LIKE ${p} ESCAPE '\\'`,
    bind: (value) => `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
  };
}

/**
 * `isReprinted`: true for a row whose `superseded_by` names a row that exists in the same table
 * (a newer printing present in the catalog), false for every other row, so `false` is "the
 * newest printing of everything present". Two SQL forms:
 * - `true` is answered from the partial index on `superseded_by` (marked `unlikely()`, as the
 *   range filters are: without statistics SQLite would rather walk the sort column's index), each
 *   candidate costing one primary-key lookup of its newer printing;
 * - `false` is "rowid not among the superseded rows". That set is computed once per statement
 *   from the same partial index (superseded rows are the minority), and the test needs only the
 *   rowid every index carries: the other filters, the sort and the total stay answered from their
 *   indexes without reading the (wide) table rows. A per-row `NOT EXISTS` on `superseded_by`
 *   would read every candidate row of the table, which on 25,000 spells cost 65–200 ms a count.
 */
export function reprinted(table: SQLiteTable, supersededBy: SQLiteColumn): FilterSpec<boolean> {
  const name = getTableName(table);
  // Qualified by hand: inside the subqueries an unqualified column would name the inner row.
  const outer = sql.raw(`"${name}"."${supersededBy.name}"`);
  const newer = (of: SQL) => sql`EXISTS (SELECT 1 FROM ${sql.identifier(name)} AS "newer" WHERE "newer"."id" = ${of})`;
  const older = sql.raw(`"older"."${supersededBy.name}"`);
  const supersededRows = sql`SELECT "older"."rowid" FROM ${sql.identifier(name)} AS "older" WHERE ${older} IS NOT NULL AND ${newer(older)}`;
  return {
    schema: z.boolean(),
    form: (value) => (value ? 'yes' : 'no'),
    // The value picks the form; neither form needs it bound.
    where: (_p, form) =>
      form === 'yes' ? sql`(unlikely(${outer} IS NOT NULL) AND ${newer(outer)})` : sql`(${sql.raw(`"${name}"."rowid"`)} NOT IN (${supersededRows}))`,
  };
}

/** The filters every catalog entity table has: rule system, source, name search, reprints and older printings. */
export function entityFilters(
  t: SQLiteTable & { ruleSystemId: SQLiteColumn; sourceId: SQLiteColumn; name: SQLiteColumn; supersededBy: SQLiteColumn },
) {
  return {
    ruleSystemId: oneOf(t.ruleSystemId, ruleSystemIdSchema),
    sourceId: oneOf(t.sourceId, sourceIdSchema),
    nameStartsWith: startsWith(t.name),
    nameContains: contains(t.name),
    isReprinted: reprinted(t, t.supersededBy),
    /** The older printings of the given rows (their `superseded_by` names one of them). */
    supersededBy: oneOf(t.supersededBy, entityIdSchema),
  };
}

/**
 * A sort key for an enumerated column that orders by the value's rank (its place in `ranked`, an
 * enumeration of src-shared/catalog/enums.ts listed in rank order) instead of alphabetically:
 * rarity common → artifact, size Tiny → Gargantuan. Values outside the list (free-text columns)
 * sort after it, NULL first as for any column. The ranks are written into the statement as
 * literals, so one prepared statement serves every call; the sort is not answered from an index.
 */
export function byRank(column: SQLiteColumn, ranked: readonly string[]): SQL {
  const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
  const cases = ranked.map((value, rank) => `WHEN ${literal(value)} THEN ${rank}`).join(' ');
  return sql`(CASE WHEN ${column} IS NULL THEN NULL ELSE (CASE ${column} ${sql.raw(cases)} ELSE ${sql.raw(String(ranked.length))} END) END)`;
}

/** The sort keys every catalog entity table offers. */
export function entitySortable(t: {
  name: SQLiteColumn;
  id: SQLiteColumn;
  sourceId: SQLiteColumn;
  createdAt: SQLiteColumn;
  updatedAt: SQLiteColumn;
}) {
  return { name: t.name, id: t.id, sourceId: t.sourceId, createdAt: t.createdAt, updatedAt: t.updatedAt };
}

// ---------------------------------------------------------------------------------------------
// Entity definitions

export interface EntityDefinition<
  TTable extends SQLiteTable = SQLiteTable,
  TInsert extends z.ZodType = z.ZodType,
  TUpdate extends z.ZodType = z.ZodType,
  TFilters extends FilterMap = FilterMap,
  TSort extends string = string,
> {
  /** Table name; also the entity name in errors and IPC channels. */
  name: string;
  /** One row, in words: "spell". */
  label: string;
  table: TTable;
  /** Validates the primary key (text slug, book code or positive integer). */
  id: z.ZodType<string | number>;
  /** Validates a new row (unknown keys rejected). */
  insert: TInsert;
  /** Validates a partial update (unknown keys, id and timestamps rejected). */
  update: TUpdate;
  filters: TFilters;
  /** Sort keys: a column, or an expression such as `byRank(column, ENUM)`. */
  sortable: Record<TSort, SQLiteColumn | SQL>;
  defaultSort: NoInfer<TSort>;
  /** Columns that identify a row for batch upsert; default the primary key `id`. */
  conflictTarget?: SQLiteColumn[];
}

export function defineEntity<
  TTable extends SQLiteTable,
  TInsert extends z.ZodType,
  TUpdate extends z.ZodType,
  TFilters extends FilterMap,
  TSort extends string,
>(definition: EntityDefinition<TTable, TInsert, TUpdate, TFilters, TSort>) {
  return definition;
}

export type RowOf<D extends EntityDefinition> = D['table']['$inferSelect'];
export type IdOf<D extends EntityDefinition> = RowOf<D>['id'];
export type InsertOf<D extends EntityDefinition> = z.input<D['insert']>;
export type UpdateOf<D extends EntityDefinition> = z.input<D['update']>;
export type FilterOf<D extends EntityDefinition> = FilterInput<D['filters']>;
export type SortOf<D extends EntityDefinition> = keyof D['sortable'] & string;

/**
 * JSON columns a list row keeps (`summaries`): the reprint links, from which a list marks rows
 * with other printings. Every other JSON column (rules text, stat blocks …) is left out.
 */
export const SUMMARY_JSON_KEYS = ['reprintedAs'] as const;

type JsonKeysOf<T extends SQLiteTable> = {
  [K in keyof T['_']['columns']]: T['_']['columns'][K]['_']['dataType'] extends 'json' ? K : never;
}[keyof T['_']['columns']];

/**
 * A row as a list shows it (`summaries`): every scalar column (ids, name, level, rarity, flags,
 * timestamps …) and the reprint links, without the JSON columns a list never shows. A page of
 * these is a tenth of a page of whole rows on the wire, with no JSON parsed per row.
 */
export type SummaryOf<D extends EntityDefinition> = Omit<
  RowOf<D>,
  Exclude<JsonKeysOf<D['table']>, (typeof SUMMARY_JSON_KEYS)[number]>
>;

/** The column keys of `SummaryOf<D>`, in the table's order. */
export function summaryKeys(definition: EntityDefinition): string[] {
  const keep: readonly string[] = SUMMARY_JSON_KEYS;
  return Object.entries(getTableColumns(definition.table))
    .filter(([key, column]) => column.dataType !== 'json' || keep.includes(key))
    .map(([key]) => key);
}

export interface ListInput<F, S extends string> {
  filter?: F;
  sort?: { by: S; direction?: 'asc' | 'desc' };
  /** Page size, 1 to MAX_PAGE_SIZE (default DEFAULT_PAGE_SIZE). */
  limit?: number;
  offset?: number;
}

export type ListInputOf<D extends EntityDefinition> = ListInput<FilterOf<D>, SortOf<D>>;

export interface Page<T> {
  items: T[];
  /** Rows matching the filter across all pages. */
  total: number;
  limit: number;
  offset: number;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
  /** Rows identical to what was already stored (not written, `updated_at` kept). */
  unchanged: number;
}

/** zod schema of a filter object for this entity (unknown filters rejected). */
// Built once per definition: repositories and the IPC contract all ask for them.
const filterSchemas = new WeakMap<EntityDefinition, z.ZodType>();
const listSchemas = new WeakMap<EntityDefinition, z.ZodType>();

function memo<T extends z.ZodType>(cache: WeakMap<EntityDefinition, z.ZodType>, definition: EntityDefinition, build: () => T): T {
  let schema = cache.get(definition) as T | undefined;
  if (!schema) {
    schema = build();
    cache.set(definition, schema);
  }
  return schema;
}

/** Typed by what callers send (a CR bound may be "1/4"); the parsed values only reach SQL binding. */
export function filterSchema<D extends EntityDefinition>(definition: D): z.ZodType<FilterOf<D>, FilterOf<D>> {
  return memo(filterSchemas, definition, () => buildFilterSchema(definition));
}

function buildFilterSchema<D extends EntityDefinition>(definition: D): z.ZodType<FilterOf<D>, FilterOf<D>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, spec] of Object.entries(definition.filters)) shape[key] = spec.schema.optional();
  return z.strictObject(shape) as unknown as z.ZodType<FilterOf<D>, FilterOf<D>>;
}

/** zod schema of a list call's input: filter, sort, limit (capped) and offset. */
export function listInputSchema<D extends EntityDefinition>(definition: D): z.ZodType<ListInputOf<D>, ListInputOf<D>> {
  return memo(listSchemas, definition, () => buildListInputSchema(definition));
}

function buildListInputSchema<D extends EntityDefinition>(definition: D): z.ZodType<ListInputOf<D>, ListInputOf<D>> {
  const sortKeys = Object.keys(definition.sortable) as [string, ...string[]];
  return z.strictObject({
    filter: filterSchema(definition).optional(),
    sort: z
      .strictObject({ by: z.enum(sortKeys), direction: z.enum(['asc', 'desc']).optional() })
      .optional(),
    limit: z
      .number()
      .int()
      .min(1)
      .max(MAX_PAGE_SIZE, `page size is capped at ${MAX_PAGE_SIZE}; page through larger results with offset`)
      .optional(),
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  }) as unknown as z.ZodType<ListInputOf<D>, ListInputOf<D>>;
}

/** Positive integer ids of the support tables (content_references, import_log). */
export const serialIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

// ---------------------------------------------------------------------------------------------
// Column refinements

type ColumnsOf<T extends SQLiteTable> = T['_']['columns'];

type Wrapped<C, Z extends z.ZodType, M extends 'insert' | 'update'> = C extends {
  _: { notNull: infer N; hasDefault: infer D };
}
  ? M extends 'update'
    ? z.ZodOptional<N extends true ? Z : z.ZodNullable<Z>>
    : N extends true
      ? D extends true
        ? z.ZodOptional<Z>
        : Z
      : z.ZodOptional<z.ZodNullable<Z>>
  : never;

export type ColumnRefinements<
  T extends SQLiteTable,
  S extends Partial<Record<keyof ColumnsOf<T>, z.ZodType>>,
  M extends 'insert' | 'update',
> = { [K in keyof S & keyof ColumnsOf<T>]: S[K] extends z.ZodType ? Wrapped<ColumnsOf<T>[K], S[K], M> : never };

/**
 * Turns "the value of column X looks like this" into drizzle-zod refinements for inserts or
 * updates: nullable where the column is, optional where it has a default (inserts) or always
 * (updates). Each JSON column's shape is thus written once and serves both schemas.
 */
export function refineColumns<
  T extends SQLiteTable,
  S extends Partial<Record<keyof ColumnsOf<T>, z.ZodType>>,
  M extends 'insert' | 'update',
>(table: T, shapes: S, mode: M): ColumnRefinements<T, S, M> {
  const columns = table as unknown as Record<string, SQLiteColumn>;
  const out: Record<string, z.ZodType> = {};
  for (const [key, shape] of Object.entries(shapes) as [string, z.ZodType][]) {
    const column = columns[key];
    if (!column) throw new Error(`refineColumns: ${key} is not a column`);
    let schema: z.ZodType = column.notNull ? shape : shape.nullable();
    if (mode === 'update' || !column.notNull || column.hasDefault) schema = schema.optional();
    out[key] = schema;
  }
  return out as ColumnRefinements<T, S, M>;
}
