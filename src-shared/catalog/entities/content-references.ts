import { z } from 'zod';
import { defineEntity, entityIdSchema, oneOf, ruleSystemIdSchema, serialIdSchema, sourceIdSchema } from '../define';
import { rowSchemas } from '../row-schemas';
import { contentReferences as t, ENTITY_TYPES, REFERENCE_TYPES } from '../tables';

/** Referenced ids are entity slugs, book codes (sources) or rule system ids. */
const referencedId = z.union([entityIdSchema, sourceIdSchema, ruleSystemIdSchema]);

export const contentReferenceEntity = defineEntity({
  name: 'content_references',
  label: 'content reference',
  table: t,
  id: serialIdSchema,
  ...rowSchemas(t, {
    id: serialIdSchema,
    sourceEntityId: referencedId,
    targetEntityId: referencedId,
    ruleSystemId: ruleSystemIdSchema,
    context: z.string().max(2000),
  }),
  filters: {
    sourceEntityId: oneOf(t.sourceEntityId, referencedId),
    sourceEntityType: oneOf(t.sourceEntityType, z.enum(ENTITY_TYPES)),
    targetEntityId: oneOf(t.targetEntityId, referencedId),
    targetEntityType: oneOf(t.targetEntityType, z.enum(ENTITY_TYPES)),
    ruleSystemId: oneOf(t.ruleSystemId, ruleSystemIdSchema),
    referenceType: oneOf(t.referenceType, z.enum(REFERENCE_TYPES)),
  },
  sortable: { id: t.id, createdAt: t.createdAt },
  defaultSort: 'id',
  conflictTarget: [t.sourceEntityId, t.sourceEntityType, t.targetEntityId, t.targetEntityType],
});
