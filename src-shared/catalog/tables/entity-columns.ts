/** Columns and indexes shared by the seven catalog entity tables. */
import { sql } from 'drizzle-orm';
import { index, integer, text, type SQLiteColumn, type SQLiteColumnBuilderBase } from 'drizzle-orm/sqlite-core';
import { json, provenanceColumns } from './columns';
import { ruleSystems } from './rule-systems';
import { sources } from './sources';
import type { EntryList } from '../entities/shapes';

/** The columns every catalog entity table starts with (SCHEMA.md, "Entity tables"). */
export function entityColumns() {
  return {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    ruleSystemId: text('rule_system_id')
      .notNull()
      .references(() => ruleSystems.id, { onDelete: 'restrict' }),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    page: integer('page'),
    entries: json<EntryList>('entries').notNull().default([]),
  } satisfies Record<string, SQLiteColumnBuilderBase>;
}

/**
 * Editions and lossless import, on every entity table (migration 0014): the 5etools reprint
 * links as written (`"Fireball|XPHB"`), the id of the first newer printing in the same table
 * (not a foreign key: that book may be absent), and original values a typed column could not
 * take, keyed by column name.
 */
export function entitySyncColumns() {
  return {
    reprintedAs: json<string[]>('reprinted_as'),
    supersededBy: text('superseded_by'),
    unmapped: json<Record<string, unknown>>('unmapped'),
    ...provenanceColumns(),
  } satisfies Record<string, SQLiteColumnBuilderBase>;
}

/** The indexes every entity table has: source, rule system, (NOCASE) name with id, and superseded rows. */
export function entityIndexes(
  table: string,
  t: { id: SQLiteColumn; sourceId: SQLiteColumn; ruleSystemId: SQLiteColumn; name: SQLiteColumn; supersededBy: SQLiteColumn },
) {
  return [
    index(`${table}_source_id_idx`).on(t.sourceId),
    index(`${table}_rule_system_id_idx`).on(t.ruleSystemId),
    // (name, id): pages in name order, id the tiebreak, straight from the index (migration 0018).
    index(`${table}_name_idx`).on(t.name, t.id),
    index(`${table}_superseded_by_idx`).on(t.supersededBy).where(sql`${t.supersededBy} IS NOT NULL`),
  ];
}
