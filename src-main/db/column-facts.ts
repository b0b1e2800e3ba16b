/**
 * Column facts that the SQL migrations must repeat from the drizzle tables: the values a CHECK
 * lists for an enumerated column (and `IN (0, 1)` for a boolean), defaults, and the expressions of
 * generated columns. Read from the live database (`sqlite_master`, `pragma_table_xinfo`) and
 * compared with the drizzle definitions, so a migration that lists a value the tables do not (or
 * forgets one) is reported by `db check` as drift. Ranges (`BETWEEN`) have no drizzle
 * counterpart; test/column-facts.test.ts compares them with the zod schemas.
 */
import type Database from 'better-sqlite3';
import { is, SQL } from 'drizzle-orm';
import { getTableConfig, SQLiteSyncDialect, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { DriftIssue } from '../../src-shared/db-types';

/** One column's clause of a live CREATE TABLE statement, split into what we compare. */
export interface LiveColumn {
  name: string;
  /** The full clause as written in the migration. */
  clause: string;
  /** Quoted values of `<column> IN ('a', 'b')` in its CHECK, when there is one. */
  enumValues?: string[];
  /** Numbers of `<column> IN (0, 1)`, when there is one. */
  numberValues?: number[];
  /** `<column> BETWEEN a AND b`, `>= a`, `> a`, `<= b`, `< b` (numbers only). */
  range?: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean };
  /** The expression of GENERATED ALWAYS AS (…), whitespace-normalised. */
  generated?: string;
  /** `pragma_table_xinfo.dflt_value`, normalised (outer parentheses and spacing removed). */
  default?: string;
}

/** Splits on commas outside parentheses and quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = text[i + 1] === quote ? (i++, quote) : undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** The text inside the parentheses opening at `open`. */
function parenthesised(text: string, open: number): string {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

/** Spacing and letter case do not matter; outer parentheses do not either. */
export function normaliseSql(text: string): string {
  let out = text.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();
  while (out.startsWith('(') && parenthesised(out, 0).length === out.length - 2) out = out.slice(1, -1).trim();
  return out;
}

/**
 * The items of `CHECK (<col> IN (…))` or `CHECK (<col> IS NULL OR <col> IN (…))`: the whole list
 * of allowed values. A list that is one alternative among others (`IN ('0', '1/8') OR <range>`)
 * is only part of the rule and is not returned.
 */
function checkedValues(clause: string, column: string): string[] | undefined {
  const check = /\bCHECK\s*\(/i.exec(clause);
  if (!check) return undefined;
  const expression = normaliseSql(parenthesised(clause, check.index + check[0].length - 1));
  const alternatives = expression
    .split(/\s+OR\s+/i)
    .map((part) => normaliseSql(part))
    .filter((part) => part.toLowerCase() !== `${column.toLowerCase()} is null`);
  if (alternatives.length !== 1) return undefined;
  const only = alternatives[0]!;
  const match = new RegExp(`^${escape(column)}\\s+IN\\s*\\(`, 'i').exec(only);
  if (!match || !only.endsWith(')')) return undefined;
  const inner = parenthesised(only, match[0].length - 1);
  if (inner.length !== only.length - match[0].length - 1) return undefined;
  return splitTopLevel(inner);
}

const TABLE_CONSTRAINT = /^(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN)\b/i;
const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The columns of a live table as its CREATE TABLE statement declares them. */
export function liveColumns(sqlite: Database.Database, table: string): Map<string, LiveColumn> {
  const row = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string } | undefined;
  const columns = new Map<string, LiveColumn>();
  if (!row) return columns;
  const body = parenthesised(row.sql, row.sql.indexOf('('));
  const defaults = new Map(
    (sqlite.prepare('SELECT name, dflt_value FROM pragma_table_xinfo(?)').all(table) as { name: string; dflt_value: string | null }[]).map(
      (c) => [c.name, c.dflt_value],
    ),
  );
  for (const clause of splitTopLevel(body)) {
    if (TABLE_CONSTRAINT.test(clause)) continue;
    const name = /^["`[]?([A-Za-z_][A-Za-z0-9_]*)/.exec(clause)?.[1];
    if (!name) continue;
    const column: LiveColumn = { name, clause };
    const n = escape(name);
    const values = checkedValues(clause, name);
    if (values && values.every((item) => /^'.*'$/s.test(item))) column.enumValues = values.map((item) => item.slice(1, -1).replace(/''/g, "'"));
    else if (values && values.every((item) => /^-?\d+(\.\d+)?$/.test(item))) column.numberValues = values.map(Number);
    const number = '(-?\\d+(?:\\.\\d+)?)';
    const between = new RegExp(`(?<![\\w.])${n}\\s+BETWEEN\\s+${number}\\s+AND\\s+${number}`, 'i').exec(clause);
    if (between) column.range = { min: Number(between[1]), max: Number(between[2]) };
    else {
      const range: NonNullable<LiveColumn['range']> = {};
      for (const [, op, value] of clause.matchAll(new RegExp(`(?<![\\w.])${n}\\s*(>=|>|<=|<)\\s*${number}`, 'gi'))) {
        if (op!.startsWith('>')) Object.assign(range, { min: Number(value), minExclusive: op === '>' });
        else Object.assign(range, { max: Number(value), maxExclusive: op === '<' });
      }
      if (range.min !== undefined || range.max !== undefined) column.range = range;
    }
    const generated = /GENERATED\s+ALWAYS\s+AS\s*\(/i.exec(clause);
    if (generated) column.generated = normaliseSql(parenthesised(clause, generated.index + generated[0].length - 1));
    const dflt = defaults.get(name);
    if (dflt !== null && dflt !== undefined) column.default = normaliseSql(dflt);
    columns.set(name, column);
  }
  return columns;
}

const dialect = new SQLiteSyncDialect();

function sqlText(value: SQL): string {
  const query = dialect.sqlToQuery(value);
  if (query.params.length > 0) throw new Error(`a default or generated expression with parameters: ${query.sql}`);
  return normaliseSql(query.sql);
}

/** The SQL literal of a drizzle default, as SQLite reports it in `dflt_value`. */
export function expectedDefault(column: SQLiteColumn): string | undefined {
  const value: unknown = column.default;
  if (value === undefined) return undefined;
  if (is(value, SQL)) return sqlText(value);
  const driver: unknown = column.mapToDriverValue(value);
  if (typeof driver === 'number' || typeof driver === 'bigint') return String(driver);
  if (typeof driver === 'boolean') return driver ? '1' : '0';
  return `'${String(driver).replace(/'/g, "''")}'`;
}

export function expectedGenerated(column: SQLiteColumn): string | undefined {
  const as: unknown = column.generated?.as;
  if (as === undefined) return undefined;
  if (is(as, SQL)) return sqlText(as);
  return normaliseSql(typeof as === 'function' ? sqlText((as as () => SQL)()) : String(as));
}

const enumOf = (column: SQLiteColumn): readonly string[] | undefined => {
  const values = (column as unknown as { enumValues?: readonly string[] }).enumValues;
  return values && values.length > 0 ? values : undefined;
};

const sameSet = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v) => b.includes(v));
const list = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** Drift between the drizzle tables and the live CHECK lists, defaults and generated expressions. */
export function checkColumnFacts(sqlite: Database.Database, tables: readonly SQLiteTable[]): DriftIssue[] {
  const issues: DriftIssue[] = [];
  for (const table of tables) {
    const config = getTableConfig(table);
    const live = liveColumns(sqlite, config.name);
    if (live.size === 0) continue; // a missing table is reported by the table check
    for (const column of config.columns as SQLiteColumn[]) {
      const found = live.get(column.name);
      if (!found) continue; // reported as missing-column
      const at = `${config.name}.${column.name}`;
      const values = enumOf(column);
      if (values && !found.enumValues) {
        issues.push({ table: config.name, kind: 'check-values', detail: `column ${column.name} has no CHECK listing its values (${list(values)})` });
      } else if (values && found.enumValues && !sameSet(values, found.enumValues)) {
        const missing = values.filter((v) => !found.enumValues!.includes(v));
        const extra = found.enumValues.filter((v) => !values.includes(v));
        issues.push({
          table: config.name,
          kind: 'check-values',
          detail: `column ${column.name}: the CHECK ${missing.length ? `lacks ${list(missing)}` : ''}${missing.length && extra.length ? ' and ' : ''}${extra.length ? `also allows ${list(extra)}` : ''}`,
        });
      } else if (!values && found.enumValues) {
        issues.push({ table: config.name, kind: 'check-values', detail: `column ${column.name}: the CHECK lists ${list(found.enumValues)}, the table declares no values` });
      }
      // A generated boolean is computed by SQLite itself: its expression is its only check.
      const isBoolean = column.columnType === 'SQLiteBoolean' && !column.generated;
      if (!column.generated && isBoolean !== (found.numberValues !== undefined && sameSet(found.numberValues, [0, 1]))) {
        issues.push({
          table: config.name,
          kind: 'check-values',
          detail: isBoolean ? `column ${column.name} is a boolean without CHECK (${column.name} IN (0, 1))` : `column ${column.name}: the CHECK limits it to 0 and 1, the table does not declare a boolean`,
        });
      }
      const expected = expectedDefault(column);
      if (expected !== found.default && !(expected === undefined && column.primary)) {
        issues.push({
          table: config.name,
          kind: 'column-default',
          detail: `column ${column.name} defaults to ${found.default ?? 'nothing'}, expected ${expected ?? 'nothing'}`,
        });
      }
      const generated = expectedGenerated(column);
      if (generated !== undefined && found.generated !== undefined && generated !== found.generated) {
        issues.push({ table: config.name, kind: 'generated-expression', detail: `${at} is generated as ${found.generated}, expected ${generated}` });
      }
    }
  }
  return issues;
}
