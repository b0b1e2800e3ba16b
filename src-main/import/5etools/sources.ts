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

/** The tally of a book under its id and, when records name it differently, its source (PS-Z, PSZ). */
function sumTally(tally: SrdTally, id: string, source: string | undefined): { records: number; srd: number } | undefined {
  const byId = tally.get(id.toLowerCase());
  const bySource = source && source.toLowerCase() !== id.toLowerCase() ? tally.get(source.toLowerCase()) : undefined;
  if (!byId && !bySource) return undefined;
  return { records: (byId?.records ?? 0) + (bySource?.records ?? 0), srd: (byId?.srd ?? 0) + (bySource?.srd ?? 0) };
}

/** "2014-08-19" → itself; anything that is not a real calendar date → null. */
export function isoDate(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

export type BookEntry = { record: Raw; kind: 'book' | 'adventure' | 'inferred' };

/**
 * Books for the source codes that records name but the book metadata lacks, so their content is
 * kept (README.md, "Rule systems and sources"):
 *
 * - the parent of adventure or book parts (`parentSource: "TftYP"` of the seven TftYP-* parts):
 *   its name is what the parts' names share before ":" ("Tales from the Yawning Portal"), its
 *   group, author and earliest publication date are the parts';
 * - any other code (MFF, MCV1SC, EEPC …): named by its code; 2024 when every record of it says
 *   `edition: "one"`.
 *
 * Each carries `inferred` (what it was made from), which mapSources keeps in `metadata`.
 */
export function inferBooks(books: BookEntry[], used: Map<string, { code: string; records: number; editions: Set<string> }>): BookEntry[] {
  const known = new Set<string>();
  for (const { record } of books) {
    for (const key of ['id', 'source'] as const) {
      const code = str(record[key]);
      if (code) known.add(code.toLowerCase());
    }
  }
  const parts = new Map<string, Raw[]>();
  for (const { record } of books) {
    const parent = str(record['parentSource']);
    if (parent && !known.has(parent.toLowerCase())) parts.set(parent, [...(parts.get(parent) ?? []), record]);
  }
  const out: BookEntry[] = [];
  for (const [code, use] of used) {
    if (known.has(code)) continue;
    known.add(code);
    const children = [...parts.entries()].find(([parent]) => parent.toLowerCase() === code)?.[1];
    if (children) {
      const names = children.map((c) => str(c['name'])?.split(':')[0]?.trim() ?? '').filter(Boolean);
      const shared = names.length > 0 && names.every((n) => n === names[0]) ? (names[0] as string) : use.code;
      const dates = children.map((c) => isoDate(c['published'])).filter((d): d is string => d !== null).sort();
      out.push({
        kind: 'inferred',
        record: {
          id: use.code,
          source: use.code,
          name: shared,
          ...(dates[0] ? { published: dates[0] } : {}),
          ...(str(children[0]?.['group']) ? { group: children[0]?.['group'] } : {}),
          ...(str(children[0]?.['author']) ? { author: children[0]?.['author'] } : {}),
          inferred: `from its parts in the book metadata: ${children.map((c) => str(c['id'])).join(', ')}`,
        },
      });
    } else {
      out.push({
        kind: 'inferred',
        record: {
          id: use.code,
          source: use.code,
          name: use.code,
          ...(use.editions.size === 1 && use.editions.has('one') ? { edition: 'one' } : {}),
          inferred: `from its ${use.records} record${use.records === 1 ? '' : 's'}: the book metadata has no entry for ${use.code}`,
        },
      });
    }
  }
  return out;
}

export function mapSources(books: BookEntry[], tally: SrdTally, ctx: ImportContext): SourceInsert[] {
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
    const counts = sumTally(tally, id, str(record['source']));
    const group = str(record['group']);
    const metadata: Record<string, string | boolean> = { kind };
    if (typeof record['inferred'] === 'string') {
      metadata['kind'] = 'book';
      metadata['inferred'] = true;
      metadata['inferredFrom'] = record['inferred'];
    }
    for (const key of ['author', 'group', 'published', 'storyline', 'level', 'parentSource'] as const) {
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
