/**
 * Column facts agree across the three places that state them: the SQL migrations (CHECK lists
 * and ranges, defaults, generated expressions), the drizzle tables and the zod schemas derived
 * from them. Everything is derived from the definitions (every table, every column), so a column
 * or enumeration added later is covered without an edit here. The migrated database is read back
 * from sqlite_master / pragma_table_xinfo (src-main/db/column-facts.ts).
 */
import { join } from 'node:path';
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { catalogEntities } from '../src-shared/catalog/entities';
import { allTables } from '../src-main/db/catalog';
import { checkColumnFacts, expectedDefault, liveColumns } from '../src-main/db/column-facts';
import { openConnection } from '../src-main/db/connection';
import { checkIntegrity } from '../src-main/db/integrity';
import { embeddedMigrations, migrate } from '../src-main/db/migrations';
import { openMigrated, tempDir } from './helpers';

const { connection } = openMigrated();
const sqlite = connection.sqlite;

/** The insert schema's field for each column key, for tables with an entity definition. */
function fieldSchemas(table: SQLiteTable): Map<string, z.ZodType> {
  const entity = Object.values(catalogEntities).find((e) => e.table === table);
  const shape = (entity?.insert as unknown as { shape?: Record<string, z.ZodType> } | undefined)?.shape ?? {};
  return new Map(Object.entries(shape));
}

interface ColumnCase {
  table: string;
  key: string;
  column: SQLiteColumn;
  field?: z.ZodType;
}

const columns: ColumnCase[] = allTables.flatMap((table) => {
  const fields = fieldSchemas(table);
  return Object.entries(getTableColumns(table)).map(([key, column]) => ({
    table: getTableConfig(table).name,
    key,
    column: column as SQLiteColumn,
    field: fields.get(key),
  }));
});

const enumValuesOf = (column: SQLiteColumn) => (column as unknown as { enumValues?: string[] }).enumValues ?? [];
const accepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

describe('the migrated database states what the drizzle tables declare', () => {
  it('no drift in CHECK value lists, defaults or generated expressions (as db check reports it)', () => {
    expect(checkColumnFacts(sqlite, allTables)).toEqual([]);
    expect(checkIntegrity(sqlite, 'quick').drift).toEqual([]);
  });

  it('the cases below cover every table and its enumerated, ranged, defaulted and generated columns', () => {
    expect(new Set(columns.map((c) => c.table)).size).toBe(allTables.length);
    expect(columns.filter((c) => enumValuesOf(c.column).length > 0).length).toBeGreaterThanOrEqual(10);
    expect(columns.filter((c) => c.column.generated).length).toBeGreaterThanOrEqual(3);
  });
});

describe('zod agrees with the SQL', () => {
  const enumerated = columns.filter((c) => enumValuesOf(c.column).length > 0 && c.field);
  it.each(enumerated.map((c) => [`${c.table}.${c.column.name}`, c] as const))('%s: accepts exactly the values the CHECK lists', (_name, c) => {
    const live = liveColumns(sqlite, c.table).get(c.column.name);
    expect(live?.enumValues, 'the CHECK lists the values').toBeDefined();
    for (const value of live!.enumValues!) expect(accepts(c.field!, value), value).toBe(true);
    for (const value of ['not-a-value', '', ' ', live!.enumValues![0]!.toUpperCase() + 'x']) expect(accepts(c.field!, value), value).toBe(false);
  });

  const booleans = columns.filter((c) => c.column.columnType === 'SQLiteBoolean' && !c.column.generated && c.field);
  it.each(booleans.map((c) => [`${c.table}.${c.column.name}`, c] as const))('%s: a boolean in zod, 0 or 1 in SQL', (_name, c) => {
    expect(liveColumns(sqlite, c.table).get(c.column.name)?.numberValues?.sort()).toEqual([0, 1]);
    expect(accepts(c.field!, true) && accepts(c.field!, false)).toBe(true);
    expect(accepts(c.field!, 2)).toBe(false);
  });

  const ranged = columns.flatMap((c) => {
    const range = liveColumns(sqlite, c.table).get(c.column.name)?.range;
    return range && c.field ? [[`${c.table}.${c.column.name}`, { ...c, range }] as const] : [];
  });
  it('finds the ranges the migrations state', () => {
    expect(ranged.map(([name]) => name)).toEqual(expect.arrayContaining(['spells.level', 'spells.page']));
  });
  it.each(ranged)('%s: zod accepts the CHECK range and nothing beyond it', (_name, c) => {
    const step = c.column.columnType === 'SQLiteInteger' ? 1 : 0.5;
    const { min, max, minExclusive, maxExclusive } = c.range;
    if (min !== undefined) {
      const lowest = minExclusive ? min + step : min;
      expect(accepts(c.field!, lowest), `${lowest}`).toBe(true);
      expect(accepts(c.field!, lowest - step), `${lowest - step}`).toBe(false);
    }
    if (max !== undefined) {
      const highest = maxExclusive ? max - step : max;
      expect(accepts(c.field!, highest), `${highest}`).toBe(true);
      expect(accepts(c.field!, highest + step), `${highest + step}`).toBe(false);
    }
  });

  const defaulted = columns.filter((c) => expectedDefault(c.column) !== undefined && c.field && !c.column.generated);
  it.each(defaulted.map((c) => [`${c.table}.${c.column.name}`, c] as const))('%s: optional in zod, defaulted in SQL', (_name, c) => {
    expect(accepts(c.field!, undefined)).toBe(true);
    expect(liveColumns(sqlite, c.table).get(c.column.name)?.default).toBe(expectedDefault(c.column));
  });

  it('generated columns are not writable through zod', () => {
    for (const c of columns.filter((x) => x.column.generated)) {
      const entity = Object.values(catalogEntities).find((e) => (getTableColumns(e.table) as Record<string, unknown>)[c.key] === c.column);
      if (!entity) continue;
      expect(fieldSchemas(entity.table).has(c.key), `${c.table}.${c.key}`).toBe(false);
    }
  });
});

describe('a migration that disagrees is reported', () => {
  function migratedWith(edit: (up: string) => string) {
    const migrations = embeddedMigrations.map((m) => (m.name === 'spells' ? { ...m, up: edit(m.up) } : m));
    const file = join(tempDir(), 'drift.sqlite');
    const opened = openConnection(file);
    const report = migrate(opened.sqlite, migrations, { file });
    expect(report.ok).toBe(true);
    return opened;
  }

  it('a CHECK list missing a value, a default changed, a generated expression edited', () => {
    const drifted = migratedWith((up) =>
      up
        .replace("'A', 'C', 'D', 'E', 'I', 'N', 'T', 'V'", "'A', 'C', 'D', 'E', 'I', 'N', 'T', 'X'")
        .replace('is_ritual INTEGER NOT NULL DEFAULT 0', 'is_ritual INTEGER NOT NULL DEFAULT 1')
        .replace(`'","', ', '`, `'","', ' / '`),
    );
    try {
      const issues = checkColumnFacts(drifted.sqlite, allTables);
      expect(issues).toEqual(
        expect.arrayContaining([
          { table: 'spells', kind: 'check-values', detail: expect.stringMatching(/school.*lacks "V".*also allows "X"/) as unknown },
          { table: 'spells', kind: 'column-default', detail: 'column is_ritual defaults to 1, expected 0' },
          { table: 'spells', kind: 'generated-expression', detail: expect.stringContaining('spells.classes_display') as unknown },
        ]),
      );
      expect(issues).toHaveLength(3);
      expect(checkIntegrity(drifted.sqlite, 'quick').ok).toBe(false);
    } finally {
      drifted.close();
    }
  });
});
