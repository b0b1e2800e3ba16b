/**
 * Which columns a homebrew form shows for each kind, and how each is typed in. One declaration
 * per kind; the form, its conversions and its validation are the same code for all of them.
 * Options of a choice are read from the kind's own zod schema (the column's enumeration), and
 * whether a field is required from the same schema, so neither is repeated here.
 */
import { CREATURE_TYPES } from '../../../src-shared/catalog/enums';
import {
  ABILITY_NAMES,
  CASTER_PROGRESSION_NAMES,
  CLASS_TYPE_NAMES,
  FEAT_TYPE_NAMES,
  RULES_TERM_TYPE_NAMES,
  ITEM_RARITY_NAMES,
  ITEM_TYPE_NAMES,
  RACE_TYPE_NAMES,
  SIZE_NAMES,
  SPELL_SCHOOL_NAMES,
} from '../../../src-shared/catalog/labels';
import type { BrowseKind } from '../app/route';

export type InputKind =
  /** One line of text. */
  | 'text'
  /** Several lines of plain text. */
  | 'textarea'
  | 'integer'
  | 'number'
  | 'checkbox'
  /** One of the column's enumerated values (from the schema), shown by its label. */
  | 'choice'
  /** Comma-separated words, stored as a list of strings. */
  | 'list'
  /** A JSON value in the column's shape. */
  | 'json'
  /** 5etools entries (rules text) in entry JSON, with a live preview. */
  | 'entries'
  /** The id of a row (of `references`), chosen by name from the catalog's rows (a combobox). */
  | 'reference'
  /** Several rows of `references`, chosen by name; stored as a list (ids or lower-case names, `stores`). */
  | 'references';

/** What a reference field can point at: a browsable kind, or rule systems. */
export type ReferenceKind = BrowseKind | 'ruleSystems';

export interface FieldSpec {
  /** The column's key in the insert and update schemas. */
  key: string;
  label: string;
  input: InputKind;
  /** For `reference(s)`: the kind (or `ruleSystems`) whose rows the field points at. */
  references?: ReferenceKind;
  /** For `reference(s)`: the `list` filter the offered rows must also match (a parent race is a race, not a subrace). */
  filter?: Readonly<Record<string, unknown>>;
  /** For `references`: what a chosen row adds to the list (default its id). */
  stores?: 'id' | 'lowercaseName';
  /** For `choice`: what a reader calls each code (src-shared/catalog/labels.ts); the code is what is stored. */
  labels?: Readonly<Record<string, string>>;
  /** Shown under the field: what to type. */
  hint?: string;
  /** Example value, shown as the placeholder. */
  example?: string;
}

/** How a person calls one row and several rows of a kind. */
export const KIND_WORDS: Record<BrowseKind, { one: string; many: string }> = {
  spells: { one: 'spell', many: 'spells' },
  creatures: { one: 'creature', many: 'creatures' },
  items: { one: 'item', many: 'items' },
  races: { one: 'race', many: 'races' },
  classes: { one: 'class', many: 'classes' },
  backgrounds: { one: 'background', many: 'backgrounds' },
  feats: { one: 'feat', many: 'feats' },
  rulesTerms: { one: 'rules term', many: 'rules terms' },
  sources: { one: 'source', many: 'sources' },
};

/** Creature types are stored as the words themselves; shown capitalised, as the list's facet does. */
const CREATURE_TYPE_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  CREATURE_TYPES.map((type) => [type, type.charAt(0).toUpperCase() + type.slice(1)]),
);

const ENTRIES_HINT = 'Rules text as 5etools entries: a JSON list of paragraphs and entry objects; {@tag …} markup allowed.';

/** The columns every entity kind starts with. */
const head: FieldSpec[] = [
  { key: 'name', label: 'Name', input: 'text' },
  { key: 'id', label: 'Id', input: 'text', hint: 'Lowercase letters, digits, "-" and "+"; made from the name and source until you change it.' },
  { key: 'sourceId', label: 'Source', input: 'reference', references: 'sources' },
  { key: 'ruleSystemId', label: 'Rule system', input: 'reference', references: 'ruleSystems' },
  { key: 'page', label: 'Page', input: 'integer' },
];

const entries: FieldSpec = { key: 'entries', label: 'Rules text', input: 'entries', hint: ENTRIES_HINT, example: '["A bolt of light streaks toward a creature within range."]' };

export const FORM_FIELDS: Record<BrowseKind, readonly FieldSpec[]> = {
  spells: [
    ...head,
    { key: 'level', label: 'Level', input: 'integer', hint: '0 for a cantrip, up to 9.' },
    { key: 'school', label: 'School', input: 'choice', labels: SPELL_SCHOOL_NAMES },
    { key: 'isRitual', label: 'Ritual', input: 'checkbox' },
    { key: 'isConcentration', label: 'Concentration', input: 'checkbox' },
    {
      key: 'classes',
      label: 'Classes',
      input: 'references',
      references: 'classes',
      filter: { classType: 'class' },
      stores: 'lowercaseName',
      hint: 'The classes whose spell list has it: search the catalog by name, or add a name as written.',
    },
    { key: 'castingTime', label: 'Casting time', input: 'json', example: '[{"number": 1, "unit": "action"}]' },
    { key: 'range', label: 'Range', input: 'json', example: '{"type": "point", "distance": {"type": "feet", "amount": 60}}' },
    { key: 'components', label: 'Components', input: 'json', example: '{"v": true, "s": true, "m": "a pinch of salt"}' },
    { key: 'duration', label: 'Duration', input: 'json', example: '[{"type": "instant"}]' },
    entries,
    { key: 'upcastInfo', label: 'At higher levels', input: 'entries', hint: ENTRIES_HINT },
  ],
  creatures: [
    ...head,
    { key: 'size', label: 'Size', input: 'choice', labels: SIZE_NAMES },
    { key: 'type', label: 'Type', input: 'choice', labels: CREATURE_TYPE_LABELS },
    { key: 'challengeRating', label: 'Challenge rating', input: 'text', example: '1/4' },
    { key: 'isNpc', label: 'NPC', input: 'checkbox' },
    { key: 'armorClass', label: 'Armor class', input: 'json', example: '[{"ac": 15, "from": ["natural armor"]}]' },
    { key: 'hitPoints', label: 'Hit points', input: 'json', example: '{"average": 22, "formula": "4d8 + 4"}' },
    { key: 'speed', label: 'Speed', input: 'json', example: '{"walk": 30}' },
    { key: 'abilityScores', label: 'Ability scores', input: 'json', example: '{"str": 10, "dex": 14, "con": 12, "int": 8, "wis": 10, "cha": 6}' },
    { key: 'environment', label: 'Environments', input: 'list', example: 'forest, hill' },
    { key: 'traits', label: 'Traits', input: 'json', example: '[{"name": "Keen Smell", "entries": ["…"]}]' },
    { key: 'actions', label: 'Actions', input: 'json', example: '[{"name": "Bite", "entries": ["{@atk mw} {@hit 4} to hit …"]}]' },
    entries,
  ],
  items: [
    ...head,
    { key: 'type', label: 'Type', input: 'choice', labels: ITEM_TYPE_NAMES },
    { key: 'rarity', label: 'Rarity', input: 'choice', labels: ITEM_RARITY_NAMES },
    { key: 'requiresAttunement', label: 'Requires attunement', input: 'checkbox' },
    { key: 'isWondrous', label: 'Wondrous item', input: 'checkbox' },
    { key: 'isCursed', label: 'Cursed', input: 'checkbox' },
    { key: 'isSentient', label: 'Sentient', input: 'checkbox' },
    { key: 'isStaff', label: 'Staff', input: 'checkbox' },
    { key: 'isTattoo', label: 'Tattoo', input: 'checkbox' },
    { key: 'isPoison', label: 'Poison', input: 'checkbox' },
    { key: 'baseItemId', label: 'Base item', input: 'reference', references: 'items', filter: { isMagic: false }, hint: 'The mundane item this one is a variant of.' },
    { key: 'magicBonus', label: 'Magic bonus', input: 'integer' },
    { key: 'weightLb', label: 'Weight (lb)', input: 'number' },
    { key: 'valueCp', label: 'Value (cp)', input: 'integer' },
    { key: 'armorClass', label: 'Armor class', input: 'integer' },
    entries,
  ],
  races: [
    ...head,
    { key: 'raceType', label: 'Race or subrace', input: 'choice', labels: RACE_TYPE_NAMES },
    {
      key: 'parentRaceId',
      label: 'Parent race',
      input: 'reference',
      references: 'races',
      filter: { raceType: 'race' },
      hint: 'For a subrace: the race it belongs to.',
    },
    { key: 'size', label: 'Size', input: 'choice', labels: SIZE_NAMES },
    { key: 'speed', label: 'Speed', input: 'json', example: '{"walk": 30}' },
    { key: 'abilityScores', label: 'Ability score increases', input: 'json', example: '[{"con": 2}]' },
    entries,
  ],
  classes: [
    ...head,
    { key: 'classType', label: 'Class or subclass', input: 'choice', labels: CLASS_TYPE_NAMES },
    {
      key: 'parentClassId',
      label: 'Parent class',
      input: 'reference',
      references: 'classes',
      filter: { classType: 'class' },
      hint: 'For a subclass: the class it belongs to.',
    },
    { key: 'hitDie', label: 'Hit die', input: 'integer', example: '8' },
    { key: 'spellAbility', label: 'Spellcasting ability', input: 'choice', labels: ABILITY_NAMES },
    { key: 'casterProgression', label: 'Caster progression', input: 'choice', labels: CASTER_PROGRESSION_NAMES },
    { key: 'subclassTitle', label: 'Subclass title', input: 'text', example: 'Martial Archetype' },
    { key: 'subclassLevel', label: 'Subclass level', input: 'integer' },
    entries,
  ],
  backgrounds: [
    ...head,
    { key: 'featureName', label: 'Feature', input: 'text' },
    { key: 'featureText', label: 'Feature text', input: 'textarea' },
    { key: 'skillProficiencies', label: 'Skill proficiencies', input: 'json', example: '[{"insight": true, "religion": true}]' },
    entries,
  ],
  feats: [
    ...head,
    { key: 'featType', label: 'Category', input: 'choice', labels: FEAT_TYPE_NAMES },
    { key: 'prerequisites', label: 'Prerequisites', input: 'json', example: '[{"level": 4}]' },
    { key: 'abilityIncreases', label: 'Ability score increases', input: 'json', example: '[{"choose": {"from": ["str", "dex"], "amount": 1}}]' },
    entries,
  ],
  rulesTerms: [...head, { key: 'termType', label: 'Term type', input: 'choice', labels: RULES_TERM_TYPE_NAMES }, entries],
  sources: [
    { key: 'fullName', label: 'Title', input: 'text' },
    { key: 'id', label: 'Book code', input: 'text', hint: 'Letters, digits and "-", e.g. HB-MYBOOK.' },
    { key: 'ruleSystemId', label: 'Rule system', input: 'reference', references: 'ruleSystems' },
    { key: 'abbreviation', label: 'Abbreviation', input: 'text' },
    { key: 'publishedDate', label: 'Published', input: 'text', example: '2026-12-01', hint: 'A date as YYYY-MM-DD.' },
    { key: 'version', label: 'Version', input: 'text' },
    { key: 'isOfficial', label: 'Official', input: 'checkbox' },
    { key: 'isSrd', label: 'SRD', input: 'checkbox' },
  ],
};

/** How many rows a reference search offers at most (a longer name narrows it). */
export const REFERENCE_SEARCH_LIMIT = 25;

/** The `list` input a reference field's search sends: the field's filter, the name containing `text`, by name. */
export function referenceListInput(kind: ReferenceKind, text: string, filter: Readonly<Record<string, unknown>> = {}) {
  const query = text.trim().slice(0, 200);
  return {
    filter: { ...filter, ...(query === '' ? {} : { nameContains: query }) },
    sort: { by: kind === 'sources' ? 'fullName' : 'name' },
    limit: REFERENCE_SEARCH_LIMIT,
  };
}

/** The field that names a row (sources: their title). */
export function nameField(kind: BrowseKind): string {
  return kind === 'sources' ? 'fullName' : 'name';
}
