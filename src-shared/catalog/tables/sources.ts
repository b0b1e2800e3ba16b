import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { bool, json, provenanceColumns, timestamps } from './columns';
import { ruleSystems } from './rule-systems';

export const sources = sqliteTable(
  'sources',
  {
    id: text('id').primaryKey(),
    ruleSystemId: text('rule_system_id')
      .notNull()
      .references(() => ruleSystems.id, { onDelete: 'restrict' }),
    fullName: text('full_name').notNull(),
    abbreviation: text('abbreviation'),
    publishedDate: text('published_date'),
    version: text('version'),
    isOfficial: bool('is_official').notNull().default(true),
    isSrd: bool('is_srd').notNull().default(false),
    metadata: json<Record<string, unknown>>('metadata').notNull().default({}),
    ...timestamps(),
    ...provenanceColumns(),
  },
  (t) => [
    index('sources_rule_system_id_idx').on(t.ruleSystemId),
    index('sources_is_official_idx').on(t.isOfficial),
    index('sources_is_srd_idx').on(t.isSrd),
  ],
);

export type SourceRow = typeof sources.$inferSelect;
export type NewSourceRow = typeof sources.$inferInsert;
