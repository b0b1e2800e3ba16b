import { sql } from 'drizzle-orm';
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { json, timestamps } from './columns';
import { entityColumns, entityIndexes, entitySyncColumns } from './entity-columns';
import type { AbilityBonuses, Prerequisites } from '../entities/shapes';

/**
 * Feat categories: the 2024 rules' four, plus Eberron's dragonmark feats (5etools `D`) and the
 * dark gifts of Ravenloft (`DG`). The migrations' CHECK (0012) lists the same values.
 */
export const FEAT_TYPES = ['general', 'origin', 'fighting-style', 'epic', 'dragonmark', 'dark-gift'] as const;

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
