import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { json, timestamps } from './columns';
import { entityColumns, entityIndexes } from './entity-columns';

export const backgrounds = sqliteTable(
  'backgrounds',
  {
    ...entityColumns(),
    skillProficiencies: json<unknown>('skill_proficiencies'),
    languageProficiencies: json<unknown>('language_proficiencies'),
    toolProficiencies: json<unknown>('tool_proficiencies'),
    startingEquipment: json<unknown>('starting_equipment'),
    featureName: text('feature_name'),
    featureText: text('feature_text'),
    ...timestamps(),
  },
  (t) => [...entityIndexes('backgrounds', t)],
);

export type BackgroundRow = typeof backgrounds.$inferSelect;
export type NewBackgroundRow = typeof backgrounds.$inferInsert;
