/**
 * Enumerated column values that more than one layer names: the drizzle tables (`text(…, { enum })`,
 * from which the zod schemas derive), the entity filters and the renderer's facets use these
 * lists, and the migrations repeat them in CHECK constraints, which test/column-facts.test.ts and
 * `db check` compare. Plain data with no imports, so the renderer can take its facet options from
 * here without bundling drizzle or zod; the table and shape files re-export what they use.
 */

/**
 * Creature and race sizes: Fine, Diminutive, Tiny, Small, Medium, Large, Huge, Gargantuan, Colossal, Varies.
 * Listed in rank order (smallest first): sorting by size follows this order (`byRank` in define.ts).
 */
export const SIZE_CODES = ['F', 'D', 'T', 'S', 'M', 'L', 'H', 'G', 'C', 'V'] as const;

export const ABILITIES = ['str', 'dex', 'con', 'int', 'wis', 'cha'] as const;

/** A race row is a race or a subrace (with its parent). */
export const RACE_TYPES = ['race', 'subrace'] as const;

/** A class row is a class or a subclass (with its parent). */
export const CLASS_TYPES = ['class', 'subclass'] as const;

export const CASTER_PROGRESSIONS = ['full', '1/2', '1/3', 'pact', 'artificer'] as const;

/** Spell schools as 5etools codes them: Abjuration, Conjuration, Divination, Enchantment, Illusion, Necromancy, Transmutation, Evocation. */
export const SPELL_SCHOOLS = ['A', 'C', 'D', 'E', 'I', 'N', 'T', 'V'] as const;

/** Item rarities in rank order (common first): sorting by rarity follows this order (`byRank` in define.ts). */
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

/**
 * Item type codes (5etools `itemType` lookup), stored bare ("M", not "M|XPHB"): treasure ($…),
 * ammunition, vehicles, tools, gear, armor (LA/MA/HA), weapons (M/R), potions, rings, rods,
 * scrolls, wands, generic variants (GV) …
 */
export const ITEM_TYPE_CODES = [
  '$',
  '$A',
  '$C',
  '$G',
  'A',
  'AF',
  'AIR',
  'AT',
  'EM',
  'EXP',
  'FD',
  'G',
  'GS',
  'GV',
  'HA',
  'IDG',
  'INS',
  'LA',
  'M',
  'MA',
  'MNT',
  'OTH',
  'P',
  'R',
  'RD',
  'RG',
  'S',
  'SC',
  'SCF',
  'SHP',
  'SPC',
  'T',
  'TAH',
  'TB',
  'TG',
  'VEH',
  'WD',
] as const;

/**
 * Feat categories: the 2024 rules' four, plus Eberron's dragonmark feats (5etools `D`) and the
 * dark gifts of Ravenloft (`DG`). The migrations' CHECK (0012) lists the same values.
 */
export const FEAT_TYPES = ['general', 'origin', 'fighting-style', 'epic', 'dragonmark', 'dark-gift'] as const;

/** Challenge ratings as 5etools writes them, in ascending order. The creatures schema accepts exactly these. */
export const CHALLENGE_RATINGS = ['0', '1/8', '1/4', '1/2', ...Array.from({ length: 30 }, (_, i) => String(i + 1))] as const;

/**
 * The creature types of the rules (5etools `type`). The column is free text (homebrew and a few
 * books use others); this list is what a browser offers to filter by.
 */
export const CREATURE_TYPES = [
  'aberration',
  'beast',
  'celestial',
  'construct',
  'dragon',
  'elemental',
  'fey',
  'fiend',
  'giant',
  'humanoid',
  'monstrosity',
  'ooze',
  'plant',
  'undead',
] as const;

/**
 * The terrestrial environments the bestiary lists (5etools `environment`); free text in the
 * column, as the types. The planes ("planar, feywild" …) are left out of the list a browser offers.
 */
export const CREATURE_ENVIRONMENTS = [
  'arctic',
  'coastal',
  'desert',
  'forest',
  'grassland',
  'hill',
  'mountain',
  'swamp',
  'underdark',
  'underwater',
  'urban',
] as const;

/**
 * Kinds of rules term (the `rules_terms` table), each from its 5etools collection: `condition`,
 * `disease`, `status` (conditionsdiseases.json), `variantrule` (variantrules.json), `action`,
 * `sense`, `skill`. Migration 0019's CHECK lists the same values.
 */
export const RULES_TERM_TYPES = ['condition', 'disease', 'status', 'variant-rule', 'action', 'sense', 'skill'] as const;

/** The preference a user sets for which edition's printing a reference without a source names (`settings`). */
export const PREFERRED_RULE_SYSTEMS = ['dnd5e-2014', 'dnd5e-2024'] as const;
