/**
 * 5etools importer entry point: reads a data folder, maps every record to catalog rows (pure
 * functions, one module per kind), checks each row against its table's zod schema, and writes
 * everything in one transaction through the repositories' batchUpsert. Mapping rules: README.md.
 *
 * All or nothing: a failure rolls the transaction back, then an import_log row with status
 * 'failed' is written and ImportFailedError (a CatalogError) is thrown. Records that cannot be
 * mapped are skipped with a reason (never a crash); parts of records that cannot be resolved are
 * reported as warnings. Importing the same data again writes nothing new.
 */
import { CatalogError, type AppError } from '../../../src-shared/errors';
import type { Catalog } from '../../db/catalog';
import type { UpsertResult } from '../../db/repository';
import { toAppError } from '../../db/sqlite-errors';
import { acceptRows, prepareImport, TABLES, type PreparedImport } from './prepare';
import { RULE_SYSTEM_ROWS } from './rule-system';
import {
  IMPORT_KINDS,
  type ImportKind,
  type ImportProgress,
  type ImportResult,
  type ImportWarning,
  type KindCounts,
  type SkippedRecord,
} from './types';

export { IMPORT_KINDS, acceptRows, prepareImport };
export type { PreparedImport };
export type { ImportKind, ImportProgress, ImportResult, ImportWarning, KindCounts, SkippedRecord };

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Aborting it stops the import at the next record or batch: the transaction rolls back and `Cancelled` is thrown. */
  signal?: AbortSignal;
}

/** Rows written per batchUpsert call; progress is reported after each batch. */
export const BATCH_SIZE = 100;

/** The import failed and nothing was written; `logId` is the import_log row recording the failure. */
export class ImportFailedError extends CatalogError {
  constructor(
    error: AppError,
    readonly logId: number | undefined,
  ) {
    super(error);
    this.name = 'ImportFailedError';
  }
}

function emptyCounts(): Record<ImportKind, KindCounts> {
  return Object.fromEntries(
    IMPORT_KINDS.map((kind) => [kind, { imported: 0, skipped: 0, read: 0, generated: 0, inserted: 0, updated: 0, unchanged: 0, warnings: 0 }]),
  ) as Record<ImportKind, KindCounts>;
}

export function import5etools(catalog: Catalog, dataDir: string, options: ImportOptions = {}): ImportResult {
  const startedAt = new Date().toISOString();
  try {
    const prepared = prepareImport(dataDir, options);
    return catalog.transaction(() => write(catalog, dataDir, prepared, startedAt, options));
  } catch (error) {
    // The transaction is rolled back by now; the failure is logged outside it.
    const appError = toAppError(error);
    const message = `5etools import from ${dataDir} failed, nothing was imported: ${appError.message}`;
    let logId: number | undefined;
    try {
      logId = catalog.importLog.create({
        filePath: dataDir,
        fileType: '5etools',
        importStatus: 'failed',
        errorMessage: message,
        startedAt,
        completedAt: new Date().toISOString(),
        metadata: { error: { code: appError.code, message: appError.message } },
      }).id;
    } catch {
      // The database refuses even the log row (read-only, busy, full): the thrown error says why.
    }
    throw new ImportFailedError({ ...appError, message } as AppError, logId);
  }
}

function write(catalog: Catalog, dataDir: string, prepared: PreparedImport, startedAt: string, options: ImportOptions): ImportResult {
  const counts = emptyCounts();
  const total = IMPORT_KINDS.reduce((sum, kind) => sum + prepared.rows[kind].length, 0);
  let done = 0;
  catalog.ruleSystems.batchUpsert(RULE_SYSTEM_ROWS);
  for (const kind of IMPORT_KINDS) {
    const rows = prepared.rows[kind];
    const repository = catalog[TABLES[kind].key] as unknown as { batchUpsert(rows: unknown[]): UpsertResult };
    const count = counts[kind];
    for (let at = 0; at < rows.length; at += BATCH_SIZE) {
      const result = repository.batchUpsert(rows.slice(at, at + BATCH_SIZE));
      count.inserted += result.inserted;
      count.updated += result.updated;
      count.unchanged += result.unchanged;
      done += Math.min(BATCH_SIZE, rows.length - at);
      options.onProgress?.({ stage: 'writing', done, total, kind });
    }
    if (rows.length === 0) options.onProgress?.({ stage: 'writing', done, total, kind });
    count.imported = count.inserted + count.updated + count.unchanged;
    count.read = prepared.read[kind];
    count.generated = prepared.generated[kind];
    count.skipped = prepared.skipped.filter((s) => s.kind === kind).length;
    count.warnings = prepared.warnings.filter((w) => w.kind === kind).length;
  }
  const recordsImported = IMPORT_KINDS.reduce((sum, kind) => sum + counts[kind].imported, 0);
  const recordsProcessed = recordsImported + prepared.skipped.length;
  const status = prepared.skipped.length > 0 || prepared.warnings.length > 0 ? 'partial' : 'success';
  const log = catalog.importLog.create({
    filePath: dataDir,
    fileType: '5etools',
    importStatus: status,
    recordsProcessed,
    recordsImported,
    startedAt,
    completedAt: new Date().toISOString(),
    metadata: {
      files: prepared.files,
      counts: counts as unknown as Record<string, Record<string, number>>,
      skipped: prepared.skipped as unknown as Record<string, string>[],
      warnings: prepared.warnings as unknown as Record<string, string>[],
    },
  });
  return {
    logId: log.id,
    status,
    counts,
    skipped: prepared.skipped,
    warnings: prepared.warnings,
    recordsProcessed,
    recordsImported,
    files: prepared.files,
  };
}
