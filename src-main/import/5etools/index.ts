/**
 * 5etools importer entry point: `import5etools` = `prepareImport` (prepare.ts: read, resolve,
 * map, check) + `writeImport` (write.ts: the sync, in one transaction, with its import_log
 * row). Mapping rules and sync rules: README.md.
 *
 * All or nothing: a failure rolls the transaction back, then an import_log row with status
 * 'failed' (or 'cancelled', when options.signal was aborted) and the reason is written, and
 * ImportFailedError (a CatalogError) is thrown. Records that cannot be mapped are skipped with a
 * reason (never a crash); parts of records that cannot be resolved are reported as warnings.
 * Importing the same data again writes nothing new. A dry run writes nothing at all.
 */
import { CatalogError, type AppError } from '../../../src-shared/errors';
import type { Catalog } from '../../db/catalog';
import { toAppError } from '../../db/sqlite-errors';
import { acceptRows, prepareImport, TABLES, type PreparedImport } from './prepare';
import {
  IMPORT_KINDS,
  type ImportKind,
  type ImportProgress,
  type ImportResult,
  type ImportWarning,
  type KindCounts,
  type SkippedRecord,
} from './types';
import { BATCH_SIZE, writeImport } from './write';

export { IMPORT_KINDS, acceptRows, prepareImport, BATCH_SIZE, TABLES, writeImport };
export type { PreparedImport };
export type { ImportKind, ImportProgress, ImportResult, ImportWarning, KindCounts, SkippedRecord };

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Aborting it stops the import at the next record or batch: the transaction rolls back and `Cancelled` is thrown. */
  signal?: AbortSignal;
  /** Report what the import would insert, update, remove and keep, and write nothing (no import_log row). */
  dryRun?: boolean;
}

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

export function import5etools(catalog: Catalog, dataDir: string, options: ImportOptions = {}): ImportResult {
  const startedAt = new Date().toISOString();
  try {
    const prepared = prepareImport(dataDir, options);
    return writeImport(catalog, dataDir, prepared, { ...options, startedAt });
  } catch (error) {
    // The transaction is rolled back by now; the failure is logged outside it.
    const appError = toAppError(error);
    const cancelled = appError.code === 'Cancelled';
    const reason = appError.code === 'Internal' && appError.details.reason ? ` (${appError.details.reason})` : '';
    const what = options.dryRun ? 'dry run of the 5etools import' : '5etools import';
    const message = cancelled
      ? `The ${what} from ${dataDir} was cancelled; nothing was imported.`
      : `The ${what} from ${dataDir} failed, nothing was imported: ${appError.message}${reason}`;
    let logId: number | undefined;
    if (!options.dryRun) {
      try {
        logId = catalog.importLog.create({
          filePath: dataDir,
          fileType: '5etools',
          importStatus: cancelled ? 'cancelled' : 'failed',
          errorMessage: message,
          startedAt,
          completedAt: new Date().toISOString(),
          metadata: { error: appError as unknown as Record<string, never> },
        }).id;
      } catch {
        // The database refuses even the log row (read-only, busy, full): the thrown error says why.
      }
    }
    throw new ImportFailedError({ ...appError, message } as AppError, logId);
  }
}
