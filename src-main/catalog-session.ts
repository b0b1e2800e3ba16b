/**
 * The open catalog as the main process serves it: one database host at a time, which a restore
 * replaces. The router sends every reader/writer call here (`execute`), and the backup channels
 * (`backups:list`, `backups:create`, `backups:restore`) are answered here.
 *
 * A restore, in order:
 * 1. refuse (nothing closed, nothing changed) when an import is running, another restore is under
 *    way, the file is not one of this catalog's listed backups, it does not verify, the catalog's
 *    folder cannot be written or another process has the catalog open;
 * 2. hold new calls (they wait and then run on the restored catalog), close the host: calls
 *    already sent are answered first, then the writer checkpoints and closes;
 * 3. put the backup in place (db/restore.ts: the current file and its sidecars are kept aside);
 * 4. start a host on the restored file (which migrates an older backup) and tell listeners with
 *    `catalog:changed` naming every table.
 * If 3 fails, the host is started again on the unchanged file; if 4 fails, the kept-aside file
 * and sidecars are put back and the host is started on them. The caller gets the error either way.
 *
 * No electron import and no database import: the operations on files come in as `BackupOperations`
 * (./catalog-backups.ts binds them to db/restore.ts), the host from `startHost`, so the app, the
 * tests and the harness share this sequence.
 */
import type { EventName } from '../src-shared/channels';
import { ENTITY_KEYS } from '../src-shared/catalog/entity-keys';
import type { BackupEntry, BackupList, RestoreOutcome } from '../src-shared/contract';
import { CatalogError, fail, isAppError, type AppError } from '../src-shared/errors';
import type { DatabaseHost, HostEventListener } from './db-host/host';

/** What a restore did to the files (db/restore.ts `RestoreResult`). */
export interface RestoredFiles {
  /** The catalog file. */
  file: string;
  restoredFrom: string;
  version: number;
  keptAside: { from: string; to: string }[];
}

/** The file operations behind the backup channels, for one catalog file. */
export interface BackupOperations {
  /** Verified and unusable automatic backups, newest first. */
  list(catalogFile: string): BackupList;
  /** The automatic backups' paths by name alone (nothing is read), newest first. */
  listed(catalogFile: string): string[];
  /** The newest automatic backup that verifies (read in order until one does). */
  newest(catalogFile: string): string | undefined;
  /** Takes a verified backup of the open catalog (read through its own read-only connection). */
  create(catalogFile: string): BackupEntry;
  /** Throws every refusal of `restore` (does not verify, unwritable folder, open elsewhere) without changing anything. */
  check(catalogFile: string, backup: string): void;
  /** Puts `backup` in place of `catalogFile` (closed), keeping the current file aside. */
  restore(catalogFile: string, backup: string): RestoredFiles;
  /** Puts kept-aside files back after a restored file could not be opened. */
  undo(restored: RestoredFiles): void;
}

export interface CatalogSessionOptions {
  file: string;
  /** The host that is already running on `file`. */
  host: DatabaseHost;
  /** Starts a host on `file` (after a restore, or again on the old file when one failed). */
  startHost(file: string): Promise<DatabaseHost>;
  backups: BackupOperations;
  /** Diagnostics (the app logs to the console). */
  log?(message: string): void;
}

export interface CatalogSession {
  readonly file: string;
  /** The host in use now (replaced by a restore). */
  readonly host: DatabaseHost;
  readonly sqliteVersion: string;
  /** Runs a reader/writer call on the current host; during a restore it waits for the new one. */
  execute(channel: string, input: unknown): Promise<unknown>;
  /** Events of whichever host is current, and the session's own `catalog:changed` / `db:failed`. */
  onEvent(listener: HostEventListener): () => void;
  cancelImports(): boolean;
  listBackups(): BackupList;
  createBackup(): Promise<BackupEntry>;
  /** `backup`: a file from `listBackups()`; undefined: the newest verified one. */
  restore(backup?: string): Promise<RestoreOutcome>;
  close(): Promise<void>;
}

const IMPORT_CHANNEL = 'import:5etools';

function messageOf(error: unknown): string {
  if (error instanceof CatalogError) return error.message;
  if (isAppError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

function busy(message: string): CatalogError {
  return fail('Busy', message, {});
}

export function createCatalogSession(options: CatalogSessionOptions): CatalogSession {
  const { file, backups } = options;
  let host = options.host;
  /** Set while a restore has the catalog closed: calls wait for it. */
  let switching: Promise<void> | undefined;
  let restoring = false;
  let closed: Promise<void> | undefined;
  let imports = 0;
  /** Set when no host could be started after a restore: calls answer this. */
  let broken: CatalogError | undefined;
  const listeners = new Set<HostEventListener>();
  const emit = (event: EventName, payload: unknown): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event, payload);
      } catch {
        // one failing listener must not stop the others
      }
    }
  };
  let unsubscribe = host.onEvent(emit);
  const adopt = (next: DatabaseHost): void => {
    unsubscribe();
    host = next;
    unsubscribe = next.onEvent(emit);
  };

  /**
   * The listed backup named `requested`, or the newest verified one; refusals change nothing.
   * Only the chosen backup is verified (by `check`), not every one in the folder.
   */
  const choose = (requested: string | undefined): string => {
    if (requested === undefined) {
      const newest = backups.newest(file);
      if (!newest) {
        throw fail('NotFound', `There is no verified backup of ${file} to restore (see backups:list).`, { entity: 'backup', id: 'newest' });
      }
      return newest;
    }
    if (backups.listed(file).includes(requested)) return requested;
    // Only the catalog's own backups can be restored from the UI: a path the page names is never read.
    throw fail('NotFound', `${requested} is not one of the backups of ${file} (they are listed by backups:list). Nothing was changed.`, {
      entity: 'backup',
      id: requested,
    });
  };

  const restartOn = async (why: string): Promise<void> => {
    try {
      adopt(await options.startHost(file));
    } catch (error) {
      broken = fail('Unavailable', 'The catalog could not be opened again; restart Mimir. Your data on disk is safe.', {
        reason: `${why}; starting again failed: ${messageOf(error)}`,
      });
      emit('db:failed', { code: 'Unavailable', message: broken.message });
    }
  };

  return {
    file,
    get host() {
      return host;
    },
    get sqliteVersion() {
      return host.sqliteVersion;
    },
    async execute(channel, input) {
      while (switching) await switching;
      if (broken) throw broken;
      if (channel !== IMPORT_CHANNEL) return host.execute(channel, input);
      imports++;
      try {
        return await host.execute(channel, input);
      } finally {
        imports--;
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    cancelImports: () => host.cancelImports(),
    listBackups: () => backups.list(file),
    async createBackup() {
      while (switching) await switching;
      if (broken) throw broken;
      return backups.create(file);
    },
    async restore(requested) {
      if (closed) throw fail('Unavailable', 'The catalog is closing.', { reason: 'backups:restore after close()' });
      if (restoring) throw busy('A restore is already under way; wait for it to finish.');
      if (imports > 0) throw busy('An import is running; wait for it to finish or cancel it, then restore.');
      const chosen = choose(requested);
      backups.check(file, chosen); // refusals before the catalog is closed: it stays open, untouched
      restoring = true;
      let release!: () => void;
      switching = new Promise<void>((resolve) => (release = resolve));
      const warnings: string[] = [];
      try {
        try {
          await host.close();
        } catch (error) {
          // The workers have exited; what the writer could not merge stays in the -wal, which is
          // kept aside together with the file.
          warnings.push(`Closing the catalog before the restore reported: ${messageOf(error)}`);
        }
        let restored: RestoredFiles;
        try {
          restored = backups.restore(file, chosen);
        } catch (error) {
          await restartOn(`restoring ${chosen} failed: ${messageOf(error)}`);
          throw error;
        }
        let next: DatabaseHost;
        try {
          next = await options.startHost(file);
        } catch (error) {
          options.log?.(`the restored ${chosen} could not be opened (${messageOf(error)}); putting the previous catalog back`);
          try {
            backups.undo(restored);
          } catch (undoError) {
            options.log?.(`putting the previous catalog back failed: ${messageOf(undoError)}`);
          }
          await restartOn(`the restored backup could not be opened: ${messageOf(error)}`);
          const cause: AppError | undefined = error instanceof CatalogError ? error.error : isAppError(error) ? error : undefined;
          throw fail(
            'Corrupt',
            `${chosen} was put in place but could not be opened (${messageOf(error)}), so the previous catalog was put back. Nothing was lost.`,
            { file: chosen, reason: cause ? `${cause.code}: ${cause.message}` : messageOf(error) },
          );
        }
        adopt(next);
        emit('catalog:changed', { tables: [...ENTITY_KEYS], cause: 'backups:restore' });
        return {
          restoredFrom: restored.restoredFrom,
          backupVersion: restored.version,
          schemaVersion: next.startup.toVersion,
          keptAside: restored.keptAside,
          warnings,
        };
      } finally {
        restoring = false;
        switching = undefined;
        release();
      }
    },
    close() {
      closed ??= (async () => {
        while (switching) await switching;
        if (!broken) await host.close();
      })();
      return closed;
    },
  };
}
