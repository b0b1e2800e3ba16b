/**
 * The importer's vocabulary. Results, progress, skipped records and warnings are shared with
 * the CLI and the IPC contract (src-shared/import-types).
 */
export { IMPORT_KINDS } from '../../../src-shared/import-types';
export type {
  ImportKind,
  ImportProgress,
  ImportResult,
  ImportWarning,
  KindCounts,
  SkippedRecord,
  KeptRow,
  SyncConflict,
  SyncReport,
  SyncRow,
} from '../../../src-shared/import-types';

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
