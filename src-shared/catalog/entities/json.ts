/** JSON shapes shared by several entities. */
import { z } from 'zod';
import { entityIdSchema, ruleSystemIdSchema, sourceIdSchema } from '../define';
import { entryList } from './shapes/entries';

/** A free-form JSON object (metadata columns). */
export const jsonObject = z.record(z.string(), z.json());

/** 5etools entries (rules text with `{@tag …}` markup, kept as published): see shapes/entries. */
export { entryList };

export const nonEmptyText = z.string().trim().min(1).max(500);

/** Creature and race sizes: Fine, Diminutive, Tiny, Small, Medium, Large, Huge, Gargantuan, Colossal, Varies. */
export const SIZE_CODES = ['F', 'D', 'T', 'S', 'M', 'L', 'H', 'G', 'C', 'V'] as const;
export const sizeCode = z.enum(SIZE_CODES);

export const ABILITIES = ['str', 'dex', 'con', 'int', 'wis', 'cha'] as const;
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
