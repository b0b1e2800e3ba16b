/**
 * The creature arithmetic 5etools' copy modes and variables use (js/parser.js: `crToNumber`,
 * `crToPb`, `getAbilityModNumber`, `crToXpNumber`, `SKILL_TO_ATB_ABV`, `SIZE_ABVS`; js/render.js:
 * `Renderer.monster.getShortName`).
 */
import { isRecord } from '../raw';
import type { Raw } from '../types';

export const ABILITIES = ['str', 'dex', 'con', 'int', 'wis', 'cha'] as const;

export const SKILL_ABILITY: Readonly<Record<string, (typeof ABILITIES)[number]>> = {
  athletics: 'str',
  acrobatics: 'dex',
  'sleight of hand': 'dex',
  stealth: 'dex',
  arcana: 'int',
  history: 'int',
  investigation: 'int',
  nature: 'int',
  religion: 'int',
  'animal handling': 'wis',
  insight: 'wis',
  medicine: 'wis',
  perception: 'wis',
  survival: 'wis',
  deception: 'cha',
  intimidation: 'cha',
  performance: 'cha',
  persuasion: 'cha',
};

/** Size codes smallest first; "V" (varies) sorts last, as in 5etools. */
export const SIZES = ['T', 'S', 'M', 'L', 'H', 'G', 'V'] as const;

const XP_BY_CR: Readonly<Record<string, number>> = {
  '0': 10, '1/8': 25, '1/4': 50, '1/2': 100, '1': 200, '2': 450, '3': 700, '4': 1100, '5': 1800,
  '6': 2300, '7': 2900, '8': 3900, '9': 5000, '10': 5900, '11': 7200, '12': 8400, '13': 10000,
  '14': 11500, '15': 13000, '16': 15000, '17': 18000, '18': 20000, '19': 22000, '20': 25000,
  '21': 33000, '22': 41000, '23': 50000, '24': 62000, '25': 75000, '26': 90000, '27': 105000,
  '28': 120000, '29': 135000, '30': 155000,
};

/** The rating a `cr` value holds: `"1/2"`, `{cr: "5", lair: "6"}` → `"5"`; undefined when none. */
export function crText(cr: unknown): string | undefined {
  if (isRecord(cr)) return crText(cr['cr']);
  if (typeof cr === 'number') return String(cr);
  return typeof cr === 'string' ? cr : undefined;
}

/** `"1/2"` → 0.5; `'unknown'` for none/"Unknown"/"—", `'custom'` for text that is no rating. */
export function crToNumber(cr: unknown): number | 'unknown' | 'custom' {
  const text = crText(cr)?.trim();
  if (text === undefined || text === 'Unknown' || text === '\u2014') return 'unknown';
  const parts = text.split('/').filter(Boolean);
  if (parts.length === 0 || parts.length > 2) return 'custom';
  const [top, bottom] = parts.map(Number) as [number, number | undefined];
  if (Number.isNaN(top) || (bottom !== undefined && Number.isNaN(bottom))) return 'custom';
  return bottom === undefined ? top : top / bottom;
}

/** Proficiency bonus by CR: 0 without a CR, null for a CR that is no rating (5etools `crToPb`). */
export function crToPb(cr: unknown): number | null {
  const n = crToNumber(cr);
  if (n === 'unknown') return 0;
  if (n === 'custom' || n < 0) return null;
  if (n < 5) return 2;
  return Math.ceil(n / 4) + 1;
}

export function abilityMod(score: unknown): number {
  return Math.floor((Number(score) - 10) / 2);
}

/** XP of a CR: its own `xp` when given, else the DMG table (null for none). */
export function crToXp(cr: unknown): number | null {
  if (isRecord(cr) && typeof cr['xp'] === 'number' && cr['xp'] !== 0) return cr['xp'];
  const text = crText(cr);
  if (text === undefined || text === 'Unknown') return null;
  return XP_BY_CR[text] ?? null;
}

/** `+3` / `-1` as 5etools writes bonuses in `save` and `skill`. */
export function signed(n: number): string {
  return n >= 0 ? `+${n}` : String(n);
}

function titleCase(text: string): string {
  return text.replace(/\b\w/g, (c) => c.toUpperCase());
}

/** "the dragon", "Strahd" (5etools `Renderer.monster.getShortName`). */
export function shortName(creature: Raw, titled = false): string {
  const name = typeof creature['name'] === 'string' ? creature['name'] : '';
  const named = creature['isNamedCreature'] === true;
  const prefix = named ? '' : titled ? 'The ' : 'the ';
  const short = creature['shortName'];
  if (short === true) return `${prefix}${name}`;
  if (typeof short === 'string' && short) return `${prefix}${!prefix && titled ? titleCase(short) : short.toLowerCase()}`;
  const base = (name.split(',')[0] ?? '').replace(/(?:adult|ancient|young) \w+ (dragon|dracolich)/gi, '$1');
  return `${prefix}${named ? (base.split(' ')[0] ?? '') : base.toLowerCase()}`;
}

/** Size multiplier of damage dice (5etools `_ResolverBase._getSizeMult`): L 2, H 3, G 4, else 1. */
export function sizeMultiplier(creature: Raw): number {
  const size = Array.isArray(creature['size']) ? creature['size'][0] : 'M';
  return size === 'L' ? 2 : size === 'H' ? 3 : size === 'G' ? 4 : 1;
}
