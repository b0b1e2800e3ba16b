/**
 * Sources: one row per book (`book[]`, and `adventure[]` when present). The rule system comes
 * from rule-system.ts; `is_srd` is set when the data marks the book's content as SRD: every
 * record of the folder from that book carries `srd` (or `srd52`), and there is at least one.
 */
import type { InsertOf } from '../../../src-shared/catalog/define';
import type { sourceEntity } from '../../../src-shared/catalog/entities';
import type { ImportContext } from './context';
import { isRecord, str } from './raw';
import { bookRuleSystem } from './rule-system';
import type { Raw } from './types';

export type SourceInsert = InsertOf<typeof sourceEntity>;

/** Per book code (lower-cased): how many records it has, and how many of them are marked SRD. */
export type SrdTally = Map<string, { records: number; srd: number }>;

/** Counts records and SRD-marked records per source (a magic variant's source is in `inherits`). */
export function tallySrd(...collections: Raw[][]): SrdTally {
  const tally: SrdTally = new Map();
  for (const records of collections) {
    for (const record of records) {
      const holder = isRecord(record['inherits']) && record['source'] === undefined ? record['inherits'] : record;
      const source = str(holder['source'])?.toLowerCase();
      if (source === undefined) continue;
      const entry = tally.get(source) ?? { records: 0, srd: 0 };
      entry.records += 1;
      if ((holder['srd'] !== undefined && holder['srd'] !== false) || (holder['srd52'] !== undefined && holder['srd52'] !== false)) entry.srd += 1;
      tally.set(source, entry);
    }
  }
  return tally;
}

/** "2014-08-19" → itself; anything that is not a real calendar date → null. */
export function isoDate(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

export function mapSources(books: { record: Raw; kind: 'book' | 'adventure' }[], tally: SrdTally, ctx: ImportContext): SourceInsert[] {
  const rows: SourceInsert[] = [];
  const seen = new Set<string>();
  for (const { record, kind } of books) {
    const id = str(record['id']) ?? str(record['source']);
    const name = str(record['name']);
    if (id === undefined || name === undefined) {
      ctx.skip('sources', record, 'the book has no id or no name');
      continue;
    }
    if (seen.has(id.toLowerCase())) {
      ctx.skip('sources', record, `book ${id} is listed twice; the first listing is imported`);
      continue;
    }
    seen.add(id.toLowerCase());
    const counts = tally.get(id.toLowerCase());
    const group = str(record['group']);
    const metadata: Record<string, string> = { kind };
    for (const key of ['author', 'group', 'published', 'storyline', 'level'] as const) {
      const value = record[key];
      if (typeof value === 'string') metadata[key] = value;
      else if (isRecord(value) || typeof value === 'number') metadata[key] = JSON.stringify(value);
    }
    rows.push({
      id,
      ruleSystemId: bookRuleSystem(record),
      fullName: name,
      abbreviation: str(record['source']) ?? id,
      publishedDate: isoDate(record['published']),
      version: null,
      // Partnered (third-party) and homebrew books are not official content.
      isOfficial: group !== 'partnered' && group !== 'homebrew',
      isSrd: counts !== undefined && counts.records > 0 && counts.srd === counts.records,
      metadata,
    });
  }
  return rows;
}
