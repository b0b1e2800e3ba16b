/** Columns and indexes shared by the seven catalog entity tables. */
import { index, integer, text, type SQLiteColumn, type SQLiteColumnBuilderBase } from 'drizzle-orm/sqlite-core';
import { json } from './columns';
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

/** The indexes every entity table has: source, rule system and (NOCASE) name. */
export function entityIndexes(table: string, t: { sourceId: SQLiteColumn; ruleSystemId: SQLiteColumn; name: SQLiteColumn }) {
  return [
    index(`${table}_source_id_idx`).on(t.sourceId),
    index(`${table}_rule_system_id_idx`).on(t.ruleSystemId),
    index(`${table}_name_idx`).on(t.name),
  ];
}
