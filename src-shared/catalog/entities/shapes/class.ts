/** JSON shapes of the classes table. */
import { z } from 'zod';
import { sourceIdSchema } from '../../define';
import { abilityCode } from '../json';
import { equipmentChoices, proficiencyChoices } from './common';
import { bounded, entry, entryList } from './entries';

/**
 * Alternatives of abilities the class relies on: `[{str: true}, {dex: true}]` = Strength or
 * Dexterity; `[{str: true, cha: true}]` = Strength and Charisma.
 */
export const primaryAbilities = z
  .array(
    z
      .partialRecord(abilityCode, z.literal(true))
      .refine((set) => Object.keys(set).length > 0, 'name at least one ability'),
  )
  .min(1);
export type PrimaryAbilities = z.infer<typeof primaryAbilities>;

/** Armor: `"light"` or `{proficiency: "shield", full: "shields (druids will not …)"}`; weapons likewise. */
const proficiencyItem = z.union([
  z.string().min(1),
  z.strictObject({
    proficiency: z.string().min(1),
    full: z.string().min(1).optional(),
    optional: z.boolean().optional(),
  }),
]);

export const startingProficiencies = z.strictObject({
  armor: z.array(proficiencyItem).optional(),
  weapons: z.array(proficiencyItem).optional(),
  /** Tools as printed; `toolProficiencies` is the structured form. */
  tools: z.array(z.string().min(1)).optional(),
  toolProficiencies: proficiencyChoices.optional(),
  weaponProficiencies: proficiencyChoices.optional(),
  armorProficiencies: proficiencyChoices.optional(),
  skills: proficiencyChoices.optional(),
});
export type StartingProficiencies = z.infer<typeof startingProficiencies>;

export const classStartingEquipment = z.strictObject({
  additionalFromBackground: z.boolean().optional(),
  /** The lines as printed, with markup. */
  default: z.array(z.string().min(1)).optional(),
  /** The same lines as data. */
  defaultData: equipmentChoices.optional(),
  goldAlternative: z.string().min(1).optional(),
  entries: entryList.optional(),
});
export type ClassStartingEquipment = z.infer<typeof classStartingEquipment>;

/** A class or subclass feature with the level it is gained at; subclass features name their subclass. */
export const classFeature = z.strictObject({
  name: z.string().min(1).max(500),
  level: z.number().int().min(1).max(20),
  source: sourceIdSchema,
  page: z.number().int().min(0).optional(),
  entries: entryList,
  subclassShortName: z.string().min(1).optional(),
  subclassSource: sourceIdSchema.optional(),
  /** A placeholder ("Martial Archetype feature") for what the subclass grants at this level. */
  gainSubclassFeature: z.boolean().optional(),
});
export const classFeatures = z.array(classFeature);
export type ClassFeature = z.infer<typeof classFeature>;
export type ClassFeatures = z.infer<typeof classFeatures>;

/** A class table cell: a number, text, or a typed cell (`{type: "bonus", value: 2}`, `{type: "dice", toRoll: […]}`). */
const tableCell = z.union([z.number(), entry]);

/** A group of columns of the class table (5etools `classTableGroups`), e.g. the spell slots. */
export const classTableGroup = z
  .strictObject({
    title: z.string().min(1).optional(),
    colLabels: z.array(z.string()).min(1),
    colStyles: z.array(z.string()).optional(),
    rows: z.array(z.array(tableCell)).optional(),
    /** Slots per spell level, one row per class level. */
    rowsSpellProgression: z.array(z.array(z.number().int().min(0))).optional(),
    subclasses: z.array(z.strictObject({ name: z.string().min(1), source: sourceIdSchema })).optional(),
  })
  .refine((group) => group.rows !== undefined || group.rowsSpellProgression !== undefined, 'give rows or rowsSpellProgression');
export const spellSlots = bounded(z.array(classTableGroup));
export type SpellSlots = z.infer<typeof spellSlots>;
