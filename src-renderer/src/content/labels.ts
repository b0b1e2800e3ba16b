/**
 * Words a reader sees for the codes the catalog stores (spell schools, sizes, item types,
 * alignments). The code lists themselves live in src-shared; the maps are typed over them (type
 * imports only, so the renderer bundles no drizzle), so a new code is a type error here.
 */
import type { SIZE_CODES } from '../../../src-shared/catalog/enums';
import type { ITEM_TYPE_CODES } from '../../../src-shared/catalog/entities/shapes/item';
import type { ALIGNMENT_CODES } from '../../../src-shared/catalog/entities/shapes/creature';
import type { SPELL_SCHOOLS } from '../../../src-shared/catalog/tables/spells';

export const SCHOOL_NAMES: Readonly<Record<(typeof SPELL_SCHOOLS)[number], string>> = {
  A: 'Abjuration',
  C: 'Conjuration',
  D: 'Divination',
  E: 'Enchantment',
  I: 'Illusion',
  N: 'Necromancy',
  T: 'Transmutation',
  V: 'Evocation',
};

export const SIZE_NAMES: Readonly<Record<(typeof SIZE_CODES)[number], string>> = {
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

export const ITEM_TYPE_NAMES: Readonly<Record<(typeof ITEM_TYPE_CODES)[number], string>> = {
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

const ALIGNMENT_WORDS: Readonly<Record<(typeof ALIGNMENT_CODES)[number], string>> = {
  L: 'lawful',
  N: 'neutral',
  C: 'chaotic',
  G: 'good',
  E: 'evil',
  U: 'unaligned',
  A: 'any alignment',
  NX: 'neutral',
  NY: 'neutral',
};

export function lookup<K extends string>(names: Readonly<Record<K, string>>, code: unknown): string | undefined {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(names, code) ? names[code as K] : undefined;
}

/** Sets of codes 5etools prints as one phrase ("any evil alignment"), the order of the codes aside. */
const ALIGNMENT_PHRASES: readonly [readonly string[], string][] = [
  [['L', 'NX', 'C', 'NY', 'E'], 'any non-good alignment'],
  [['L', 'NX', 'C', 'NY', 'G'], 'any non-evil alignment'],
  [['NX', 'C', 'G', 'NY', 'E'], 'any non-lawful alignment'],
  [['NX', 'L', 'G', 'NY', 'E'], 'any non-chaotic alignment'],
  [['L', 'NX', 'C', 'G'], 'any good alignment'],
  [['L', 'NX', 'C', 'E'], 'any evil alignment'],
  [['C', 'G', 'NY', 'E'], 'any chaotic alignment'],
  [['L', 'G', 'NY', 'E'], 'any lawful alignment'],
];

function alignmentCodes(codes: readonly unknown[]): string {
  const strings = codes.filter((code): code is string => typeof code === 'string');
  if (strings.includes('A') || strings.length >= 6) return 'any alignment';
  const phrase = ALIGNMENT_PHRASES.find(([set]) => set.length === strings.length && set.every((code) => strings.includes(code)));
  if (phrase) return phrase[1];
  if (strings.length === 1 && strings[0] === 'N') return 'neutral';
  if (strings.length === 2 && strings.every((code) => code === 'N' || code === 'NX' || code === 'NY')) return 'neutral';
  return strings.map((code) => lookup(ALIGNMENT_WORDS, code) ?? code).join(' ');
}

/** `["C","E"]` → "chaotic evil"; `[{alignment: […], chance: 50}, …]` → "… (50%) or …"; `[{special}]` → its text. */
export function alignmentText(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0) return '';
  if (value.every((code) => typeof code === 'string')) return alignmentCodes(value);
  return value
    .map((part) => {
      if (typeof part === 'string') return lookup(ALIGNMENT_WORDS, part) ?? part;
      if (typeof part !== 'object' || part === null) return '';
      const record = part as Record<string, unknown>;
      if (typeof record['special'] === 'string') return record['special'];
      if (Array.isArray(record['alignment'])) {
        const chance = typeof record['chance'] === 'number' ? ` (${record['chance']}%)` : '';
        const note = typeof record['note'] === 'string' ? ` ${record['note']}` : '';
        return `${alignmentCodes(record['alignment'])}${chance}${note}`;
      }
      return '';
    })
    .filter(Boolean)
    .join(' or ');
}

/** 3 → "3rd". */
export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
