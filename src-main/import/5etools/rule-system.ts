/**
 * Which rule system a book or a record belongs to (README.md, "Rule systems"):
 *
 * 1. A record's own `edition` wins: "classic" → dnd5e-2014, "one" → dnd5e-2024.
 * 2. Otherwise the record's book decides. A book is 2024 when it says `edition: "one"`, when it
 *    is one of the X-prefixed 2024 core books (XPHB, XDMG, XMM, XScreen — not every X code:
 *    XGE is Xanathar's Guide, 2017), or when it was published on or after the 2024 Player's
 *    Handbook (2024-09-17). Every other book is 2014.
 */
import type { InsertOf } from '../../../src-shared/catalog/define';
import type { ruleSystemEntity } from '../../../src-shared/catalog/entities';
import { str } from './raw';
import type { Raw } from './types';

export const DND_2014 = 'dnd5e-2014';
export const DND_2024 = 'dnd5e-2024';
export type RuleSystemId = typeof DND_2014 | typeof DND_2024;

/** The two rule systems every import creates (or leaves unchanged). */
export const RULE_SYSTEM_ROWS: InsertOf<typeof ruleSystemEntity>[] = [
  {
    id: DND_2014,
    name: 'D&D 5th Edition (2014)',
    shortName: 'D&D 5e 2014',
    publisher: 'Wizards of the Coast',
    version: '2014',
    isActive: true,
    metadata: { edition: 'classic' },
  },
  {
    id: DND_2024,
    name: 'D&D 5th Edition (2024)',
    shortName: 'D&D 5e 2024',
    publisher: 'Wizards of the Coast',
    version: '2024',
    isActive: true,
    metadata: { edition: 'one' },
  },
];

const CORE_2024_BOOKS = new Set(['XPHB', 'XDMG', 'XMM', 'XSCREEN']);
const FIRST_2024_BOOK = '2024-09-17';

/** `edition` as 5etools writes it, or undefined when absent or unknown. */
export function editionRuleSystem(edition: unknown): RuleSystemId | undefined {
  if (edition === 'classic') return DND_2014;
  if (edition === 'one') return DND_2024;
  return undefined;
}

export function bookRuleSystem(book: Raw): RuleSystemId {
  const byEdition = editionRuleSystem(book['edition']);
  if (byEdition) return byEdition;
  const id = (str(book['id']) ?? '').toUpperCase();
  if (CORE_2024_BOOKS.has(id)) return DND_2024;
  const published = str(book['published']);
  if (published !== undefined && published >= FIRST_2024_BOOK) return DND_2024;
  return DND_2014;
}
