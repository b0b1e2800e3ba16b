import { z } from 'zod';
import { defineEntity, entityFilters, entityIdSchema, oneOf, ruleSystemIdSchema, sourceIdSchema } from '../define';
import { rowSchemas } from '../row-schemas';
import { races as t } from '../tables';
import { entryList, nonEmptyText, sizeCode } from './json';
import { age, abilityBonuses, proficiencyChoices, speed, traitTags } from './shapes';

export const raceEntity = defineEntity({
  name: 'races',
  label: 'race',
  table: t,
  id: entityIdSchema,
  ...rowSchemas(t, {
    id: entityIdSchema,
    name: nonEmptyText,
    ruleSystemId: ruleSystemIdSchema,
    sourceId: sourceIdSchema,
    page: z.number().int().min(0),
    entries: entryList,
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
    raceType: oneOf(t.raceType, z.enum(['race', 'subrace'])),
    parentRaceId: oneOf(t.parentRaceId, entityIdSchema),
    size: oneOf(t.size, sizeCode),
  },
  sortable: { name: t.name, id: t.id, sourceId: t.sourceId, createdAt: t.createdAt, updatedAt: t.updatedAt },
  defaultSort: 'name',
});
