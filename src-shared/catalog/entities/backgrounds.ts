import { z } from 'zod';
import { contains, defineEntity, entityFilters, entityIdSchema, entitySortable } from '../define';
import { rowSchemas } from '../row-schemas';
import { backgrounds as t } from '../tables';
import { entityColumnShapes } from './json';
import { equipmentChoices, proficiencyChoices } from './shapes';

export const backgroundEntity = defineEntity({
  name: 'backgrounds',
  label: 'background',
  table: t,
  id: entityIdSchema,
  ...rowSchemas(t, {
    ...entityColumnShapes,
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
  sortable: entitySortable(t),
  defaultSort: 'name',
});
