/**
 * The importer's vocabulary. Kinds, progress and skipped records are shared with the IPC
 * contract (src-shared/import-types); the importer adds warnings and detailed counts.
 */
import type {
  ImportKind,
  ImportProgress,
  ImportResult as SharedImportResult,
  SkippedRecord,
} from '../../../src-shared/import-types';

export { IMPORT_KINDS } from '../../../src-shared/import-types';
export type { ImportKind, ImportProgress, SkippedRecord };

/**
 * A record that was imported, but part of it could not be resolved inside the data set (a class
 * feature from a book that is not in the folder, a legendary group that copies a missing one).
 * The row is written without that part; the warning says which part and why.
 */
export interface ImportWarning {
  kind: ImportKind;
  name: string;
  source: string;
  message: string;
}

export interface KindCounts {
  /** Rows written: inserted + updated + unchanged. */
  imported: number;
  /** Records (or generated rows) not written, each listed in `skipped` with its reason. */
  skipped: number;
  /** Records of this kind in the files (subraces, subclasses, base items, variants included). */
  read: number;
  /** Rows generated from other records: `_versions`, magic variants expanded onto base items. */
  generated: number;
  inserted: number;
  updated: number;
  unchanged: number;
  warnings: number;
}

export interface ImportResult extends SharedImportResult {
  counts: Record<ImportKind, KindCounts>;
  warnings: ImportWarning[];
  /** Files read, relative to the data folder. */
  files: string[];
}

/** What a source record looks like to the mapping code: parsed JSON, not yet trusted. */
export type Raw = Record<string, unknown>;

/** What a mapping function returns for one kind. */
export interface Mapped<T> {
  rows: T[];
  /** Records of the kind in the input. */
  read: number;
  /** Rows made from other records (`_versions`, magic variants on base items). */
  generated: number;
}
