import { z } from 'zod';
import { contains, defineEntity, entityFilters, entityIdSchema, ruleSystemIdSchema, sourceIdSchema } from '../define';
import { rowSchemas } from '../row-schemas';
import { backgrounds as t } from '../tables';
import { entryList, nonEmptyText } from './json';
import { equipmentChoices, proficiencyChoices } from './shapes';

export const backgroundEntity = defineEntity({
  name: 'backgrounds',
  label: 'background',
  table: t,
  id: entityIdSchema,
  ...rowSchemas(t, {
    id: entityIdSchema,
    name: nonEmptyText,
    ruleSystemId: ruleSystemIdSchema,
    sourceId: sourceIdSchema,
    page: z.number().int().min(0),
    entries: entryList,
    skillProficiencies: proficiencyChoices,
    languageProficiencies: proficiencyChoices,
    toolProficiencies: proficiencyChoices,
    startingEquipment: equipmentChoices,
    featureName: z.string().min(1).max(200),
    featureText: z.string().max(100_000),
  }),
  filters: {
    ...entityFilters(t),
    featureNameContains: contains(t.featureName),
    featureTextContains: contains(t.featureText),
  },
  sortable: { name: t.name, id: t.id, sourceId: t.sourceId, createdAt: t.createdAt, updatedAt: t.updatedAt },
  defaultSort: 'name',
});
