import { sql } from 'drizzle-orm';
import { index, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { json, timestamps } from './columns';
import { RACE_TYPES, SIZE_CODES } from '../enums';
import { entityColumns, entityIndexes, entitySyncColumns } from './entity-columns';
import type { AbilityBonuses, Age, ProficiencyChoices, Speed, TraitTags } from '../entities/shapes';

export const races = sqliteTable(
  'races',
  {
    ...entityColumns(),
    raceType: text('race_type', { enum: RACE_TYPES }).notNull(),
    parentRaceId: text('parent_race_id').references((): AnySQLiteColumn => races.id, { onDelete: 'restrict' }),
    size: text('size', { enum: SIZE_CODES }),
    speed: json<Speed>('speed'),
    abilityScores: json<AbilityBonuses>('ability_scores'),
    age: json<Age>('age'),
    alignmentTendency: text('alignment_tendency'),
    languageProficiencies: json<ProficiencyChoices>('language_proficiencies'),
    traitTags: json<TraitTags>('trait_tags'),
    ...timestamps(),
    ...entitySyncColumns(),
  },
  (t) => [
    ...entityIndexes('races', t),
    index('races_race_type_idx').on(t.raceType),
    index('races_parent_race_id_idx').on(t.parentRaceId).where(sql`${t.parentRaceId} IS NOT NULL`),
  ],
);

export type RaceRow = typeof races.$inferSelect;
export type NewRaceRow = typeof races.$inferInsert;
