/**
 * Rules terms: the records of `condition`, `disease`, `status` (conditionsdiseases.json),
 * `variantrule` (variantrules.json), `action` (actions.json), `sense` (senses.json) and `skill`
 * (skills.json), one row each with its term type. Ids follow the importer's rule (`name-source`);
 * 5etools names are unique per source across these collections, so the type is not part of it.
 */
import type { InsertOf } from '../../../src-shared/catalog/define';
import type { rulesTermEntity } from '../../../src-shared/catalog/entities';
import type { RULES_TERM_TYPES } from '../../../src-shared/catalog/enums';
import type { ImportContext } from './context';
import { recordId } from './ids';
import { isVersion } from './map-records';
import { int, orNull, str } from './raw';
import type { Mapped, Raw } from './types';

export type RulesTermInsert = InsertOf<typeof rulesTermEntity>;
type RulesTermType = (typeof RULES_TERM_TYPES)[number];

/** The 5etools collection of each term type, and the file it is published in. */
export const RULES_TERM_COLLECTIONS = {
  condition: { termType: 'condition', file: 'conditionsdiseases.json' },
  disease: { termType: 'disease', file: 'conditionsdiseases.json' },
  status: { termType: 'status', file: 'conditionsdiseases.json' },
  variantrule: { termType: 'variant-rule', file: 'variantrules.json' },
  action: { termType: 'action', file: 'actions.json' },
  sense: { termType: 'sense', file: 'senses.json' },
  skill: { termType: 'skill', file: 'skills.json' },
} as const satisfies Record<string, { termType: RulesTermType; file: string }>;

export type RulesTermCollection = keyof typeof RULES_TERM_COLLECTIONS;
export const RULES_TERM_COLLECTION_KEYS = Object.keys(RULES_TERM_COLLECTIONS) as RulesTermCollection[];

export function mapRulesTerms(collections: Record<RulesTermCollection, readonly Raw[]>, ctx: ImportContext): Mapped<RulesTermInsert> {
  const rows: RulesTermInsert[] = [];
  let read = 0;
  let generated = 0;
  for (const key of RULES_TERM_COLLECTION_KEYS) {
    const records = collections[key];
    ctx.each('rulesTerms', records, (record) => {
      if (isVersion(record)) generated += 1;
      const row = mapRulesTerm(record, RULES_TERM_COLLECTIONS[key].termType, ctx);
      if (row) rows.push(row);
    });
    read += records.length;
  }
  return { rows, read: read - generated, generated };
}

export function mapRulesTerm(record: Raw, termType: RulesTermType, ctx: ImportContext): RulesTermInsert | undefined {
  const name = str(record['name']);
  const placement = ctx.placement('rulesTerms', record);
  if (!placement) return undefined;
  if (name === undefined) {
    ctx.skip('rulesTerms', record, `the ${termType} has no name`);
    return undefined;
  }
  const id = ctx.id('rulesTerms', record, () => recordId(name, placement.sourceId));
  if (id === undefined) return undefined;
  return {
    id,
    name,
    ...placement,
    termType,
    page: orNull(int(record['page'])),
    // As written: entries that are not a list are refused by the check stage, which says so.
    entries: (record['entries'] ?? []) as RulesTermInsert['entries'],
    ...ctx.editions('rulesTerms', record),
  };
}

const HOLDS: Record<string, string> = {
  'conditionsdiseases.json': 'conditions, diseases and statuses',
  'variantrules.json': 'rules (variant rules, the rules glossary)',
  'actions.json': 'actions',
  'senses.json': 'senses',
  'skills.json': 'skills',
};

/**
 * The rules-term files of which no record was read (records are taken by their key, whatever
 * the file's name): a folder without them imports everything else, and the result says so.
 */
export function absentRulesTermFiles(collections: Readonly<Record<RulesTermCollection, readonly Raw[]>>): { file: string; holds: string }[] {
  const files = [...new Set(RULES_TERM_COLLECTION_KEYS.map((key) => RULES_TERM_COLLECTIONS[key].file))];
  return files
    .filter((file) => RULES_TERM_COLLECTION_KEYS.every((key) => RULES_TERM_COLLECTIONS[key].file !== file || collections[key].length === 0))
    .map((file) => ({ file, holds: HOLDS[file] ?? file }));
}
