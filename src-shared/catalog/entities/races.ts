import { z } from 'zod';
import { defineEntity, entityFilters, entityIdSchema, entitySortable, oneOf } from '../define';
import { RACE_TYPES } from '../enums';
import { rowSchemas } from '../row-schemas';
import { races as t } from '../tables';
import { entityColumnShapes, sizeCode } from './json';
import { age, abilityBonuses, proficiencyChoices, speed, traitTags } from './shapes';

export const raceEntity = defineEntity({
  name: 'races',
  label: 'race',
  table: t,
  id: entityIdSchema,
  ...rowSchemas(t, {
    ...entityColumnShapes,
    parentRaceId: entityIdSchema,
    size: sizeCode,
    speed,
    abilityScores: abilityBonuses,
    age,
    languageProficiencies: proficiencyChoices,
    traitTags,
  }),
  filters: {
    ...entityFilters(t),
    raceType: oneOf(t.raceType, z.enum(RACE_TYPES)),
    parentRaceId: oneOf(t.parentRaceId, entityIdSchema),
    size: oneOf(t.size, sizeCode),
  },
  sortable: entitySortable(t),
  defaultSort: 'name',
});
