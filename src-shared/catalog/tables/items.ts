import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { bool, json, timestamps } from './columns';
import { entityColumns, entityIndexes, entitySyncColumns } from './entity-columns';
import { ITEM_RARITIES } from '../enums';
import type { AdditionalProperties, AttunementPrereq, ItemDamage, ItemProperties } from '../entities/shapes';

export { ITEM_RARITIES } from '../enums';

/**
 * The 5etools item flags a DM filters by, each a boolean column (NOT NULL DEFAULT 0, indexed)
 * and a list filter of the same name. Defined here once: the table, the filters and the
 * importer (which reads `fiveEtools`, the record's own key) all take them from this list.
 */
export const ITEM_FLAGS = {
  isWondrous: { column: 'is_wondrous', fiveEtools: 'wondrous' },
  isTattoo: { column: 'is_tattoo', fiveEtools: 'tattoo' },
  isStaff: { column: 'is_staff', fiveEtools: 'staff' },
  isCursed: { column: 'is_cursed', fiveEtools: 'curse' },
  isSentient: { column: 'is_sentient', fiveEtools: 'sentient' },
  isPoison: { column: 'is_poison', fiveEtools: 'poison' },
} as const;
export type ItemFlag = keyof typeof ITEM_FLAGS;
export const ITEM_FLAG_KEYS = Object.keys(ITEM_FLAGS) as ItemFlag[];

const flagColumn = (name: string) => bool(name).notNull().default(false);

function itemFlagColumns() {
  return Object.fromEntries(ITEM_FLAG_KEYS.map((key) => [key, flagColumn(ITEM_FLAGS[key].column)])) as {
    [K in ItemFlag]: ReturnType<typeof flagColumn>;
  };
}

export const items = sqliteTable(
  'items',
  {
    ...entityColumns(),
    baseItemId: text('base_item_id').references((): AnySQLiteColumn => items.id, { onDelete: 'restrict' }),
    type: text('type'),
    weightLb: real('weight_lb'),
    valueCp: integer('value_cp'),
    armorClass: integer('armor_class'),
    damage: json<ItemDamage>('damage'),
    properties: json<ItemProperties>('properties'),
    rarity: text('rarity', { enum: ITEM_RARITIES }),
    requiresAttunement: bool('requires_attunement').notNull().default(false),
    attunementPrereq: json<AttunementPrereq>('attunement_prereq'),
    magicBonus: integer('magic_bonus'),
    additionalProperties: json<AdditionalProperties>('additional_properties'),
    ...itemFlagColumns(),
    ...timestamps(),
    ...entitySyncColumns(),
    // Read-only: computed by SQLite, absent from insert and update types.
    isMagic: integer('is_magic', { mode: 'boolean' }).generatedAlwaysAs(sql`rarity IS NOT NULL`, { mode: 'stored' }),
  },
  (t) => [
    ...entityIndexes('items', t),
    index('items_base_item_id_idx').on(t.baseItemId).where(sql`${t.baseItemId} IS NOT NULL`),
    index('items_type_idx').on(t.type),
    index('items_rarity_idx').on(t.rarity).where(sql`${t.rarity} IS NOT NULL`),
    index('items_is_magic_idx').on(t.isMagic),
    ...ITEM_FLAG_KEYS.map((key) => index(`items_${ITEM_FLAGS[key].column}_idx`).on(t[key])),
  ],
);

export type ItemRow = typeof items.$inferSelect;
export type NewItemRow = typeof items.$inferInsert;
