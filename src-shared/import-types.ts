/** Results and progress of a 5etools import, shared by the importer, the CLI and the IPC API. */
import type { ImportReferences } from './search';

export type { BrokenLink, ImportReferences } from './search';

export const IMPORT_KINDS = ['sources', 'races', 'classes', 'items', 'spells', 'creatures', 'backgrounds', 'feats', 'rulesTerms'] as const;
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
  /** Rows an earlier import wrote that this data no longer contains, deleted (scope: README). */
  removed: number;
  /** Rows that would have been removed, kept because rows outside the removal point at them. */
  keptReferenced: number;
  /** Rows that would have been removed, kept because this import skipped their record. */
  keptSkipped: number;
  /** Rows the user made or edited that this import would have changed: kept as the user left them. */
  conflicts: number;
}

/** One row the sync names in its report. */
export interface SyncRow {
  kind: ImportKind;
  id: string;
  name: string;
  /** Book code of the row. */
  source: string;
}

/** A row the sync would have removed but kept. */
export interface KeptRow extends SyncRow {
  reason: 'referenced' | 'skipped';
  /** For `referenced`: the rows pointing at it (table and id), those the user made first. */
  referencedBy: { table: string; id: string }[];
}

/** A row of the user's that the import would have overwritten; the user's row was kept. */
export interface SyncConflict extends SyncRow {
  /** `user-created`: made through the API with an id the import also has; `user-edited`: imported, then changed through the API. */
  reason: 'user-created' | 'user-edited';
}

/**
 * What the sync did (or, in a dry run, would do), row by row: ids inserted, updated and
 * removed per kind, and the rows it left alone for the user's sake.
 */
export interface SyncReport {
  changes: Record<ImportKind, { inserted: string[]; updated: string[]; removed: string[] }>;
  kept: KeptRow[];
  conflicts: SyncConflict[];
}

/** An optional 5etools file the data folder does not have. */
export interface AbsentFile {
  file: string;
  /** What it would have held: "conditions, diseases and statuses". */
  holds: string;
}

export interface ImportResult {
  /** import_log row written for this run; null for a dry run, which writes nothing. */
  logId: number | null;
  /** True when nothing was written: the counts and `sync` say what an import would do. */
  dryRun: boolean;
  status: 'success' | 'partial' | 'failed';
  skipped: SkippedRecord[];
  recordsProcessed: number;
  recordsImported: number;
  counts: Record<ImportKind, KindCounts>;
  warnings: ImportWarning[];
  /** Files read, relative to the data folder. */
  files: string[];
  /**
   * Optional files the folder does not have (5etools' conditionsdiseases.json, variantrules.json …
   * when no record of theirs was read), with what was therefore not imported. Not a failure.
   */
  absentFiles: AbsentFile[];
  sync: SyncReport;
  /** Cross-references written and the broken links after the import; null for a dry run. */
  references: ImportReferences | null;
}

