import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { json, timestamps } from './columns';
import { entityColumns, entityIndexes, entitySyncColumns } from './entity-columns';
import type { EquipmentChoices, ProficiencyChoices } from '../entities/shapes';

export const backgrounds = sqliteTable(
  'backgrounds',
  {
    ...entityColumns(),
    skillProficiencies: json<ProficiencyChoices>('skill_proficiencies'),
    languageProficiencies: json<ProficiencyChoices>('language_proficiencies'),
    toolProficiencies: json<ProficiencyChoices>('tool_proficiencies'),
    startingEquipment: json<EquipmentChoices>('starting_equipment'),
    featureName: text('feature_name'),
    featureText: text('feature_text'),
    ...timestamps(),
    ...entitySyncColumns(),
  },
  (t) => [...entityIndexes('backgrounds', t)],
);

export type BackgroundRow = typeof backgrounds.$inferSelect;
export type NewBackgroundRow = typeof backgrounds.$inferInsert;
