/** JSON shapes of the spells table. */
import { z } from 'zod';
import { ABILITY_NAMES, damageType } from './common';

export const TIME_UNITS = ['action', 'bonus', 'reaction', 'round', 'minute', 'hour', 'day', 'special'] as const;

/** `[{number: 1, unit: "action"}]`, `[{number: 1, unit: "reaction", condition: "which you take when …"}]`. */
export const castingTime = z
  .array(
    z.strictObject({
      number: z.number().int().min(1).optional(),
      unit: z.enum(TIME_UNITS),
      condition: z.string().min(1).optional(),
      note: z.string().min(1).optional(),
    }),
  )
  .min(1);
export type CastingTime = z.infer<typeof castingTime>;

export const RANGE_TYPES = ['point', 'line', 'cube', 'cone', 'emanation', 'radius', 'sphere', 'hemisphere', 'cylinder', 'special'] as const;
export const DISTANCE_TYPES = ['feet', 'miles', 'self', 'touch', 'unlimited', 'plane', 'sight'] as const;

/** `{type: "point", distance: {type: "feet", amount: 150}}`, `{type: "cone", distance: {type: "feet", amount: 15}}`, `{type: "special"}`. */
export const spellRange = z.strictObject({
  type: z.enum(RANGE_TYPES),
  distance: z
    .strictObject({
      type: z.enum(DISTANCE_TYPES),
      amount: z.number().int().min(0).optional(),
    })
    .optional(),
});
export type SpellRange = z.infer<typeof spellRange>;

/** `{v: true, s: true, m: "a pinch of salt"}`; a costly material is `{text, cost (cp), consume}`. */
export const components = z.strictObject({
  v: z.boolean().optional(),
  s: z.boolean().optional(),
  m: z
    .union([
      z.string().min(1),
      z.literal(true),
      z.strictObject({
        text: z.string().min(1),
        cost: z.number().int().min(0).optional(),
        consume: z.union([z.boolean(), z.literal('optional')]).optional(),
      }),
    ])
    .optional(),
  /** Royalty (psionic-style spells). */
  r: z.boolean().optional(),
});
export type Components = z.infer<typeof components>;

export const DURATION_UNITS = ['turn', 'round', 'minute', 'hour', 'day', 'week', 'month', 'year'] as const;

/** `[{type: "instant"}]`, `[{type: "timed", duration: {type: "minute", amount: 1}, concentration: true}]`. */
export const duration = z
  .array(
    z.strictObject({
      type: z.enum(['instant', 'timed', 'permanent', 'special']),
      duration: z
        .strictObject({
          type: z.enum(DURATION_UNITS),
          amount: z.number().int().min(1).optional(),
          upTo: z.boolean().optional(),
        })
        .optional(),
      concentration: z.boolean().optional(),
      ends: z.array(z.enum(['dispel', 'trigger', 'discharge'])).optional(),
      condition: z.string().min(1).optional(),
    }),
  )
  .min(1);
export type Duration = z.infer<typeof duration>;

/** `["dexterity"]`. */
export const spellSavingThrows = z.array(z.enum(ABILITY_NAMES));
export type SpellSavingThrows = z.infer<typeof spellSavingThrows>;

/** `["fire"]`. */
export const spellDamageTypes = z.array(damageType);
export type SpellDamageTypes = z.infer<typeof spellDamageTypes>;
