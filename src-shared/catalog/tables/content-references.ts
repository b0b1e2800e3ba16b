import { index, integer, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import { nowIso } from './columns';
import { ruleSystems } from './rule-systems';

/** The tables a content reference may point from or to. */
export const ENTITY_TYPES = [
  'rule_systems',
  'sources',
  'races',
  'classes',
  'items',
  'spells',
  'creatures',
  'backgrounds',
  'feats',
  'rules_terms',
] as const;

export const REFERENCE_TYPES = ['mentions', 'requires', 'grants', 'replaces', 'related'] as const;

export const contentReferences = sqliteTable(
  'content_references',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceEntityId: text('source_entity_id').notNull(),
    sourceEntityType: text('source_entity_type', { enum: ENTITY_TYPES }).notNull(),
    targetEntityId: text('target_entity_id').notNull(),
    targetEntityType: text('target_entity_type', { enum: ENTITY_TYPES }).notNull(),
    ruleSystemId: text('rule_system_id').references(() => ruleSystems.id, { onDelete: 'restrict' }),
    referenceType: text('reference_type', { enum: REFERENCE_TYPES }).notNull().default('mentions'),
    context: text('context'),
    createdAt: text('created_at').notNull().default(nowIso),
  },
  (t) => [
    unique().on(t.sourceEntityId, t.sourceEntityType, t.targetEntityId, t.targetEntityType),
    index('content_references_source_idx').on(t.sourceEntityId, t.sourceEntityType),
    index('content_references_target_idx').on(t.targetEntityId, t.targetEntityType),
    index('content_references_rule_system_id_idx').on(t.ruleSystemId),
  ],
);

export type ContentReferenceRow = typeof contentReferences.$inferSelect;
export type NewContentReferenceRow = typeof contentReferences.$inferInsert;
