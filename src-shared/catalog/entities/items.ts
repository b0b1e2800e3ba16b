import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { atLeast, atMost, byRank, defineEntity, entityFilters, entityIdSchema, entitySortable, equals, oneOf, type FilterSpec } from '../define';
import { rowSchemas } from '../row-schemas';
import { ITEM_FLAG_KEYS, ITEM_RARITIES, items as t, type ItemFlag } from '../tables';
import { entityColumnShapes } from './json';
import { additionalProperties, attunementPrereq, itemDamage, itemProperties, itemType } from './shapes';

/** One boolean filter per 5etools item flag (`isWondrous: true`), answered from the flag's index. */
const flagFilters = Object.fromEntries(ITEM_FLAG_KEYS.map((key) => [key, equals(t[key], z.boolean())])) as {
  [K in ItemFlag]: FilterSpec<boolean>;
};

export const itemEntity = defineEntity({
  name: 'items',
  label: 'item',
  table: t,
  id: entityIdSchema,
  ...rowSchemas(t, {
    ...entityColumnShapes,
    baseItemId: entityIdSchema,
    type: itemType,
    weightLb: z.number().min(0),
    valueCp: z.number().int().min(0),
    armorClass: z.number().int(),
    damage: itemDamage,
    properties: itemProperties,
    attunementPrereq,
    magicBonus: z.number().int().min(-5).max(5),
    additionalProperties,
  }),
  filters: {
    ...entityFilters(t),
    // The same codes the column accepts, so an unknown code is refused rather than matching nothing.
    type: oneOf(t.type, itemType),
    rarity: oneOf(t.rarity, z.enum(ITEM_RARITIES)),
    isMagic: equals(t.isMagic, z.boolean()),
    requiresAttunement: equals(t.requiresAttunement, z.boolean()),
    ...flagFilters,
    baseItemId: oneOf(t.baseItemId, entityIdSchema),
    isVariant: {
      schema: z.boolean(),
      where: (p) => sql`((${t.baseItemId} IS NOT NULL) = ${p})`,
      bind: (v: boolean) => (v ? 1 : 0),
    },
    /** Is the base item of at least one variant (answered from the partial index on base_item_id). */
    hasVariants: {
      schema: z.boolean(),
      // Qualified by hand: inside the subquery an unqualified column would name the inner row.
      where: (p) => sql`(EXISTS (SELECT 1 FROM "items" AS "variant" WHERE "variant"."base_item_id" = "items"."id") = ${p})`,
      bind: (v: boolean) => (v ? 1 : 0),
    },
    valueMinCp: atLeast(t.valueCp, z.number().int().min(0)),
    valueMaxCp: atMost(t.valueCp, z.number().int().min(0)),
    weightMinLb: atLeast(t.weightLb, z.number().min(0)),
    weightMaxLb: atMost(t.weightLb, z.number().min(0)),
  },
  // Rarity in rank order (common → artifact), not alphabetically.
  sortable: { ...entitySortable(t), valueCp: t.valueCp, weightLb: t.weightLb, rarity: byRank(t.rarity, ITEM_RARITIES) },
  defaultSort: 'name',
});
