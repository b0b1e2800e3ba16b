import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { bool, json, timestamps } from './columns';
import { entityColumns, entityIndexes, entitySyncColumns } from './entity-columns';
import { SPELL_SCHOOLS } from '../enums';
import type { CastingTime, Components, Duration, EntryList, SpellDamageTypes, SpellRange, SpellSavingThrows } from '../entities/shapes';

export { SPELL_SCHOOLS } from '../enums';

export const spells = sqliteTable(
  'spells',
  {
    ...entityColumns(),
    level: integer('level').notNull(),
    school: text('school', { enum: SPELL_SCHOOLS }),
    castingTime: json<CastingTime>('casting_time'),
    range: json<SpellRange>('range'),
    components: json<Components>('components'),
    duration: json<Duration>('duration'),
    isRitual: bool('is_ritual').notNull().default(false),
    isConcentration: bool('is_concentration').notNull().default(false),
    savingThrow: json<SpellSavingThrows>('saving_throw'),
    damageType: json<SpellDamageTypes>('damage_type'),
    upcastInfo: json<EntryList>('upcast_info'),
    classes: json<string[]>('classes').notNull().default([]),
    ...timestamps(),
    ...entitySyncColumns(),
    // Read-only: "wizard, sorcerer", computed by SQLite from `classes`.
    classesDisplay: text('classes_display').generatedAlwaysAs(
      sql`CASE WHEN json_array_length(classes) = 0 THEN NULL ELSE replace(replace(replace(json(classes), '["', ''), '"]', ''), '","', ', ') END`,
      { mode: 'stored' },
    ),
  },
  (t) => [
    ...entityIndexes('spells', t),
    index('spells_level_idx').on(t.level),
    index('spells_school_idx').on(t.school),
    index('spells_is_ritual_idx').on(t.isRitual),
    index('spells_is_concentration_idx').on(t.isConcentration),
  ],
);

/**
 * Lookup kept in sync with `spells.classes` by triggers (migration 0006); it lets "spells of
 * class X" use an index instead of `json_each` over every row. Never written by the application.
 */
export const spellClasses = sqliteTable(
  'spell_classes',
  {
    className: text('class_name').notNull(),
    spellId: text('spell_id')
      .notNull()
      .references(() => spells.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.className, t.spellId] }), index('spell_classes_spell_id_idx').on(t.spellId)],
);

export type SpellRow = typeof spells.$inferSelect;
export type NewSpellRow = typeof spells.$inferInsert;
