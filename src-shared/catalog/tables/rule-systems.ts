import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { bool, json, timestamps } from './columns';

export const ruleSystems = sqliteTable(
  'rule_systems',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    publisher: text('publisher'),
    version: text('version'),
    isActive: bool('is_active').notNull().default(true),
    metadata: json<Record<string, unknown>>('metadata').notNull().default({}),
    ...timestamps(),
  },
  (t) => [index('rule_systems_is_active_idx').on(t.isActive)],
);

export type RuleSystemRow = typeof ruleSystems.$inferSelect;
export type NewRuleSystemRow = typeof ruleSystems.$inferInsert;
