/**
 * Words for stored codes the content views need beyond src-shared/catalog/labels.ts (schools,
 * sizes, item types live there): alignments as 5etools phrases them, ordinals. The alignment map
 * is typed over the shared code list (a type import: the renderer bundles no zod).
 */
import type { ALIGNMENT_CODES } from '../../../src-shared/catalog/entities/shapes/creature';
export { ITEM_TYPE_NAMES, RULES_TERM_TYPE_NAMES, SIZE_NAMES, SPELL_SCHOOL_NAMES } from '../../../src-shared/catalog/labels';

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
