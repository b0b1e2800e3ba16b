import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { bool, json, timestamps } from './columns';
import { entityColumns, entityIndexes } from './entity-columns';
import type { AdditionalProperties, AttunementPrereq, ItemDamage, ItemProperties } from '../entities/shapes';

export const ITEM_RARITIES = [
  'common',
  'uncommon',
  'rare',
  'very rare',
  'legendary',
  'artifact',
  'varies',
  'unknown',
  'unknown (magic)',
] as const;

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
    ...timestamps(),
    // Read-only: computed by SQLite, absent from insert and update types.
    isMagic: integer('is_magic', { mode: 'boolean' }).generatedAlwaysAs(sql`rarity IS NOT NULL`, { mode: 'stored' }),
  },
  (t) => [
    ...entityIndexes('items', t),
    index('items_base_item_id_idx').on(t.baseItemId).where(sql`${t.baseItemId} IS NOT NULL`),
    index('items_type_idx').on(t.type),
    index('items_rarity_idx').on(t.rarity).where(sql`${t.rarity} IS NOT NULL`),
    index('items_is_magic_idx').on(t.isMagic),
  ],
);

export type ItemRow = typeof items.$inferSelect;
export type NewItemRow = typeof items.$inferInsert;
