/** JSON shapes shared by several entities. */
import { z } from 'zod';
import { entityIdSchema, ruleSystemIdSchema, sourceIdSchema } from '../define';
import { ABILITIES, SIZE_CODES } from '../enums';
import { entryList } from './shapes/entries';

/** A free-form JSON object (metadata columns). */
export const jsonObject = z.record(z.string(), z.json());

/** 5etools entries (rules text with `{@tag …}` markup, kept as published): see shapes/entries. */
export { entryList };

export const nonEmptyText = z.string().trim().min(1).max(500);

export { ABILITIES, SIZE_CODES };
export const sizeCode = z.enum(SIZE_CODES);

export const abilityCode = z.enum(ABILITIES);

/** A 5etools reprint link as written: `"Fireball|XPHB"` (name|source, optionally more parts). */
export const reprintRef = z.string().min(1).max(500);

/** Shapes of the columns every entity table has (see tables/entity-columns.ts). */
export const entityColumnShapes = {
  id: entityIdSchema,
  name: nonEmptyText,
  ruleSystemId: ruleSystemIdSchema,
  sourceId: sourceIdSchema,
  page: z.number().int().min(0),
  entries: entryList,
  reprintedAs: z.array(reprintRef).max(100),
  supersededBy: entityIdSchema,
  unmapped: jsonObject,
};
