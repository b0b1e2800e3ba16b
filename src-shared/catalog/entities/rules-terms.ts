import { z } from 'zod';
import { defineEntity, entityFilters, entityIdSchema, entitySortable, oneOf } from '../define';
import { rowSchemas } from '../row-schemas';
import { RULES_TERM_TYPES, rulesTerms as t } from '../tables';
import { entityColumnShapes } from './json';

export const rulesTermEntity = defineEntity({
  name: 'rules_terms',
  label: 'rules term',
  table: t,
  id: entityIdSchema,
  ...rowSchemas(t, entityColumnShapes),
  filters: {
    ...entityFilters(t),
    termType: oneOf(t.termType, z.enum(RULES_TERM_TYPES)),
  },
  sortable: { ...entitySortable(t), termType: t.termType },
  defaultSort: 'name',
});
