import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineEntity, entityFilters, entityIdSchema, oneOf, ruleSystemIdSchema, sourceIdSchema } from '../define';
import { rowSchemas } from '../row-schemas';
import { FEAT_TYPES, feats as t } from '../tables';
import { entryList, nonEmptyText } from './json';
import { abilityBonuses, prerequisites } from './shapes';

export const featEntity = defineEntity({
  name: 'feats',
  label: 'feat',
  table: t,
  id: entityIdSchema,
  ...rowSchemas(t, {
    id: entityIdSchema,
    name: nonEmptyText,
    ruleSystemId: ruleSystemIdSchema,
    sourceId: sourceIdSchema,
    page: z.number().int().min(0),
    entries: entryList,
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
  sortable: { name: t.name, id: t.id, sourceId: t.sourceId, createdAt: t.createdAt, updatedAt: t.updatedAt },
  defaultSort: 'name',
});
