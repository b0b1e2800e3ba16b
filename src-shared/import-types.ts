/** Results and progress of a 5etools import, shared by the importer, the CLI and the IPC API. */

export const IMPORT_KINDS = ['sources', 'races', 'classes', 'items', 'spells', 'creatures', 'backgrounds', 'feats'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Stages of an import, in order: files read, records resolved (`_copy`, `_versions` …), mapped to rows, written. */
export const IMPORT_STAGES = ['reading', 'resolving', 'mapping', 'writing'] as const;
export type ImportStage = (typeof IMPORT_STAGES)[number];

export interface ImportProgress {
  stage: ImportStage;
  /** Units of this stage handled so far (files while reading, records or rows after). */
  done: number;
  total: number;
  /** The kind being handled, where the stage works kind by kind. */
  kind?: ImportKind;
}

export interface SkippedRecord {
  kind: ImportKind;
  name: string;
  source: string;
  reason: string;
  /** The file the record was read from, relative to the data folder, when known. */
  file?: string;
}

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
  /** The file the record was read from, relative to the data folder, when known. */
  file?: string;
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

export interface ImportResult {
  /** import_log row written for this run. */
  logId: number;
  status: 'success' | 'partial' | 'failed';
  skipped: SkippedRecord[];
  recordsProcessed: number;
  recordsImported: number;
  counts: Record<ImportKind, KindCounts>;
  warnings: ImportWarning[];
  /** Files read, relative to the data folder. */
  files: string[];
}

