/**
 * What every mapping function shares: the books of the data set (to give each record its
 * source id and rule system) and the lists of skipped records and warnings it adds to.
 * Mapping functions are pure otherwise: 5etools JSON in, insert rows out.
 */
import { IdError } from './ids';
import { bookRuleSystem, editionRuleSystem, type RuleSystemId } from './rule-system';
import { str } from './raw';
import type { ImportKind, ImportWarning, Raw, SkippedRecord } from './types';

export interface BookInfo {
  /** The book code as the book metadata spells it: `PHB`. */
  id: string;
  ruleSystemId: RuleSystemId;
}

/** Name and source of a record, for skip and warning messages. */
export function labelOf(record: Raw): { name: string; source: string } {
  const name = str(record['name']) ?? str(record['raceName']) ?? str(record['className']) ?? '(unnamed)';
  const inherits = record['inherits'];
  const source =
    str(record['source']) ??
    (typeof inherits === 'object' && inherits !== null ? str((inherits as Raw)['source']) : undefined) ??
    '(no source)';
  return { name, source };
}

export class ImportContext {
  readonly skipped: SkippedRecord[] = [];
  readonly warnings: ImportWarning[] = [];
  private readonly books = new Map<string, BookInfo>();

  constructor(books: Raw[] = []) {
    for (const book of books) {
      const id = str(book['id']) ?? str(book['source']);
      if (id && !this.books.has(id.toLowerCase())) this.books.set(id.toLowerCase(), { id, ruleSystemId: bookRuleSystem(book) });
    }
  }

  book(source: string): BookInfo | undefined {
    return this.books.get(source.toLowerCase());
  }

  /** `record` is the 5etools record (or just its `{name, source}`). */
  skip(kind: ImportKind, record: Raw, reason: string): void {
    this.skipped.push({ kind, ...labelOf(record), reason });
  }

  warn(kind: ImportKind, record: Raw, message: string): void {
    this.warnings.push({ kind, ...labelOf(record), message });
  }

  /** The id `build` makes, or undefined (and the record skipped) when the names give no valid id. */
  id(kind: ImportKind, record: Raw, build: () => string): string | undefined {
    try {
      return build();
    } catch (error) {
      if (!(error instanceof IdError)) throw error;
      this.skip(kind, record, error.message);
      return undefined;
    }
  }

  /**
   * The book and rule system of a record, or undefined (and the record skipped) when its book
   * is not in the data. `source` defaults to the record's own `source`.
   */
  placement(kind: ImportKind, record: Raw, source = str(record['source'])): { sourceId: string; ruleSystemId: RuleSystemId } | undefined {
    if (source === undefined) {
      this.skip(kind, record, 'the record names no source book');
      return undefined;
    }
    const book = this.book(source);
    if (!book) {
      this.skip(kind, record, `its source book ${source} is not in the data (no book metadata for it)`);
      return undefined;
    }
    return { sourceId: book.id, ruleSystemId: editionRuleSystem(record['edition']) ?? book.ruleSystemId };
  }
}
