/** Results and progress of a 5etools import, shared by the importer, the CLI and the IPC API. */

export const IMPORT_KINDS = ['sources', 'races', 'classes', 'items', 'spells', 'creatures', 'backgrounds', 'feats'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportProgress {
  /** Records handled so far, over all kinds. */
  done: number;
  total: number;
  kind: ImportKind;
}

export interface SkippedRecord {
  kind: ImportKind;
  name: string;
  source: string;
  reason: string;
}

export interface ImportResult {
  /** import_log row written for this run. */
  logId: number;
  status: 'success' | 'partial' | 'failed';
  /** Per kind: rows written (inserted or updated or unchanged) and records skipped. */
  counts: Record<ImportKind, { imported: number; skipped: number }>;
  skipped: SkippedRecord[];
  recordsProcessed: number;
  recordsImported: number;
}
