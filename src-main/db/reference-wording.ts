/**
 * How a refused delete explains itself to a person: "3 subraces still belong to Elf",
 * "2 spells still belong to source Player's Handbook". The repository counts the referencing
 * rows per foreign key; this module turns each count into words a DM understands, from the
 * relation (which table's which column points at the row) and the row's own name.
 */
import { catalogEntities } from '../../src-shared/catalog/entities';

/** Who points at whom: the referencing table and column, and the table of the row being deleted. */
export interface Relation {
  /** Referencing table, e.g. `races`. */
  entity: string;
  /** Its column, e.g. `parent_race_id`. */
  column: string;
  /** Table of the row being deleted. */
  target: string;
}

interface Wording {
  one: string;
  many: string;
  /** The verb phrase for one and for several rows: "still belongs to" / "still belong to". */
  verb: readonly [string, string];
  /** Names the target in the sentence, e.g. `source Player's Handbook`. */
  target?: (name: string) => string;
}

const BELONG: Wording['verb'] = ['still belongs to', 'still belong to'];

/** Relations with their own words; every other relation is worded from the tables' labels. */
const RELATION_WORDS: Record<string, Omit<Wording, 'verb'> & { verb?: Wording['verb'] }> = {
  'races.parent_race_id': { one: 'subrace', many: 'subraces' },
  'classes.parent_class_id': { one: 'subclass', many: 'subclasses' },
  'items.base_item_id': { one: 'item variant', many: 'item variants', verb: ['is still based on', 'are still based on'] },
};

const labelOfTable = new Map<string, string>(Object.values(catalogEntities).map((d) => [d.name, d.label]));

function plural(noun: string): string {
  if (/(s|x|ch|sh)$/.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

function wordingOf(relation: Relation): Wording {
  const special = RELATION_WORDS[`${relation.entity}.${relation.column}`];
  if (special) return { verb: BELONG, ...special };
  const one = labelOfTable.get(relation.entity) ?? relation.entity;
  const targetLabel = labelOfTable.get(relation.target) ?? relation.target;
  // A row pointing at a source or rule system is "of" it; named with its kind, since "Elf" alone
  // says what a subrace belongs to but "PHB" alone does not say what a spell has to do with it.
  const verb: Wording['verb'] = relation.column === 'rule_system_id' ? ['still uses', 'still use'] : BELONG;
  return { one, many: plural(one), verb, target: (name) => `${targetLabel} ${name}` };
}

/** "3 subraces" (the noun counted as `count` needs). */
export function countedNoun(relation: Relation, count: number): string {
  const wording = wordingOf(relation);
  return `${count} ${count === 1 ? wording.one : wording.many}`;
}

/** "3 subraces still belong to Elf". */
export function referenceSentence(relation: Relation, count: number, targetName: string): string {
  const wording = wordingOf(relation);
  const verb = count === 1 ? wording.verb[0] : wording.verb[1];
  return `${countedNoun(relation, count)} ${verb} ${wording.target ? wording.target(targetName) : targetName}`;
}

/**
 * The whole refusal: "Cannot delete the race Elf: 3 subraces still belong to Elf. Delete them or
 * move them elsewhere first." Several relations are listed one after another.
 */
export function refusalMessage(targetLabel: string, targetName: string, parts: readonly string[]): string {
  return `Cannot delete the ${targetLabel} ${targetName}: ${parts.join('; ')}. Delete those first, or change them to point elsewhere.`;
}
