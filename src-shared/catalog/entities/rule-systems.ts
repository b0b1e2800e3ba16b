import { z } from 'zod';
import { contains, defineEntity, equals, ruleSystemIdSchema, startsWith } from '../define';
import { rowSchemas } from '../row-schemas';
import { ruleSystems as t } from '../tables';
import { jsonObject, nonEmptyText } from './json';

export const ruleSystemEntity = defineEntity({
  name: 'rule_systems',
  label: 'rule system',
  table: t,
  id: ruleSystemIdSchema,
  ...rowSchemas(t, { id: ruleSystemIdSchema, name: nonEmptyText, metadata: jsonObject }),
  filters: {
    isActive: equals(t.isActive, z.boolean()),
    nameStartsWith: startsWith(t.name),
    nameContains: contains(t.name),
  },
  sortable: { id: t.id, name: t.name, createdAt: t.createdAt, updatedAt: t.updatedAt },
  defaultSort: 'name',
});
