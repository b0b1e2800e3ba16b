/**
 * The "raw better-sqlite3" side of the comparisons: hand-written SQL on prepared statements, with
 * only the decoding a caller needs (JSON columns parsed) and the encoding a writer needs (JSON
 * stringified, booleans as 0/1). The column lists are read from the drizzle table once, so a
 * column added later is handled by both sides alike.
 */
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';

export type RawRow = Record<string, unknown>;

/** SQL names of the table's JSON columns. */
export function jsonColumns(table: SQLiteTable): string[] {
  return Object.values(getTableColumns(table) as Record<string, SQLiteColumn>)
    .filter((column) => column.dataType === 'json')
    .map((column) => column.name);
}

/** Parses the JSON columns of a row in place (what a caller of raw SQL has to do itself). */
export function parseJson(row: RawRow | undefined, columns: readonly string[]): RawRow | undefined {
  if (row === undefined) return row;
  for (const name of columns) {
    const value = row[name];
    if (typeof value === 'string') row[name] = JSON.parse(value);
  }
  return row;
}

export function parseAll(rows: RawRow[], columns: readonly string[]): RawRow[] {
  for (const row of rows) parseJson(row, columns);
  return rows;
}

interface WritableColumn {
  key: string;
  name: string;
  kind: 'json' | 'boolean' | 'plain';
  /** Value bound when the input leaves the column out (the column's JSON default, encoded). */
  fallback: unknown;
}

/**
 * `INSERT … ON CONFLICT(id) DO UPDATE … WHERE <row differs>` with positional parameters, and
 * the per-row encoder for it: the upsert a developer would write by hand for an import.
 */
export function rawUpsert(table: SQLiteTable) {
  const name = getTableConfig(table).name;
  const columns: WritableColumn[] = Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>)
    .filter(([key, column]) => !column.generated && key !== 'createdAt' && key !== 'updatedAt')
    .map(([key, column]) => {
      const kind = column.dataType === 'json' ? 'json' : column.dataType === 'boolean' ? 'boolean' : 'plain';
      const raw: unknown = column.default;
      const fallback =
        raw === undefined || (typeof raw === 'object' && raw !== null && !Array.isArray(raw))
          ? null
          : kind === 'json'
            ? JSON.stringify(raw)
            : kind === 'boolean'
              ? Number(raw)
              : raw;
      return { key, name: column.name, kind, fallback };
    });
  const updated = columns.filter((c) => c.key !== 'id');
  const q = (n: string) => `"${n}"`;
  const sql =
    `INSERT INTO ${q(name)} (${columns.map((c) => q(c.name)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ` +
    `ON CONFLICT (id) DO UPDATE SET ${updated.map((c) => `${q(c.name)} = excluded.${q(c.name)}`).join(', ')}, ` +
    `updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ` +
    // BINARY, as the repository compares: a capitalisation fix in a NOCASE name is a change.
    `WHERE (${updated.map((c) => `${q(c.name)} COLLATE BINARY`).join(', ')}) IS NOT (${updated.map((c) => `excluded.${q(c.name)}`).join(', ')})`;

  function encode(row: Record<string, unknown>): unknown[] {
    const out = new Array<unknown>(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i] as WritableColumn;
      const value = row[column.key];
      if (value === undefined || value === null) out[i] = value === null ? null : column.fallback;
      else if (column.kind === 'json') out[i] = JSON.stringify(value);
      else if (column.kind === 'boolean') out[i] = value ? 1 : 0;
      else out[i] = value;
    }
    return out;
  }
  return { sql, encode };
}
