import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { atLeast, atMost, byRank, defineEntity, entityFilters, entityIdSchema, entitySortable, equals, oneOf } from '../define';
import { CHALLENGE_RATINGS, SIZE_CODES } from '../enums';
import { rowSchemas } from '../row-schemas';
import { creatures as t } from '../tables';
import { entityColumnShapes, sizeCode } from './json';
import * as shape from './shapes';

/** Challenge ratings as 5etools writes them: "0", "1/8", "1/4", "1/2", "1" … "30". */
export const challengeRating = z
  .string()
  .regex(new RegExp(`^(${CHALLENGE_RATINGS.join('|')})$`), 'must be 0, 1/8, 1/4, 1/2 or a whole number from 1 to 30');

/** A challenge rating as a number, for range filters: "1/4" → 0.25. */
export function challengeRatingValue(cr: string): number {
  const [a, b] = cr.split('/');
  return b === undefined ? Number(a) : Number(a) / Number(b);
}

const crBound = z.union([z.number().min(0).max(30), challengeRating.transform(challengeRatingValue)]);

export const creatureEntity = defineEntity({
  name: 'creatures',
  label: 'creature',
  table: t,
  id: entityIdSchema,
  ...rowSchemas(t, {
    ...entityColumnShapes,
    size: sizeCode,
    type: shape.creatureType,
    typeTags: shape.typeTags,
    alignment: shape.alignment,
    armorClass: shape.armorClass,
    hitPoints: shape.hitPoints,
    speed: shape.speed,
    abilityScores: shape.abilityScores,
    savingThrows: shape.savingThrows,
    skills: shape.skills,
    damageResistances: shape.damageResistances,
    damageImmunities: shape.damageImmunities,
    conditionImmunities: shape.conditionImmunities,
    senses: shape.senses,
    languages: shape.languages,
    challengeRating,
    proficiencyBonus: z.number().int().min(0).max(10),
    traits: shape.statBlock,
    actions: shape.statBlock,
    reactions: shape.statBlock,
    legendaryActions: shape.statBlock,
    lairActions: shape.lairText,
    regionalEffects: shape.lairText,
    environment: shape.environment,
  }),
  filters: {
    ...entityFilters(t),
    /** Inclusive bounds, numeric: a number (0.25) or a rating string ("1/4"). */
    crMin: atLeast(t.crValue, crBound),
    crMax: atMost(t.crValue, crBound),
    type: oneOf(t.type, z.string().min(1).max(50)),
    size: oneOf(t.size, sizeCode),
    environment: {
      schema: z.string().min(1).max(50),
      where: (p) => sql`EXISTS (SELECT 1 FROM json_each(${t.environment}) WHERE value = ${p})`,
    },
    isNpc: equals(t.isNpc, z.boolean()),
    /** Has legendary actions (the importer stores none as NULL; an empty list counts as none). */
    isLegendary: {
      schema: z.boolean(),
      where: (p) => sql`((coalesce(json_array_length(${t.legendaryActions}), 0) > 0) = ${p})`,
      bind: (v: boolean) => (v ? 1 : 0),
    },
  },
  // Size in rank order (Tiny → Gargantuan), not alphabetically; CR sorts by its numeric value.
  sortable: { ...entitySortable(t), crValue: t.crValue, type: t.type, size: byRank(t.size, SIZE_CODES) },
  defaultSort: 'name',
});
