/**
 * What each 5etools tag means: how its display text is chosen (the rules of 5etools' own
 * renderer, written down here), and for tags naming an entry of some kind, which part holds
 * the name, which the source and which book the name refers to when no source is written.
 */
import { ABILITY_NAMES } from '../catalog/labels';

const ABILITIES: Readonly<Record<string, string>> = ABILITY_NAMES;

import type { RULES_TERM_TYPES } from '../catalog/enums';

/** Catalog tables a tag can point at (the names `content_references` uses). */
export type CatalogKind = 'spells' | 'creatures' | 'items' | 'races' | 'classes' | 'backgrounds' | 'feats' | 'rules_terms';

/** The term type (`rules_terms.term_type`) a rules-term tag names. */
export type RulesTermType = (typeof RULES_TERM_TYPES)[number];

export interface ReferenceTag {
  /** The catalog table the name lives in, when Mimir stores that kind. */
  catalogKind?: CatalogKind;
  /** The book a name without a source comes from (5etools' default source of the tag). */
  defaultSource: string;
  /** Index of the part displayed instead of the name when it is given (2 = the third part). */
  displayIndex: number;
  /** Index of the part holding the source (1 for most tags; 2 for `subclass`). */
  sourceIndex: number;
  /** For tags naming a rules term: which type of term. */
  termType?: RulesTermType;
}

const ref = (defaultSource: string, displayIndex = 2, catalogKind?: CatalogKind, sourceIndex = 1): ReferenceTag => ({
  defaultSource,
  displayIndex,
  sourceIndex,
  ...(catalogKind ? { catalogKind } : {}),
});

/** A tag naming a rules term of one type; 5etools' default sources (PHB, DMG for diseases and variant rules). */
const term = (defaultSource: string, termType: RulesTermType): ReferenceTag => ({ ...ref(defaultSource, 2, 'rules_terms'), termType });

/** Tags that name an entry: `{@spell fireball|XPHB|display}` and friends. */
export const REFERENCE_TAGS: Readonly<Record<string, ReferenceTag>> = {
  spell: ref('PHB', 2, 'spells'),
  creature: ref('MM', 2, 'creatures'),
  item: ref('DMG', 2, 'items'),
  race: ref('PHB', 2, 'races'),
  class: ref('PHB', 2, 'classes'),
  // {@subclass Champion|Fighter|PHB|PHB|display}: name, class, class source, source, display.
  subclass: ref('PHB', 4, 'classes', 3),
  background: ref('PHB', 2, 'backgrounds'),
  feat: ref('PHB', 2, 'feats'),
  action: term('PHB', 'action'),
  boon: ref('MTF'),
  charoption: ref('MOT'),
  condition: term('PHB', 'condition'),
  creatureFluff: ref('MM'),
  cult: ref('MTF'),
  deck: ref('DMG'),
  disease: term('DMG', 'disease'),
  facility: ref('XDMG'),
  hazard: ref('DMG'),
  itemProperty: ref('PHB'),
  itemMastery: ref('XPHB'),
  language: ref('PHB'),
  legroup: ref('MM'),
  object: ref('DMG'),
  optfeature: ref('PHB'),
  psionic: ref('UATMC'),
  raceFluff: ref('PHB'),
  recipe: ref('HF'),
  reward: ref('DMG'),
  vehicle: ref('GoS'),
  vehupgrade: ref('GoS'),
  sense: term('PHB', 'sense'),
  skill: term('PHB', 'skill'),
  status: term('PHB', 'status'),
  table: ref('DMG'),
  trap: ref('DMG'),
  variantrule: term('DMG', 'variant-rule'),
  cite: ref('PHB'),
  card: ref('DMG', 3),
  deity: ref('PHB', 3),
  classFeature: ref('PHB', 5),
  subclassFeature: ref('PHB', 7),
};

/** Styling and link tags whose text is their first part. */
export const FIRST_PART_TAGS: ReadonlySet<string> = new Set([
  'b', 'bold', 'i', 'italic', 's', 'strike', 's2', 'strikeDouble', 'u', 'underline', 'u2', 'underlineDouble',
  'sup', 'sub', 'kbd', 'code', 'style', 'font', 'comic', 'comicH1', 'comicH2', 'comicH3', 'comicH4', 'comicNote',
  'note', 'tip', '5etools', '5etoolsImg', '5etoolsAudio', 'adventure', 'book', 'filter', 'footnote', 'link',
  'loader', 'color', 'highlight', 'help',
]);

/** Tags whose text is fixed. */
export const FIXED_TEXT: Readonly<Record<string, string>> = {
  h: 'Hit: ',
  m: 'Miss: ',
  hom: 'Hit or Miss: ',
  actTrigger: 'Trigger:',
  actSaveSuccess: 'Success:',
  actSaveSuccessOrFail: 'Failure or Success:',
};


const ORDINALS = ['Zeroth', 'First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth'];

/** `mw` → "Melee Weapon Attack:", `mw,rw` → "Melee or Ranged Weapon Attack:", `m` with `roll` → "Melee Attack Roll:". */
export function attackText(code: string, roll: boolean): string {
  const key = `${roll ? 'r' : 'a'}${code}`;
  let text = attackTexts.get(key);
  if (text === undefined) {
    text = attackPhrase(code, roll);
    // Stat blocks repeat a handful of codes thousands of times; odd codes are not kept forever.
    if (attackTexts.size < 256) attackTexts.set(key, text);
  }
  return text;
}

const attackTexts = new Map<string, string>();

function attackPhrase(code: string, roll: boolean): string {
  const groups = code
    .toLowerCase()
    .split(',')
    .map((group) => group.trim())
    .filter((group) => group !== '')
    .map((group) => group.split(''));
  // A letter shared with a later group is said once, at the end ("Melee or Ranged Weapon").
  const seen = new Set(groups[groups.length - 1] ?? []);
  for (let i = groups.length - 2; i >= 0; i--) {
    groups[i] = (groups[i] as string[]).filter((letter) => {
      const fresh = !seen.has(letter);
      seen.add(letter);
      return fresh;
    });
  }
  const phrase = (letters: string[]) => {
    const type = letters.includes('m') ? 'Melee ' : letters.includes('r') ? 'Ranged ' : letters.includes('g') ? 'Magical ' : letters.includes('a') ? 'Area ' : '';
    const method = letters.includes('w') ? 'Weapon ' : letters.includes('s') ? 'Spell ' : letters.includes('p') ? 'Power ' : '';
    return `${type}${method}`;
  };
  return `${groups.map(phrase).join('or ')}Attack${roll ? ' Roll' : ''}:`.replace(/ {2,}/g, ' ');
}

function signed(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || Number.isNaN(Number(trimmed))) return value;
  const n = Number(trimmed);
  return `${n >= 0 ? '+' : ''}${n}`;
}

function abilityModifier(score: number): string {
  const mod = Math.floor((score - 10) / 2);
  return mod >= 0 ? `+${mod}` : `${mod}`;
}

/**
 * The display text of one tag, still as markup (a display part may itself hold tags, which the
 * caller renders in turn). `parts` are the tag's arguments as written.
 */
export function displayMarkup(tag: string, parts: readonly string[]): string {
  const fixed = FIXED_TEXT[tag];
  if (fixed !== undefined) return fixed;
  const first = parts[0] ?? '';
  const second = parts[1] ?? '';
  switch (tag) {
    case '=':
      return first;
    case 'atk':
    case 'atkr':
      return attackText(first, tag === 'atkr');
    case 'actSave':
      return `${ABILITIES[first.trim().toLowerCase()] ?? first} Saving Throw:`;
    case 'actSaveFail': {
      const n = Number(first);
      return first !== '' && Number.isInteger(n) && ORDINALS[n] ? `${ORDINALS[n]} Failure:` : 'Failure:';
    }
    case 'actSaveFailBy':
      return `Failure by ${first} or More:`;
    case 'actResponse':
      return first.includes('d') ? 'Response\u2014' : 'Response:';
    case 'hitYourSpellAttack':
      return first || 'your spell attack modifier';
    case 'dcYourSpellSave':
      return first || 'your spell save DC';
    case 'coinflip':
      return first || 'flip a coin';
    case 'dc':
      return `DC ${second || first}`;
    case 'damage':
    case 'dice':
    case 'autodice':
      return second || first.replace(/;/g, '/');
    case 'd20':
    case 'hit':
    case 'initiative':
      return second || signed(first);
    case 'recharge': {
      const n = Number(first.trim() || 6);
      if (Number.isNaN(n)) return `(Recharge ${first})`;
      return `(Recharge ${n}${n < 6 ? '\u20136' : ''})`;
    }
    case 'chance':
      return second || `${first} percent`;
    case 'ability': {
      if (second) return second;
      const score = Number(first.trim().split(/\s+/)[1]) || 0;
      return `${score} (${abilityModifier(score)})`;
    }
    case 'savingThrow':
    case 'skillCheck':
      return second || first;
    case 'scaledice':
    case 'scaledamage':
      return parts[4] || parts[2] || first;
    case 'unit': {
      const plural = parts[2] || `${second}s`;
      return Number.isNaN(Number(first)) ? second : Number(first) > 1 ? plural : second;
    }
    case 'area': {
      const flags = parts[2] ?? '';
      return flags.includes('x') ? first : `${flags.includes('u') ? 'A' : 'a'}rea ${first}`;
    }
    case 'homebrew':
      return first;
    case 'quickref':
      return parts[4] || first;
  }
  if (FIRST_PART_TAGS.has(tag)) return first;
  const reference = REFERENCE_TAGS[tag];
  if (reference) return parts[reference.displayIndex] || first;
  // An unknown tag (a newer 5etools, homebrew): its first part is the best guess of its text.
  return first;
}
