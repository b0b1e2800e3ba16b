/** JSON shapes of the feats table. */
import { z } from 'zod';
import { abilityCode } from '../json';
import { bounded } from './entries';

/**
 * One alternative set of prerequisites (all of it must hold): `{ability: [{str: 13}]}`,
 * `{level: 4}`, `{race: [{name: "elf"}]}`, `{spellcasting: true}` … The common keys are
 * checked; the object is open because 5etools adds prerequisite kinds with new books (pact,
 * patron, feature, campaign, culture …), all plain JSON.
 */
export const prerequisite = z
  .object({
    level: z
      .union([
        z.number().int().min(1).max(20),
        z.strictObject({
          level: z.number().int().min(1).max(20),
          class: z.strictObject({ name: z.string().min(1), source: z.string().optional(), visible: z.boolean().optional() }).optional(),
          subclass: z.strictObject({ name: z.string().min(1), source: z.string().optional(), visible: z.boolean().optional() }).optional(),
        }),
      ])
      .optional(),
    ability: z.array(z.partialRecord(abilityCode, z.number().int().min(1).max(30))).optional(),
    race: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          subrace: z.string().optional(),
          displayEntry: z.string().optional(),
        }),
      )
      .optional(),
    spellcasting: z.boolean().optional(),
    spellcasting2020: z.boolean().optional(),
    other: z.string().optional(),
    otherSummary: z.json().optional(),
    note: z.string().optional(),
  })
  .catchall(z.json());
export const prerequisites = bounded(z.array(prerequisite));
export type Prerequisites = z.infer<typeof prerequisites>;
