import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamps } from './columns';
import { entityColumns, entityIndexes, entitySyncColumns } from './entity-columns';
import { RULES_TERM_TYPES } from '../enums';

export { RULES_TERM_TYPES } from '../enums';

/**
 * Rules terms: conditions, diseases, statuses, rules (5etools variant rules and the 2024 rules
 * glossary), actions, senses and skills, the targets of `{@condition}`, `{@variantrule}` … tags.
 * An entity table like the others; what is particular to it is the term type.
 */
export const rulesTerms = sqliteTable(
  'rules_terms',
  {
    ...entityColumns(),
    termType: text('term_type', { enum: RULES_TERM_TYPES }).notNull(),
    ...timestamps(),
    ...entitySyncColumns(),
  },
  (t) => [...entityIndexes('rules_terms', t), index('rules_terms_term_type_idx').on(t.termType)],
);

export type RulesTermRow = typeof rulesTerms.$inferSelect;
export type NewRulesTermRow = typeof rulesTerms.$inferInsert;
