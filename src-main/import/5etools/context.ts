/**
 * What every mapping function shares: the books of the data set (to give each record its
 * source id and rule system), the lists of skipped records and warnings it adds to, and the
 * per-record guard (`each`) that turns any exception for one record into a skip naming it.
 * Mapping functions are pure otherwise: resolved 5etools JSON in, insert rows out.
 */
import { fail, isCatalogError } from '../../../src-shared/errors';
import { childId, IdError, recordId } from './ids';
import { bookRuleSystem, editionRuleSystem, type RuleSystemId } from './rule-system';
import { isRecord, refKey, str } from './raw';
import type { ImportKind, ImportWarning, Raw, SkippedRecord } from './types';

export interface BookInfo {
  /** The book code as the book metadata spells it: `PHB`, `PS-Z`. */
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface ContextOptions {
  signal?: AbortSignal;
  /** The file a record came from, for the messages. */
  fileOf?: (record: Raw) => string | undefined;
}

export class ImportContext {
  readonly skipped: SkippedRecord[] = [];
  readonly warnings: ImportWarning[] = [];
  private readonly books = new Map<string, BookInfo>();
  private readonly options: ContextOptions;

  constructor(books: Raw[] = [], options: ContextOptions = {}) {
    this.options = options;
    // A book is found by its `id` and by the `source` its records name (PS-Z / PSZ); an id
    // wins over another book's source (the adventure MOT-NSS names MOT, the book's id).
    for (const book of books) {
      const id = str(book['id']) ?? str(book['source']);
      if (id && !this.books.has(id.toLowerCase())) this.books.set(id.toLowerCase(), { id, ruleSystemId: bookRuleSystem(book) });
    }
    for (const book of books) {
      const id = str(book['id']) ?? str(book['source']);
      const source = str(book['source']);
      if (id && source && !this.books.has(source.toLowerCase())) this.books.set(source.toLowerCase(), this.books.get(id.toLowerCase()) as BookInfo);
    }
  }

  book(source: string): BookInfo | undefined {
    return this.books.get(source.toLowerCase());
  }

  private fileOf(record: Raw): { file?: string } {
    const file = this.options.fileOf?.(record);
    return file === undefined ? {} : { file };
  }

  /** `record` is the 5etools record (or just its `{name, source}`). */
  skip(kind: ImportKind, record: Raw, reason: string): void {
    this.skipped.push({ kind, ...labelOf(record), reason, ...this.fileOf(record) });
  }

  warn(kind: ImportKind, record: Raw, message: string): void {
    this.warnings.push({ kind, ...labelOf(record), message, ...this.fileOf(record) });
  }

  /** Throws `Cancelled` when the import's signal has been aborted. */
  checkCancelled(): void {
    if (this.options.signal?.aborted) throw fail('Cancelled', 'The import was cancelled; nothing was written.', { operation: 'import' });
  }

  /**
   * The per-record guard: runs `step` for one record. Any exception (a defect, a shape nobody
   * foresaw) becomes a skip naming the record, its file and what went wrong; only cancellation
   * and errors about the whole run pass through.
   */
  guard<T>(kind: ImportKind, record: Raw, step: () => T): T | undefined {
    this.checkCancelled();
    try {
      return step();
    } catch (error) {
      if (isCatalogError(error) && error.code === 'Cancelled') throw error;
      this.skip(kind, record, `it could not be mapped: ${messageOf(error)}`);
      return undefined;
    }
  }

  /** `step` for every record, each under the guard. */
  each(kind: ImportKind, records: readonly Raw[], step: (record: Raw) => void): void {
    for (const record of records) this.guard(kind, record, () => step(record));
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
   * The book and rule system of a record, or undefined (and the record skipped) when it names
   * no book. `source` defaults to the record's own `source`. Every source a record names has a
   * book by now: the pipeline infers one for codes the book metadata lacks (sources.ts).
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

  /**
   * The 5etools `reprintedAs` of a record as written (strings; an object keeps its `uid`), and
   * `supersededBy`: the id the first reprint of the same kind gets under this importer's id rule
   * (README.md, "Editions"), its source resolved to the book id. A reprint into another kind (a
   * subrace reprinted as a feat: `{uid, tag: "feat"}`) has no such id.
   */
  editions(kind: ImportKind, record: Raw): { reprintedAs: string[] | null; supersededBy: string | null } {
    const refs: { uid: string; tag?: string }[] = [];
    for (const ref of Array.isArray(record['reprintedAs']) ? (record['reprintedAs'] as unknown[]) : []) {
      if (typeof ref === 'string' && ref.trim() !== '') refs.push({ uid: ref });
      else if (isRecord(ref) && str(ref['uid'])) refs.push({ uid: str(ref['uid']) as string, ...(str(ref['tag']) ? { tag: str(ref['tag']) } : {}) });
    }
    if (refs.length === 0) return { reprintedAs: null, supersededBy: null };
    const first = refs.find((ref) => ref.tag === undefined || SAME_KIND_TAGS[kind].includes(ref.tag));
    let supersededBy: string | null = null;
    if (first) {
      const parts = first.uid.split('|').map((p) => p.trim());
      const bookId = (code: string | undefined) => (code ? (this.book(code)?.id ?? code) : undefined);
      try {
        if (kind === 'classes' && parts.length >= 4) {
          // "Battle Master|Fighter|XPHB|XPHB": subclass short name, class, class source, source.
          const [short = '', className = '', classSource, source] = parts;
          supersededBy = childId({ name: className, source: bookId(classSource) ?? 'PHB' }, short, bookId(source) ?? 'PHB');
        } else if (parts.length >= 2 && parts[0]) supersededBy = recordId(parts[0], bookId(parts[parts.length - 1]) ?? '');
      } catch {
        supersededBy = null;
      }
    }
    return { reprintedAs: refs.map((ref) => ref.uid), supersededBy };
  }
}

/** The `tag`s of a reprint object that point into the same table. */
const SAME_KIND_TAGS: Record<ImportKind, string[]> = {
  sources: [],
  races: ['race', 'subrace'],
  classes: ['class', 'subclass'],
  items: ['item', 'baseitem', 'itemGroup', 'magicvariant'],
  spells: ['spell'],
  creatures: ['creature', 'monster'],
  backgrounds: ['background'],
  feats: ['feat'],
  rulesTerms: ['condition', 'disease', 'status', 'variantrule', 'action', 'sense', 'skill'],
};

/** `name|source` of a record, lower-cased: the key duplicates and references are compared by. */
export function recordKey(record: Raw): string {
  return refKey(str(record['name']), str(record['source']));
}
