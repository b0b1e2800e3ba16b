import { z } from 'zod';
import { contains, defineEntity, equals, oneOf, ruleSystemIdSchema, sourceIdSchema, startsWith } from '../define';
import { rowSchemas } from '../row-schemas';
import { sources as t } from '../tables';
import { jsonObject, nonEmptyText } from './json';

export const sourceEntity = defineEntity({
  name: 'sources',
  label: 'source',
  table: t,
  id: sourceIdSchema,
  ...rowSchemas(t, {
    id: sourceIdSchema,
    ruleSystemId: ruleSystemIdSchema,
    fullName: nonEmptyText,
    publishedDate: z.iso.date(),
    metadata: jsonObject,
  }),
  filters: {
    ruleSystemId: oneOf(t.ruleSystemId, ruleSystemIdSchema),
    isOfficial: equals(t.isOfficial, z.boolean()),
    isSrd: equals(t.isSrd, z.boolean()),
    nameStartsWith: startsWith(t.fullName),
    nameContains: contains(t.fullName),
  },
  sortable: { id: t.id, fullName: t.fullName, publishedDate: t.publishedDate, createdAt: t.createdAt, updatedAt: t.updatedAt },
  defaultSort: 'id',
});
