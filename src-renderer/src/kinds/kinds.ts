/**
 * What the browser shows of each kind: its name, the columns of its list (with the sort key each
 * offers), and its facets, each naming the URL parameter that keeps it and the `list` filter it
 * sets. Filter and sort keys are typed by the kind's own `list` input, so a facet naming a filter
 * the API lacks fails to compile; options come from src-shared's enumerations and labels, or from
 * the catalog itself (`OptionSource`).
 */
import { CHALLENGE_RATINGS, CLASS_TYPES, CREATURE_ENVIRONMENTS, CREATURE_TYPES, FEAT_TYPES, ITEM_RARITIES, ITEM_TYPE_CODES, RACE_TYPES, RULES_TERM_TYPES, SIZE_CODES, SPELL_SCHOOLS } from '../../../src-shared/catalog/enums';
import {
  CLASS_TYPE_NAMES,
  FEAT_TYPE_NAMES,
  ITEM_RARITY_NAMES,
  ITEM_TYPE_NAMES,
  RACE_TYPE_NAMES,
  RULES_TERM_TYPE_NAMES,
  SIZE_NAMES,
  SPELL_SCHOOL_NAMES,
  spellLevelName,
} from '../../../src-shared/catalog/labels';
import type { BrowseKind } from '../app/route';
import type { ListInputFor, SummaryRowOf } from './rows';

export type FilterKey<K extends BrowseKind> = keyof NonNullable<ListInputFor<K>['filter']> & string;
export type SortKey<K extends BrowseKind> = NonNullable<ListInputFor<K>['sort']>['by'];

export interface FacetOption {
  value: string;
  label: string;
}

/** Options read from the catalog when the facet is shown (see list/options.ts). */
export type OptionSource = 'sources' | 'ruleSystems' | 'spellClasses' | 'baseRaces' | 'baseClasses' | 'baseItems';

interface FacetBase<K extends BrowseKind> {
  /** URL parameter (short, stable: links and bookmarks keep it). */
  param: string;
  filter: FilterKey<K>;
  /** The facet's accessible name and visible heading. */
  label: string;
}

export type Facet<K extends BrowseKind> =
  /** Any of several values (checkboxes); the filter takes one value or a list. */
  | (FacetBase<K> & { type: 'multi'; options: readonly FacetOption[] | OptionSource; numeric?: boolean })
  /** One value (a select with "Any"); the filter takes a single value. */
  | (FacetBase<K> & { type: 'single'; options: readonly FacetOption[] | OptionSource })
  /** Yes / no / either (a select). */
  | (FacetBase<K> & { type: 'bool'; yes: string; no: string })
  /** Inclusive bounds from an ordered list: two selects. */
  | (Omit<FacetBase<K>, 'filter' | 'param'> & {
      type: 'range';
      min: { param: string; filter: FilterKey<K>; label: string };
      max: { param: string; filter: FilterKey<K>; label: string };
      options: readonly FacetOption[];
    });

export interface Column<K extends BrowseKind> {
  label: string;
  /** Relative width (CSS grid `fr`). */
  width: number;
  /** From the list row (`summaries`: no rules text or other JSON columns but the reprint links). */
  value(row: SummaryRowOf<K>): string;
  sort?: SortKey<K>;
}

export interface KindConfig<K extends BrowseKind> {
  /** "Spells" */
  title: string;
  /** "spell" */
  singular: string;
  columns: readonly Column<K>[];
  facets: readonly Facet<K>[];
  /** Whether rows have editions (`isReprinted`, `reprintedAs`): every kind but sources. */
  printings: boolean;
}

const options = <T extends string>(codes: readonly T[], names: Readonly<Record<T, string>>): FacetOption[] =>
  codes.map((value) => ({ value, label: names[value] }));
const plain = (codes: readonly string[]): FacetOption[] => codes.map((value) => ({ value, label: value[0]?.toUpperCase() + value.slice(1) }));
const names = <T extends string>(table: Readonly<Record<T, string>>, value: T | null): string => (value === null ? '' : (table[value] ?? value));

/** Source and rule system: on every kind with editions. */
function common<K extends Exclude<BrowseKind, 'sources'>>(): Facet<K>[] {
  return [
    { type: 'multi', param: 'src', filter: 'sourceId' as FilterKey<K>, label: 'Source', options: 'sources' },
    { type: 'multi', param: 'rs', filter: 'ruleSystemId' as FilterKey<K>, label: 'Rule system', options: 'ruleSystems' },
  ];
}

const sourceColumn = { label: 'Source', width: 1, value: (row: { sourceId: string }) => row.sourceId, sort: 'sourceId' } as const;

export const KINDS: { readonly [K in BrowseKind]: KindConfig<K> } = {
  spells: {
    title: 'Spells',
    singular: 'spell',
    printings: true,
    columns: [
      { label: 'Name', width: 3, value: (r) => r.name, sort: 'name' },
      { label: 'Level', width: 1.2, value: (r) => spellLevelName(r.level), sort: 'level' },
      { label: 'School', width: 1.5, value: (r) => names(SPELL_SCHOOL_NAMES, r.school), sort: 'school' },
      sourceColumn,
    ],
    facets: [
      {
        type: 'multi',
        param: 'level',
        filter: 'level',
        label: 'Level',
        numeric: true,
        options: Array.from({ length: 10 }, (_, level) => ({ value: String(level), label: spellLevelName(level) })),
      },
      { type: 'multi', param: 'school', filter: 'school', label: 'School', options: options(SPELL_SCHOOLS, SPELL_SCHOOL_NAMES) },
      { type: 'single', param: 'class', filter: 'class', label: 'Class', options: 'spellClasses' },
      { type: 'bool', param: 'ritual', filter: 'isRitual', label: 'Ritual', yes: 'Rituals only', no: 'No rituals' },
      { type: 'bool', param: 'conc', filter: 'isConcentration', label: 'Concentration', yes: 'Concentration only', no: 'No concentration' },
      ...common<'spells'>(),
    ],
  },
  creatures: {
    title: 'Creatures',
    singular: 'creature',
    printings: true,
    columns: [
      { label: 'Name', width: 3, value: (r) => r.name, sort: 'name' },
      { label: 'CR', width: 0.8, value: (r) => r.challengeRating ?? '—', sort: 'crValue' },
      { label: 'Type', width: 1.5, value: (r) => r.type ?? '', sort: 'type' },
      { label: 'Size', width: 1, value: (r) => names(SIZE_NAMES, r.size), sort: 'size' },
      sourceColumn,
    ],
    facets: [
      {
        type: 'range',
        label: 'Challenge rating',
        min: { param: 'crmin', filter: 'crMin', label: 'Lowest CR' },
        max: { param: 'crmax', filter: 'crMax', label: 'Highest CR' },
        options: CHALLENGE_RATINGS.map((cr) => ({ value: cr, label: cr })),
      },
      { type: 'multi', param: 'type', filter: 'type', label: 'Type', options: plain(CREATURE_TYPES) },
      { type: 'multi', param: 'size', filter: 'size', label: 'Size', options: options(SIZE_CODES, SIZE_NAMES) },
      { type: 'single', param: 'env', filter: 'environment', label: 'Environment', options: plain(CREATURE_ENVIRONMENTS) },
      { type: 'bool', param: 'legendary', filter: 'isLegendary', label: 'Legendary', yes: 'Legendary only', no: 'Not legendary' },
      ...common<'creatures'>(),
    ],
  },
  items: {
    title: 'Items',
    singular: 'item',
    printings: true,
    columns: [
      { label: 'Name', width: 3, value: (r) => r.name, sort: 'name' },
      { label: 'Type', width: 1.6, value: (r) => (r.type ? names(ITEM_TYPE_NAMES, r.type as (typeof ITEM_TYPE_CODES)[number]) : r.isWondrous ? 'Wondrous item' : '') },
      { label: 'Rarity', width: 1.2, value: (r) => names(ITEM_RARITY_NAMES, r.rarity), sort: 'rarity' },
      sourceColumn,
    ],
    facets: [
      { type: 'multi', param: 'type', filter: 'type', label: 'Type', options: options(ITEM_TYPE_CODES, ITEM_TYPE_NAMES) },
      { type: 'bool', param: 'wondrous', filter: 'isWondrous', label: 'Wondrous', yes: 'Wondrous items only', no: 'No wondrous items' },
      { type: 'multi', param: 'rarity', filter: 'rarity', label: 'Rarity', options: options(ITEM_RARITIES, ITEM_RARITY_NAMES) },
      { type: 'bool', param: 'attune', filter: 'requiresAttunement', label: 'Attunement', yes: 'Requires attunement', no: 'No attunement' },
      { type: 'bool', param: 'magic', filter: 'isMagic', label: 'Magic', yes: 'Magic items', no: 'Mundane items' },
      { type: 'bool', param: 'variant', filter: 'isVariant', label: 'Variant', yes: 'Variants only', no: 'No variants' },
      { type: 'single', param: 'base', filter: 'baseItemId', label: 'Variants of', options: 'baseItems' },
      ...common<'items'>(),
    ],
  },
  races: {
    title: 'Races',
    singular: 'race',
    printings: true,
    columns: [
      { label: 'Name', width: 3, value: (r) => r.name, sort: 'name' },
      { label: 'Kind', width: 1, value: (r) => RACE_TYPE_NAMES[r.raceType] },
      { label: 'Size', width: 1, value: (r) => names(SIZE_NAMES, r.size) },
      sourceColumn,
    ],
    facets: [
      { type: 'multi', param: 'kind', filter: 'raceType', label: 'Race or subrace', options: options(RACE_TYPES, RACE_TYPE_NAMES) },
      { type: 'single', param: 'parent', filter: 'parentRaceId', label: 'Subraces of', options: 'baseRaces' },
      ...common<'races'>(),
    ],
  },
  classes: {
    title: 'Classes',
    singular: 'class',
    printings: true,
    columns: [
      { label: 'Name', width: 3, value: (r) => r.name, sort: 'name' },
      { label: 'Kind', width: 1, value: (r) => CLASS_TYPE_NAMES[r.classType] },
      { label: 'Hit die', width: 1, value: (r) => (r.hitDie === null ? '' : `d${r.hitDie}`), sort: 'hitDie' },
      sourceColumn,
    ],
    facets: [
      { type: 'multi', param: 'kind', filter: 'classType', label: 'Class or subclass', options: options(CLASS_TYPES, CLASS_TYPE_NAMES) },
      { type: 'single', param: 'parent', filter: 'parentClassId', label: 'Subclasses of', options: 'baseClasses' },
      ...common<'classes'>(),
    ],
  },
  backgrounds: {
    title: 'Backgrounds',
    singular: 'background',
    printings: true,
    columns: [{ label: 'Name', width: 3, value: (r) => r.name, sort: 'name' }, sourceColumn],
    facets: [...common<'backgrounds'>()],
  },
  feats: {
    title: 'Feats',
    singular: 'feat',
    printings: true,
    columns: [
      { label: 'Name', width: 3, value: (r) => r.name, sort: 'name' },
      { label: 'Category', width: 1.4, value: (r) => names(FEAT_TYPE_NAMES, r.featType) },
      sourceColumn,
    ],
    facets: [
      { type: 'multi', param: 'category', filter: 'featType', label: 'Category', options: options(FEAT_TYPES, FEAT_TYPE_NAMES) },
      { type: 'bool', param: 'prereq', filter: 'hasPrerequisites', label: 'Prerequisites', yes: 'With prerequisites', no: 'Without prerequisites' },
      ...common<'feats'>(),
    ],
  },
  rulesTerms: {
    title: 'Rules terms',
    singular: 'rules term',
    printings: true,
    columns: [
      { label: 'Name', width: 3, value: (r) => r.name, sort: 'name' },
      { label: 'Type', width: 1.4, value: (r) => RULES_TERM_TYPE_NAMES[r.termType], sort: 'termType' },
      sourceColumn,
    ],
    facets: [
      { type: 'multi', param: 'type', filter: 'termType', label: 'Term type', options: options(RULES_TERM_TYPES, RULES_TERM_TYPE_NAMES) },
      ...common<'rulesTerms'>(),
    ],
  },
  sources: {
    title: 'Sources',
    singular: 'source',
    printings: false,
    columns: [
      { label: 'Code', width: 1, value: (r) => r.id, sort: 'id' },
      { label: 'Title', width: 4, value: (r) => r.fullName, sort: 'fullName' },
      { label: 'Published', width: 1.2, value: (r) => r.publishedDate ?? '', sort: 'publishedDate' },
      { label: 'Rule system', width: 1.4, value: (r) => r.ruleSystemId },
    ],
    facets: [
      { type: 'multi', param: 'rs', filter: 'ruleSystemId', label: 'Rule system', options: 'ruleSystems' },
      { type: 'bool', param: 'official', filter: 'isOfficial', label: 'Official', yes: 'Official books', no: 'Third-party and homebrew' },
      { type: 'bool', param: 'srd', filter: 'isSrd', label: 'SRD', yes: 'In the SRD', no: 'Not in the SRD' },
    ],
  },
};

export function kindConfig<K extends BrowseKind>(kind: K): KindConfig<K> {
  return KINDS[kind];
}
