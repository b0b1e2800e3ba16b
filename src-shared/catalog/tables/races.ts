import { sql } from 'drizzle-orm';
import { index, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { json, timestamps } from './columns';
import { entityColumns, entityIndexes } from './entity-columns';

export const races = sqliteTable(
  'races',
  {
    ...entityColumns(),
    raceType: text('race_type', { enum: ['race', 'subrace'] }).notNull(),
    parentRaceId: text('parent_race_id').references((): AnySQLiteColumn => races.id, { onDelete: 'restrict' }),
    size: text('size'),
    speed: json<unknown>('speed'),
    abilityScores: json<unknown>('ability_scores'),
    age: json<unknown>('age'),
    alignmentTendency: text('alignment_tendency'),
    languageProficiencies: json<unknown>('language_proficiencies'),
    traitTags: json<string[]>('trait_tags'),
    ...timestamps(),
  },
  (t) => [
    ...entityIndexes('races', t),
    index('races_race_type_idx').on(t.raceType),
    index('races_parent_race_id_idx').on(t.parentRaceId).where(sql`${t.parentRaceId} IS NOT NULL`),
  ],
);

export type RaceRow = typeof races.$inferSelect;
export type NewRaceRow = typeof races.$inferInsert;
