/**
 * What a reader calls the stored codes: "Evocation" for `V`, "Medium" for `M`, "Melee weapon" for
 * `M`. Typed as complete records over the enumerations (enums.ts), so a code added there without
 * a name fails to compile. Plain data: the renderer shows these in lists, facets and headers.
 */
import type {
  ABILITIES,
  CASTER_PROGRESSIONS,
  CLASS_TYPES,
  FEAT_TYPES,
  ITEM_RARITIES,
  ITEM_TYPE_CODES,
  PREFERRED_RULE_SYSTEMS,
  RACE_TYPES,
  RULES_TERM_TYPES,
  SIZE_CODES,
  SPELL_SCHOOLS,
} from './enums';

type Names<T extends readonly string[]> = Readonly<Record<T[number], string>>;

export const ABILITY_NAMES: Names<typeof ABILITIES> = {
  str: 'Strength',
  dex: 'Dexterity',
  con: 'Constitution',
  int: 'Intelligence',
  wis: 'Wisdom',
  cha: 'Charisma',
};

export const SPELL_SCHOOL_NAMES: Names<typeof SPELL_SCHOOLS> = {
  A: 'Abjuration',
  C: 'Conjuration',
  D: 'Divination',
  E: 'Enchantment',
  I: 'Illusion',
  N: 'Necromancy',
  T: 'Transmutation',
  V: 'Evocation',
};

export const SIZE_NAMES: Names<typeof SIZE_CODES> = {
  F: 'Fine',
  D: 'Diminutive',
  T: 'Tiny',
  S: 'Small',
  M: 'Medium',
  L: 'Large',
  H: 'Huge',
  G: 'Gargantuan',
  C: 'Colossal',
  V: 'Varies',
};

export const ITEM_TYPE_NAMES: Names<typeof ITEM_TYPE_CODES> = {
  $: 'Treasure',
  $A: 'Treasure (art object)',
  $C: 'Treasure (coinage)',
  $G: 'Treasure (gemstone)',
  A: 'Ammunition',
  AF: 'Ammunition (futuristic)',
  AIR: 'Vehicle (air)',
  AT: "Artisan's tools",
  EM: 'Eldritch machine',
  EXP: 'Explosive',
  FD: 'Food and drink',
  G: 'Adventuring gear',
  GS: 'Gaming set',
  GV: 'Generic variant',
  HA: 'Heavy armor',
  IDG: 'Illegal drug',
  INS: 'Instrument',
  LA: 'Light armor',
  M: 'Melee weapon',
  MA: 'Medium armor',
  MNT: 'Mount',
  OTH: 'Other',
  P: 'Potion',
  R: 'Ranged weapon',
  RD: 'Rod',
  RG: 'Ring',
  S: 'Shield',
  SC: 'Scroll',
  SCF: 'Spellcasting focus',
  SHP: 'Vehicle (water)',
  SPC: 'Vehicle (space)',
  T: 'Tools',
  TAH: 'Tack and harness',
  TB: 'Trade bar',
  TG: 'Trade good',
  VEH: 'Vehicle (land)',
  WD: 'Wand',
};

export const ITEM_RARITY_NAMES: Names<typeof ITEM_RARITIES> = {
  common: 'Common',
  uncommon: 'Uncommon',
  rare: 'Rare',
  'very rare': 'Very rare',
  legendary: 'Legendary',
  artifact: 'Artifact',
  varies: 'Varies',
  unknown: 'Unknown',
  'unknown (magic)': 'Unknown (magic)',
};

export const FEAT_TYPE_NAMES: Names<typeof FEAT_TYPES> = {
  general: 'General',
  origin: 'Origin',
  'fighting-style': 'Fighting style',
  epic: 'Epic boon',
  dragonmark: 'Dragonmark',
  'dark-gift': 'Dark gift',
};

export const RACE_TYPE_NAMES: Names<typeof RACE_TYPES> = { race: 'Race', subrace: 'Subrace' };

export const CLASS_TYPE_NAMES: Names<typeof CLASS_TYPES> = { class: 'Class', subclass: 'Subclass' };

export const RULES_TERM_TYPE_NAMES: Names<typeof RULES_TERM_TYPES> = {
  condition: 'Condition',
  disease: 'Disease',
  status: 'Status',
  'variant-rule': 'Rule',
  action: 'Action',
  sense: 'Sense',
  skill: 'Skill',
};

export const PREFERRED_RULE_SYSTEM_NAMES: Names<typeof PREFERRED_RULE_SYSTEMS> = {
  'dnd5e-2014': '2014 rules',
  'dnd5e-2024': '2024 rules',
};

/** How a class gains spell slots (5etools `casterProgression`). */
export const CASTER_PROGRESSION_NAMES: Names<typeof CASTER_PROGRESSIONS> = {
  full: 'Full caster',
  '1/2': 'Half caster',
  '1/3': 'Third caster',
  pact: 'Pact magic',
  artificer: 'Artificer (half, rounded up)',
};

/** "0th-level" is a cantrip; the rest are ordinals as the books write them. */
export function spellLevelName(level: number): string {
  if (level === 0) return 'Cantrip';
  const suffix = level === 1 ? 'st' : level === 2 ? 'nd' : level === 3 ? 'rd' : 'th';
  return `${level}${suffix} level`;
}
