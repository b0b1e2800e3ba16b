import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineEntity, entityFilters, entityIdSchema, equals, oneOf, ruleSystemIdSchema, sourceIdSchema } from '../define';
import { rowSchemas } from '../row-schemas';
import { creatures as t } from '../tables';
import { entryList, nonEmptyText, sizeCode } from './json';

/** Challenge ratings as 5etools writes them: "0", "1/8", "1/4", "1/2", "1" … "30". */
export const challengeRating = z
  .string()
  .regex(/^(0|1\/8|1\/4|1\/2|[1-9]|[12][0-9]|30)$/, 'must be 0, 1/8, 1/4, 1/2 or a whole number from 1 to 30');

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
    id: entityIdSchema,
    name: nonEmptyText,
    ruleSystemId: ruleSystemIdSchema,
    sourceId: sourceIdSchema,
    page: z.number().int().min(0),
    entries: entryList,
    size: sizeCode,
    type: z.string().min(1).max(50),
    typeTags: z.array(z.json()),
    alignment: z.json(),
    armorClass: z.json(),
    hitPoints: z.json(),
    speed: z.json(),
    abilityScores: z.json(),
    savingThrows: z.json(),
    skills: z.json(),
    damageResistances: z.json(),
    damageImmunities: z.json(),
    conditionImmunities: z.json(),
    senses: z.json(),
    languages: z.json(),
    challengeRating,
    proficiencyBonus: z.number().int().min(0).max(10),
    traits: z.json(),
    actions: z.json(),
    reactions: z.json(),
    legendaryActions: z.json(),
    lairActions: z.json(),
    regionalEffects: z.json(),
    environment: z.array(z.string()),
  }),
  filters: {
    ...entityFilters(t),
    /** Inclusive bounds, numeric: a number (0.25) or a rating string ("1/4"). */
    crMin: { schema: crBound, where: (p) => sql`${t.crValue} >= ${p}` },
    crMax: { schema: crBound, where: (p) => sql`${t.crValue} <= ${p}` },
    type: oneOf(t.type, z.string().min(1).max(50)),
    size: oneOf(t.size, sizeCode),
    environment: {
      schema: z.string().min(1).max(50),
      where: (p) => sql`EXISTS (SELECT 1 FROM json_each(${t.environment}) WHERE value = ${p})`,
    },
    isNpc: equals(t.isNpc, z.boolean()),
  },
  sortable: { name: t.name, id: t.id, crValue: t.crValue, type: t.type, size: t.size, sourceId: t.sourceId, createdAt: t.createdAt, updatedAt: t.updatedAt },
  defaultSort: 'name',
});
