/** JSON shapes of the races table. */
import { z } from 'zod';

/** `{mature: 20, max: 180}` (years). */
export const age = z.strictObject({
  mature: z.number().int().min(0).optional(),
  max: z.number().int().min(0).optional(),
});
export type Age = z.infer<typeof age>;

/** `["Darkvision", "Uncommon Race"]`. */
export const traitTags = z.array(z.string().min(1).max(100));
export type TraitTags = z.infer<typeof traitTags>;
