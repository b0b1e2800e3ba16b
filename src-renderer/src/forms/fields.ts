/**
 * Which columns a homebrew form shows for each kind, and how each is typed in. One declaration
 * per kind; the form, its conversions and its validation are the same code for all of them.
 * Options of a choice are read from the kind's own zod schema (the column's enumeration), and
 * whether a field is required from the same schema, so neither is repeated here.
 */
import type { BrowseKind } from '../app/route';

export type InputKind =
  /** One line of text. */
  | 'text'
  /** Several lines of plain text. */
  | 'textarea'
  | 'integer'
  | 'number'
  | 'checkbox'
  /** One of the column's enumerated values (from the schema). */
  | 'choice'
  /** Comma-separated words, stored as a list of strings. */
  | 'list'
  /** A JSON value in the column's shape. */
  | 'json'
  /** 5etools entries (rules text) in entry JSON, with a live preview. */
  | 'entries'
  /** The id of a row (of `references`), chosen from the catalog's rows. */
  | 'reference';

export interface FieldSpec {
  /** The column's key in the insert and update schemas. */
  key: string;
  label: string;
  input: InputKind;
  /** For `reference`: the kind (or `ruleSystems`) whose ids the field takes. */
  references?: BrowseKind | 'ruleSystems';
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
    { key: 'school', label: 'School', input: 'choice' },
    { key: 'isRitual', label: 'Ritual', input: 'checkbox' },
    { key: 'isConcentration', label: 'Concentration', input: 'checkbox' },
    { key: 'classes', label: 'Classes', input: 'list', hint: 'Class names in lower case, separated by commas.', example: 'wizard, sorcerer' },
    { key: 'castingTime', label: 'Casting time', input: 'json', example: '[{"number": 1, "unit": "action"}]' },
    { key: 'range', label: 'Range', input: 'json', example: '{"type": "point", "distance": {"type": "feet", "amount": 60}}' },
    { key: 'components', label: 'Components', input: 'json', example: '{"v": true, "s": true, "m": "a pinch of salt"}' },
    { key: 'duration', label: 'Duration', input: 'json', example: '[{"type": "instant"}]' },
    entries,
    { key: 'upcastInfo', label: 'At higher levels', input: 'entries', hint: ENTRIES_HINT },
  ],
  creatures: [
    ...head,
    { key: 'size', label: 'Size', input: 'choice' },
    { key: 'type', label: 'Type', input: 'text', example: 'dragon' },
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
    { key: 'type', label: 'Type code', input: 'text', example: 'M', hint: '5etools item type code, e.g. M (melee weapon), A (ammunition), P (potion).' },
    { key: 'rarity', label: 'Rarity', input: 'choice' },
    { key: 'requiresAttunement', label: 'Requires attunement', input: 'checkbox' },
    { key: 'isWondrous', label: 'Wondrous item', input: 'checkbox' },
    { key: 'isCursed', label: 'Cursed', input: 'checkbox' },
    { key: 'isSentient', label: 'Sentient', input: 'checkbox' },
    { key: 'isStaff', label: 'Staff', input: 'checkbox' },
    { key: 'isTattoo', label: 'Tattoo', input: 'checkbox' },
    { key: 'isPoison', label: 'Poison', input: 'checkbox' },
    { key: 'baseItemId', label: 'Base item', input: 'reference', references: 'items', hint: 'The mundane item this one is a variant of.' },
    { key: 'magicBonus', label: 'Magic bonus', input: 'integer' },
    { key: 'weightLb', label: 'Weight (lb)', input: 'number' },
    { key: 'valueCp', label: 'Value (cp)', input: 'integer' },
    { key: 'armorClass', label: 'Armor class', input: 'integer' },
    entries,
  ],
  races: [
    ...head,
    { key: 'raceType', label: 'Race or subrace', input: 'choice' },
    { key: 'parentRaceId', label: 'Parent race', input: 'reference', references: 'races', hint: 'For a subrace: the race it belongs to.' },
    { key: 'size', label: 'Size', input: 'choice' },
    { key: 'speed', label: 'Speed', input: 'json', example: '{"walk": 30}' },
    { key: 'abilityScores', label: 'Ability score increases', input: 'json', example: '[{"con": 2}]' },
    entries,
  ],
  classes: [
    ...head,
    { key: 'classType', label: 'Class or subclass', input: 'choice' },
    { key: 'parentClassId', label: 'Parent class', input: 'reference', references: 'classes', hint: 'For a subclass: the class it belongs to.' },
    { key: 'hitDie', label: 'Hit die', input: 'integer', example: '8' },
    { key: 'spellAbility', label: 'Spellcasting ability', input: 'choice' },
    { key: 'casterProgression', label: 'Caster progression', input: 'choice' },
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
    { key: 'featType', label: 'Category', input: 'choice' },
    { key: 'prerequisites', label: 'Prerequisites', input: 'json', example: '[{"level": 4}]' },
    { key: 'abilityIncreases', label: 'Ability score increases', input: 'json', example: '[{"choose": {"from": ["str", "dex"], "amount": 1}}]' },
    entries,
  ],
  rulesTerms: [...head, { key: 'termType', label: 'Term type', input: 'choice' }, entries],
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

/** The field that names a row (sources: their title). */
export function nameField(kind: BrowseKind): string {
  return kind === 'sources' ? 'fullName' : 'name';
}
