/**
 * Reads a 5etools data folder. Two layouts are accepted (README.md, "Files read"):
 *
 * - the flat layout of the SRD fixture: sources.json, spells.json, spell-sources.json,
 *   creatures.json, legendarygroups.json, races.json, classes.json, items.json,
 *   backgrounds.json, feats.json, optionalfeatures.json;
 * - a real 5etools `data/` folder, split per book: books.json, adventures.json,
 *   spells/spells-*.json, spells/sources.json (or generated/gendata-spell-source-lookup.json),
 *   bestiary/bestiary-*.json, bestiary/legendarygroups.json, class/class-*.json, races.json,
 *   items.json, items-base.json, magicvariants.json, backgrounds.json, feats.json,
 *   optionalfeatures.json; and in both, when present, conditionsdiseases.json, variantrules.json,
 *   actions.json, senses.json, skills.json (rules terms).
 *
 * Every `*.json` in the folder and in its `spells/`, `bestiary/`, `class/` subfolders is read
 * (not `fluff-*`, `foundry*`, `index.json`), and records are taken by their top-level key
 * (`spell`, `monster`, `race`, …), so file names do not matter — except for the spell-source
 * lookup, which has no such key and is recognised by name.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fail } from '../../../src-shared/errors';
import { isRecord } from './raw';
import type { Raw } from './types';

/** A part of a file that is not a record: a collection that is not an array, an entry that is not an object. */
export interface ReadProblem {
  file: string;
  /** The 5etools top-level key. */
  key: string;
  /** Position in the collection, when one entry is meant. */
  index?: number;
  reason: string;
}

export interface DataSet {
  /** Files read, relative to the folder, in reading order. */
  files: string[];
  /** The file each record was read from (records only; resolved copies are new objects). */
  fileOf: WeakMap<Raw, string>;
  problems: ReadProblem[];
  /** Every collection by its 5etools top-level key, as read. */
  collections: Record<CollectionKey, Raw[]>;
  books: { record: Raw; kind: 'book' | 'adventure' }[];
  spells: Raw[];
  /** Parsed spell-source lookup files. */
  spellSources: unknown[];
  monsters: Raw[];
  legendaryGroups: Raw[];
  races: Raw[];
  subraces: Raw[];
  classes: Raw[];
  subclasses: Raw[];
  classFeatures: Raw[];
  subclassFeatures: Raw[];
  optionalFeatures: Raw[];
  items: Raw[];
  baseItems: Raw[];
  itemGroups: Raw[];
  magicVariants: Raw[];
  itemEntries: Raw[];
  backgrounds: Raw[];
  feats: Raw[];
  /** Conditions, diseases, statuses, variant rules, actions, senses, skills. */
  rulesTerms: Raw[];
  monsterTemplates: Raw[];
  legendaryGroupTemplates: Raw[];
}

/** Top-level key → collection it fills. */
const COLLECTIONS = {
  spell: 'spells',
  monster: 'monsters',
  legendaryGroup: 'legendaryGroups',
  race: 'races',
  subrace: 'subraces',
  class: 'classes',
  subclass: 'subclasses',
  classFeature: 'classFeatures',
  subclassFeature: 'subclassFeatures',
  optionalfeature: 'optionalFeatures',
  item: 'items',
  baseitem: 'baseItems',
  itemGroup: 'itemGroups',
  magicvariant: 'magicVariants',
  itemEntry: 'itemEntries',
  background: 'backgrounds',
  feat: 'feats',
  condition: 'rulesTerms',
  disease: 'rulesTerms',
  status: 'rulesTerms',
  variantrule: 'rulesTerms',
  action: 'rulesTerms',
  sense: 'rulesTerms',
  skill: 'rulesTerms',
  monsterTemplate: 'monsterTemplates',
  legendaryGroupTemplate: 'legendaryGroupTemplates',
} as const satisfies Record<string, keyof DataSet>;

export type CollectionKey = keyof typeof COLLECTIONS;
export const COLLECTION_KEYS = Object.keys(COLLECTIONS) as CollectionKey[];

const SUBFOLDERS = ['spells', 'bestiary', 'class'];
const SPELL_SOURCE_FILES = ['spell-sources.json', 'spells/sources.json', 'generated/gendata-spell-source-lookup.json'];

function jsonFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.json') && !name.startsWith('fluff-') && !name.startsWith('foundry') && name !== 'index.json')
    .sort()
    .map((name) => join(dir, name));
}

function readJson(file: string, root: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw fail('ValidationFailed', `Cannot read ${relative(root, file)}: ${reason}. Fix or remove the file and import again.`, {
      issues: [{ path: [relative(root, file)], message: reason }],
    });
  }
}

/** The objects of `json[key]`; anything else there is a problem (reported, not a crash). */
function recordsOf(json: Raw, key: string, file: string, problems: ReadProblem[]): Raw[] {
  const value = json[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push({ file, key, reason: `its "${key}" collection is ${describeJson(value)}, not a list of records; nothing of it was read` });
    return [];
  }
  const out: Raw[] = [];
  value.forEach((item: unknown, index) => {
    if (isRecord(item)) out.push(item);
    else problems.push({ file, key, index, reason: `entry ${index} of its "${key}" collection is ${describeJson(item)}, not a record` });
  });
  return out;
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function readDataSet(dir: string): DataSet {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    throw fail('ValidationFailed', `${dir} is not a folder. Give the path of a 5etools data folder.`, {
      issues: [{ path: ['dataDir'], message: 'not a folder' }],
    });
  }
  const data: DataSet = {
    files: [],
    fileOf: new WeakMap(),
    problems: [],
    collections: Object.fromEntries(COLLECTION_KEYS.map((key) => [key, []])) as unknown as Record<CollectionKey, Raw[]>,
    books: [],
    spells: [],
    spellSources: [],
    monsters: [],
    legendaryGroups: [],
    races: [],
    subraces: [],
    classes: [],
    subclasses: [],
    classFeatures: [],
    subclassFeatures: [],
    optionalFeatures: [],
    items: [],
    baseItems: [],
    itemGroups: [],
    magicVariants: [],
    itemEntries: [],
    backgrounds: [],
    feats: [],
    rulesTerms: [],
    monsterTemplates: [],
    legendaryGroupTemplates: [],
  };
  const files = [...jsonFiles(dir), ...SUBFOLDERS.flatMap((sub) => jsonFiles(join(dir, sub)))];
  const lookup = join(dir, 'generated', 'gendata-spell-source-lookup.json');
  try {
    if (statSync(lookup).isFile()) files.push(lookup);
  } catch {
    // not there: fine
  }
  for (const file of files) {
    const rel = relative(dir, file).split('\\').join('/');
    const json = readJson(file, dir);
    if (SPELL_SOURCE_FILES.includes(rel)) {
      data.spellSources.push(json);
      data.files.push(rel);
      continue;
    }
    if (!isRecord(json)) continue;
    let used = false;
    for (const kind of ['book', 'adventure'] as const) {
      for (const record of recordsOf(json, kind, rel, data.problems)) {
        data.books.push({ record, kind });
        used = true;
      }
    }
    for (const [key, collection] of Object.entries(COLLECTIONS) as [CollectionKey, (typeof COLLECTIONS)[CollectionKey]][]) {
      const found = recordsOf(json, key, rel, data.problems);
      if (found.length > 0 || json[key] !== undefined) used = true;
      for (const record of found) data.fileOf.set(record, rel);
      data[collection].push(...found);
      data.collections[key].push(...found);
    }
    if (used) data.files.push(rel);
  }
  // A folder without any 5etools records is almost always the wrong folder: say so rather than
  // reporting a successful import of nothing.
  if (data.files.length === 0) {
    throw fail(
      'ValidationFailed',
      `${dir} holds no 5etools data (no JSON file with books, spells, monsters, races, classes, items, backgrounds or feats). Give the path of a 5etools data folder.`,
      { issues: [{ path: ['dataDir'], message: 'no 5etools data in this folder' }] },
    );
  }
  return data;
}
