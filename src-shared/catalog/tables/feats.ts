import { sql } from 'drizzle-orm';
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { json, timestamps } from './columns';
import { entityColumns, entityIndexes, entitySyncColumns } from './entity-columns';
import { FEAT_TYPES } from '../enums';
import type { AbilityBonuses, Prerequisites } from '../entities/shapes';

export { FEAT_TYPES } from '../enums';

export const feats = sqliteTable(
  'feats',
  {
    ...entityColumns(),
    prerequisites: json<Prerequisites>('prerequisites'),
    abilityIncreases: json<AbilityBonuses>('ability_increases'),
    featType: text('feat_type', { enum: FEAT_TYPES }),
    ...timestamps(),
    ...entitySyncColumns(),
  },
  (t) => [...entityIndexes('feats', t), index('feats_feat_type_idx').on(t.featType).where(sql`${t.featType} IS NOT NULL`)],
);

export type FeatRow = typeof feats.$inferSelect;
export type NewFeatRow = typeof feats.$inferInsert;
