/** JSON shapes used by more than one entity: speeds, ability bonuses, proficiencies, equipment. */
import { z } from 'zod';
import { abilityCode } from '../json';

/** Saving throws and ability checks spelled out, as spells name them: "dexterity". */
export const ABILITY_NAMES = ['strength', 'dexterity', 'constitution', 'intelligence', 'wisdom', 'charisma'] as const;

export const DAMAGE_TYPES = [
  'acid',
  'bludgeoning',
  'cold',
  'fire',
  'force',
  'lightning',
  'necrotic',
  'piercing',
  'poison',
  'psychic',
  'radiant',
  'slashing',
  'thunder',
] as const;
export const damageType = z.enum(DAMAGE_TYPES);

/** Conditions as 5etools lists them in immunities ("disease" is listed like a condition there). */
export const CONDITIONS = [
  'blinded',
  'charmed',
  'deafened',
  'exhaustion',
  'frightened',
  'grappled',
  'incapacitated',
  'invisible',
  'paralyzed',
  'petrified',
  'poisoned',
  'prone',
  'restrained',
  'stunned',
  'unconscious',
  'disease',
] as const;
export const condition = z.enum(CONDITIONS);

export const SKILLS = [
  'acrobatics',
  'animal handling',
  'arcana',
  'athletics',
  'deception',
  'history',
  'insight',
  'intimidation',
  'investigation',
  'medicine',
  'nature',
  'perception',
  'performance',
  'persuasion',
  'religion',
  'sleight of hand',
  'stealth',
  'survival',
] as const;
export const skill = z.enum(SKILLS);

// ---------------------------------------------------------------------------------------------
// Speed

export const SPEED_MODES = ['walk', 'burrow', 'climb', 'fly', 'swim'] as const;
const speedMode = z.enum(SPEED_MODES);

/** Feet; `true` = "equal to your walking speed" (races); or a speed that holds only sometimes. */
const speedValue = z.union([
  z.number().int().min(0).max(10_000),
  z.literal(true),
  z.strictObject({ number: z.number().int().min(0).max(10_000), condition: z.string().min(1) }),
]);

/** `30`, or `{walk: 30, fly: {number: 60, condition: "(hover)"}, canHover: true}`. */
export const speed = z.union([
  z.number().int().min(0).max(10_000),
  z.strictObject({
    walk: speedValue.optional(),
    burrow: speedValue.optional(),
    climb: speedValue.optional(),
    fly: speedValue.optional(),
    swim: speedValue.optional(),
    canHover: z.boolean().optional(),
    /** Further speeds of a mode (a creature with two fly speeds). */
    alternate: z.partialRecord(speedMode, z.array(speedValue).min(1)).optional(),
    /** "Choose a climbing or swimming speed of 30 ft." */
    choose: z
      .strictObject({
        from: z.array(speedMode).min(1),
        amount: z.number().int().min(0),
        note: z.string().optional(),
      })
      .optional(),
    hidden: z.array(speedMode).optional(),
  }),
]);
export type Speed = z.infer<typeof speed>;

// ---------------------------------------------------------------------------------------------
// Ability score bonuses (races, feats)

const abilityBonus = z.number().int().min(-10).max(10);

const abilityChoice = z.union([
  z.strictObject({
    from: z.array(abilityCode).min(1),
    count: z.number().int().min(1).max(6).optional(),
    amount: z.number().int().min(-10).max(10).optional(),
    /** The choice in words (Resilient: "Increase the chosen ability score by 1, to a maximum of 20."). */
    entry: z.string().min(1).optional(),
  }),
  z.strictObject({
    weighted: z.strictObject({
      from: z.array(abilityCode).min(1),
      weights: z.array(z.number().int()).min(1),
    }),
  }),
]);

/** One alternative set of bonuses: `{str: 2, cha: 1}` or `{cha: 2, choose: {from: [...], count: 2}}`. */
const abilityBonusSet = z.strictObject({
  str: abilityBonus.optional(),
  dex: abilityBonus.optional(),
  con: abilityBonus.optional(),
  int: abilityBonus.optional(),
  wis: abilityBonus.optional(),
  cha: abilityBonus.optional(),
  choose: abilityChoice.optional(),
  /** Highest score the bonus may reach (2024 feats). */
  max: z.number().int().min(1).max(30).optional(),
  hidden: z.boolean().optional(),
});

/** 5etools `ability`: alternatives, one of which applies (usually just one). */
export const abilityBonuses = z.array(abilityBonusSet);
export type AbilityBonuses = z.infer<typeof abilityBonuses>;

// ---------------------------------------------------------------------------------------------
// Proficiencies (skills, languages, tools, weapons, armor)

const proficiencyChoose = z.strictObject({
  from: z.array(z.string().min(1)).min(1),
  count: z.number().int().min(1).optional(),
});

/** Everything matching a 5etools list filter: the 2024 Monk's `{all: {fromFilter: "type=martial weapon|property=light"}}`. */
const proficiencyFilter = z.strictObject({ fromFilter: z.string().min(1).max(500) });

/**
 * One alternative set of proficiencies, keyed by what is granted: a name → `true`
 * (`{insight: true, religion: true}`), an `any…` key → how many of your choice
 * (`{anyStandard: 2}`), `choose` → pick `count` from a list, or `all` → everything a filter
 * matches (`{fromFilter}`). The names are open (every book adds tools and languages), the value
 * forms are not.
 */
const proficiencySet = z
  .record(z.string().min(1).max(100), z.union([z.literal(true), z.number().int().min(1).max(20), proficiencyChoose, proficiencyFilter]))
  .superRefine((set, ctx) => {
    for (const [key, value] of Object.entries(set)) {
      const ok =
        key === 'choose'
          ? typeof value === 'object' && 'from' in value
          : key === 'all'
            ? typeof value === 'object' && 'fromFilter' in value
            : key.startsWith('any')
              ? typeof value === 'number'
              : value === true;
      if (!ok) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message:
            key === 'choose'
              ? 'choose must be {from, count}'
              : key === 'all'
                ? 'all must be {fromFilter}'
                : key.startsWith('any')
                ? `${key} must be a count`
                : `${key} must be true`,
        });
      }
    }
  });

export const proficiencyChoices = z.array(proficiencySet);
export type ProficiencyChoices = z.infer<typeof proficiencyChoices>;

// ---------------------------------------------------------------------------------------------
// Starting equipment (classes, backgrounds)

/** `"common clothes|phb"`, or `{item, quantity, displayName}`, `{special}`, `{equipmentType}`, `{value}` (cp). */
const equipmentItem = z.union([
  z.string().min(1),
  z.strictObject({
    item: z.string().min(1).optional(),
    special: z.string().min(1).optional(),
    equipmentType: z.string().min(1).optional(),
    /** One of several kinds (2024 Monk: `["instrumentMusical", "toolArtisan"]`). */
    equipmentTypes: z.array(z.string().min(1)).min(1).optional(),
    quantity: z.number().int().min(1).optional(),
    displayName: z.string().min(1).optional(),
    containsValue: z.number().int().min(0).optional(),
    value: z.number().int().min(0).optional(),
    worthValue: z.number().int().min(0).optional(),
  }),
]);

/** One line of equipment: `_` is always given, letters are alternatives ("(a) … or (b) …"). */
export const equipmentChoice = z.record(z.string().regex(/^(_|[A-Za-z])$/, 'must be "_" or a letter'), z.array(equipmentItem));
export const equipmentChoices = z.array(equipmentChoice);
export type EquipmentChoices = z.infer<typeof equipmentChoices>;
