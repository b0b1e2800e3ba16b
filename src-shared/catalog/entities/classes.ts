import { z } from 'zod';
import { defineEntity, entityFilters, entityIdSchema, entitySortable, oneOf } from '../define';
import { CLASS_TYPES } from '../enums';
import { rowSchemas } from '../row-schemas';
import { classes as t } from '../tables';
import { abilityCode, entityColumnShapes } from './json';
import { classFeatures, classStartingEquipment, primaryAbilities, proficiencyChoices, spellSlots, startingProficiencies } from './shapes';

export const CASTER_PROGRESSIONS = ['full', '1/2', '1/3', 'pact', 'artificer'] as const;

export const classEntity = defineEntity({
  name: 'classes',
  label: 'class',
  table: t,
  id: entityIdSchema,
  ...rowSchemas(t, {
    ...entityColumnShapes,
    parentClassId: entityIdSchema,
    hitDie: z.union([z.literal(4), z.literal(6), z.literal(8), z.literal(10), z.literal(12), z.literal(20)]),
    primaryAbilities,
    savingThrows: z.array(abilityCode),
    skillProficiencyCount: z.number().int().min(0).max(18),
    skillProficiencyChoices: proficiencyChoices,
    startingProficiencies,
    startingEquipment: classStartingEquipment,
    subclassLevel: z.number().int().min(1).max(20),
    features: classFeatures,
    spellSlots,
  }),
  filters: {
    ...entityFilters(t),
    classType: oneOf(t.classType, z.enum(CLASS_TYPES)),
    parentClassId: oneOf(t.parentClassId, entityIdSchema),
    casterProgression: oneOf(t.casterProgression, z.enum(CASTER_PROGRESSIONS)),
    spellAbility: oneOf(t.spellAbility, abilityCode),
  },
  sortable: { ...entitySortable(t), hitDie: t.hitDie },
  defaultSort: 'name',
});
