/** JSON shapes of the creatures table (5etools bestiary stat blocks). */
import { z } from 'zod';
import { abilityCode } from '../json';
import { condition, damageType, skill, SKILLS } from './common';
import { bounded, entry, entryList, entryObject } from './entries';
import { CREATURE_TYPES } from '../../enums';

export const creatureType = z.enum(CREATURE_TYPES);

/** `"goblinoid"` or `{tag: "elf", prefix: "Drow", prefixHidden: true}`. */
export const typeTags = z.array(
  z.union([
    z.string().min(1).max(100),
    z.strictObject({ tag: z.string().min(1), prefix: z.string().min(1), prefixHidden: z.boolean().optional() }),
  ]),
);
export type TypeTags = z.infer<typeof typeTags>;

/** Lawful, Neutral, Chaotic, Good, Evil, Unaligned, Any; NX / NY = neutral on one axis only. */
export const ALIGNMENT_CODES = ['L', 'N', 'C', 'G', 'E', 'U', 'A', 'NX', 'NY'] as const;
const alignmentCode = z.enum(ALIGNMENT_CODES);

/** `["C","E"]`, `[{alignment: ["N","G"], chance: 50}, …]` or `[{special: "any alignment"}]`. */
export const alignment = z
  .array(
    z.union([
      alignmentCode,
      z.strictObject({
        alignment: z.array(alignmentCode).min(1),
        chance: z.number().int().min(0).max(100).optional(),
        note: z.string().optional(),
      }),
      z.strictObject({ special: z.string().min(1) }),
    ]),
  )
  .min(1);
export type Alignment = z.infer<typeof alignment>;

/** `[15]`, `[{ac: 19, from: ["natural armor"]}]`, `[12, {ac: 15, condition: "with mage armor", braces: true}]`. */
export const armorClass = z
  .array(
    z.union([
      z.number().int().min(0).max(50),
      z.strictObject({
        ac: z.number().int().min(0).max(50),
        from: z.array(z.string().min(1)).optional(),
        condition: z.string().min(1).optional(),
        braces: z.boolean().optional(),
      }),
      z.strictObject({ special: z.string().min(1) }),
    ]),
  )
  .min(1);
export type ArmorClass = z.infer<typeof armorClass>;

/** `{average: 52, formula: "8d8 + 16"}` or `{special: "half the hit point maximum of its summoner"}`. */
export const hitPoints = z.union([
  z.strictObject({ average: z.number().int().min(0), formula: z.string().min(1) }),
  z.strictObject({ special: z.string().min(1) }),
]);
export type HitPoints = z.infer<typeof hitPoints>;

const score = z.number().int().min(0).max(30);
export const abilityScores = z.strictObject({ str: score, dex: score, con: score, int: score, wis: score, cha: score });
export type AbilityScores = z.infer<typeof abilityScores>;

/** Bonuses as printed ("+6"); `special` for text that is not a bonus. */
const bonus = z.string().min(1).max(200);

export const savingThrows = z.strictObject({
  ...Object.fromEntries(abilityCode.options.map((a) => [a, bonus.optional()])),
  special: bonus.optional(),
} as Record<(typeof abilityCode.options)[number] | 'special', z.ZodOptional<typeof bonus>>);
export type SavingThrows = z.infer<typeof savingThrows>;

export const skills = z.strictObject({
  ...(Object.fromEntries(SKILLS.map((s) => [s, bonus.optional()])) as Record<(typeof SKILLS)[number], z.ZodOptional<typeof bonus>>),
  /** "one of the following": `[{oneOf: {arcana: "+5", history: "+5"}}]`. */
  other: z.array(z.strictObject({ oneOf: z.partialRecord(skill, bonus) })).optional(),
  special: bonus.optional(),
});
export type Skills = z.infer<typeof skills>;

/**
 * Damage resistances / immunities: damage types, groups with a note
 * (`{resist: ["bludgeoning", …], note: "from nonmagical attacks", cond: true}`) or `{special}`.
 * The group key is the column's own word (`resist`, `immune`).
 */
type DamageEntry<K extends string> = z.infer<typeof damageType> | ({ [P in K]: DamageEntry<K>[] } & DamageNote) | { special: string };
interface DamageNote {
  note?: string;
  preNote?: string;
  cond?: boolean;
}

function damageList<K extends 'resist' | 'immune'>(key: K): z.ZodType<DamageEntry<K>[], DamageEntry<K>[]> {
  const item: z.ZodType<DamageEntry<K>, DamageEntry<K>> = z.lazy(() =>
    z.union([
      damageType,
      z.strictObject({
        [key]: z.array(item).min(1),
        note: z.string().optional(),
        preNote: z.string().optional(),
        cond: z.boolean().optional(),
      }),
      z.strictObject({ special: z.string().min(1) }),
    ]),
  ) as z.ZodType<DamageEntry<K>, DamageEntry<K>>;
  return bounded(z.array(item));
}

export const damageResistances = damageList('resist');
export type DamageResistances = z.infer<typeof damageResistances>;
export const damageImmunities = damageList('immune');
export type DamageImmunities = z.infer<typeof damageImmunities>;

export const conditionImmunities = z.array(
  z.union([
    condition,
    z.strictObject({
      conditionImmune: z.array(condition).min(1),
      note: z.string().optional(),
      preNote: z.string().optional(),
      cond: z.boolean().optional(),
    }),
    z.strictObject({ special: z.string().min(1) }),
  ]),
);
export type ConditionImmunities = z.infer<typeof conditionImmunities>;

/** Senses as printed: `["darkvision 60 ft.", "passive Perception 13"]`. */
export const senses = z.array(z.string().min(1).max(500));
export type Senses = z.infer<typeof senses>;

export const languages = z.array(z.string().min(1).max(500));
export type Languages = z.infer<typeof languages>;

/**
 * Spells as printed (`"{@spell fireball}"`), or `{entry, hidden}`: a spell the stat block's text
 * already names, listed for search but not rendered (the Zodar's Wish, Dzaan's cantrips).
 */
const spellNames = z.array(z.union([z.string().min(1), z.strictObject({ entry: z.string().min(1), hidden: z.boolean().optional() })]));
/** Uses per period: `{"1": [...], "3e": [...]}` ("e" = each). */
const usesPer = z.record(z.string().regex(/^[1-9][0-9]?e?$/, 'must be a count, optionally with "e" (each)'), spellNames);

/** A spellcasting block (innate or prepared), rendered among the traits or the actions. */
export const spellcasting = z.strictObject({
  type: z.literal('spellcasting'),
  name: z.string().min(1),
  headerEntries: entryList.optional(),
  footerEntries: entryList.optional(),
  ability: abilityCode.optional(),
  displayAs: z.enum(['trait', 'action', 'bonus', 'reaction', 'legendary']).optional(),
  constant: spellNames.optional(),
  will: spellNames.optional(),
  ritual: spellNames.optional(),
  daily: usesPer.optional(),
  rest: usesPer.optional(),
  restLong: usesPer.optional(),
  weekly: usesPer.optional(),
  monthly: usesPer.optional(),
  yearly: usesPer.optional(),
  recharge: usesPer.optional(),
  charges: usesPer.optional(),
  legendary: usesPer.optional(),
  /** Slots by spell level ("0" = cantrips). */
  spells: z
    .record(
      z.string().regex(/^[0-9]$/, 'must be a spell level 0-9'),
      z.strictObject({
        slots: z.number().int().min(0).optional(),
        lower: z.number().int().min(0).max(9).optional(),
        spells: spellNames,
      }),
    )
    .optional(),
  chargesItem: z.string().optional(),
  /** Which of the lists above the renderer leaves out. */
  hidden: z.array(z.string()).optional(),
});

/**
 * Traits, actions, reactions, legendary actions: named entries (`{name, entries}`), spellcasting
 * blocks, and plain strings (a legendary header paragraph).
 */
export const statBlock = bounded(z.array(
  z.union([
    spellcasting,
    z.string(),
    entryObject.refine((o) => o.type !== 'spellcasting', 'invalid spellcasting block'),
  ]),
));
export type StatBlock = z.infer<typeof statBlock>;

/** Lair actions and regional effects: rules text. */
export const lairText = bounded(z.array(entry));
export type LairText = z.infer<typeof lairText>;

export const environment = z.array(z.string().min(1).max(100));
