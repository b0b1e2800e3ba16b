import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { json, timestamps } from './columns';
import { ABILITIES, CASTER_PROGRESSIONS, CLASS_TYPES } from '../enums';
import { entityColumns, entityIndexes, entitySyncColumns } from './entity-columns';
import type { ClassFeatures, ClassStartingEquipment, PrimaryAbilities, ProficiencyChoices, SpellSlots, StartingProficiencies } from '../entities/shapes';

export const classes = sqliteTable(
  'classes',
  {
    ...entityColumns(),
    classType: text('class_type', { enum: CLASS_TYPES }).notNull(),
    parentClassId: text('parent_class_id').references((): AnySQLiteColumn => classes.id, { onDelete: 'restrict' }),
    hitDie: integer('hit_die'),
    primaryAbilities: json<PrimaryAbilities>('primary_abilities'),
    savingThrows: json<string[]>('saving_throws'),
    skillProficiencyCount: integer('skill_proficiency_count'),
    skillProficiencyChoices: json<ProficiencyChoices>('skill_proficiency_choices'),
    startingProficiencies: json<StartingProficiencies>('starting_proficiencies'),
    startingEquipment: json<ClassStartingEquipment>('starting_equipment'),
    spellAbility: text('spell_ability', { enum: ABILITIES }),
    casterProgression: text('caster_progression', { enum: CASTER_PROGRESSIONS }),
    subclassTitle: text('subclass_title'),
    subclassLevel: integer('subclass_level'),
    features: json<ClassFeatures>('features').notNull().default([]),
    spellSlots: json<SpellSlots>('spell_slots'),
    ...timestamps(),
    ...entitySyncColumns(),
  },
  (t) => [
    ...entityIndexes('classes', t),
    index('classes_class_type_idx').on(t.classType),
    index('classes_parent_class_id_idx').on(t.parentClassId).where(sql`${t.parentClassId} IS NOT NULL`),
    index('classes_caster_progression_idx').on(t.casterProgression).where(sql`${t.casterProgression} IS NOT NULL`),
  ],
);

export type ClassRow = typeof classes.$inferSelect;
export type NewClassRow = typeof classes.$inferInsert;
