import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineEntity, entityFilters, entityIdSchema, entitySortable, oneOf } from '../define';
import { rowSchemas } from '../row-schemas';
import { FEAT_TYPES, feats as t } from '../tables';
import { entityColumnShapes } from './json';
import { abilityBonuses, prerequisites } from './shapes';

export const featEntity = defineEntity({
  name: 'feats',
  label: 'feat',
  table: t,
  id: entityIdSchema,
  ...rowSchemas(t, {
    ...entityColumnShapes,
    prerequisites,
    abilityIncreases: abilityBonuses,
  }),
  filters: {
    ...entityFilters(t),
    featType: oneOf(t.featType, z.enum(FEAT_TYPES)),
    hasPrerequisites: {
      schema: z.boolean(),
      where: (p) => sql`((coalesce(json_array_length(${t.prerequisites}), 0) > 0) = ${p})`,
      bind: (v: boolean) => (v ? 1 : 0),
    },
  },
  sortable: entitySortable(t),
  defaultSort: 'name',
});
