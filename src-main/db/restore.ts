/**
 * Restoring a backup, as a feature rather than a file copy: the backup is verified, the current
 * file and its sidecars are kept aside under a `.replaced-<stamp>` name (a file and its -wal keep
 * their pairing, so the old state can still be opened), and the backup is put in place with one
 * atomic rename. Copying a backup over the catalog by hand would leave the old -wal beside it,
 * and SQLite would replay that -wal into the backup.
 *
 * Order of the steps, so a crash at any point leaves something the next open handles:
 * 1. copy the backup to a temporary name beside the catalog, sync it and verify the copy;
 * 2. hard-link the current file to its aside name and move its -journal aside (a hot journal
 *    must never be rolled back into the backup);
 * 3. rename the copy over the catalog (atomic);
 * 4. move the old -wal and -shm aside. Until then they lie beside a rollback-journal-mode file,
 *    which the probe (./probe.ts) recognises as foreign and moves aside itself.
 */
import { closeSync, copyFileSync, constants, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { getTableName } from 'drizzle-orm';
import { catalogEntities, ENTITY_KEYS, type EntityKey } from '../../src-shared/catalog/entities';
import type { BackupEntry, BackupList } from '../../src-shared/contract';
import type { CatalogError } from '../../src-shared/errors';
import { fail } from '../../src-shared/errors';
import { toCatalogError } from './sqlite-errors';
import { backupDirFor, listBackups, type BackupPolicy } from './backup';
import { checkHistory, embeddedMigrations, readHistory, type Migration } from './migrations';
import { asideName, checkWritable, damageOf, lockHolders, openInMemory, probeFile, SIDECAR_SUFFIXES, timestamp } from './probe';

export interface BackupInfo {
  file: string;
  /** Schema version recorded in the backup itself. */
  version: number;
  bytes: number;
  /** Undefined when the backup can be restored by this build. */
  problem?: string;
  /** Rows per catalog table the backup has (with `counts: true`, for a backup without a problem). */
  counts?: Partial<Record<EntityKey, number>>;
}

/** Rows per catalog table present in `image` (an older backup lacks the newer tables). */
function countRows(image: Database.Database): Partial<Record<EntityKey, number>> {
  const present = new Set(image.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const counts: Partial<Record<EntityKey, number>> = {};
  for (const key of ENTITY_KEYS) {
    const table = getTableName(catalogEntities[key].table);
    if (present.has(table)) counts[key] = image.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
  }
  return counts;
}

/** Opens the backup's bytes in memory (nothing beside it is touched) and checks it. */
export function verifyBackup(
  file: string,
  options: { migrations?: readonly Migration[]; nativeBinding?: string; counts?: boolean } = {},
): BackupInfo {
  const probe = probeFile(file);
  if (probe.state !== 'sqlite') {
    return { file, version: 0, bytes: probe.size, problem: probe.state === 'missing' ? 'it does not exist' : 'it is not a SQLite database' };
  }
  if (probe.sidecars.some((s) => s.kind !== 'shm' && s.size > 0)) {
    return { file, version: 0, bytes: probe.size, problem: 'it has a -wal or -journal beside it, so it is not a finished backup' };
  }
  let image: Database.Database | undefined;
  try {
    image = openInMemory(file, options.nativeBinding);
    const damage = damageOf(image);
    if (damage) return { file, version: 0, bytes: probe.size, problem: `it is damaged (${damage})` };
    const history = readHistory(image);
    const version = history.at(-1)?.version ?? 0;
    if (history.length === 0) return { file, version, bytes: probe.size, problem: 'it holds no Mimir migration history' };
    const problem = checkHistory(history, options.migrations ?? embeddedMigrations);
    if (problem) return { file, version, bytes: probe.size, problem: problem.message };
    return { file, version, bytes: probe.size, ...(options.counts ? { counts: countRows(image) } : {}) };
  } catch (error) {
    return { file, version: 0, bytes: probe.size, problem: (error as Error).message };
  } finally {
    image?.close();
  }
}

/** Every automatic backup of `databaseFile`, newest first, each verified. */
export function listVerifiedBackups(
  databaseFile: string,
  policy: BackupPolicy = {},
  options: { nativeBinding?: string } = {},
): BackupInfo[] {
  return listBackups(databaseFile, policy).map((file) => verifyBackup(file, options));
}

/** `20250102T030405678Z` (the stamp in a backup's name) as ISO 8601; undefined for another name. */
function stampTime(name: string): string | undefined {
  const match = /\.(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z(?:-\d+)?\.v\d{4}\.bak\.sqlite$/.exec(name);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, ms] = match;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`;
}

/**
 * The automatic backups of `databaseFile` for a person choosing one: the verified ones with
 * their time, version, size and row counts (read from an in-memory image, nothing beside the
 * backup is touched), and the ones that cannot be restored, with why.
 */
export function describeBackups(databaseFile: string, policy: BackupPolicy = {}, options: { nativeBinding?: string } = {}): BackupList {
  const list: BackupList = { folder: backupDirFor(databaseFile, policy), backups: [], unusable: [] };
  for (const file of listBackups(databaseFile, policy)) {
    const info = verifyBackup(file, { ...options, counts: true });
    const name = basename(file);
    if (info.problem) list.unusable.push({ file, name, problem: info.problem });
    else list.backups.push(backupEntry(info));
  }
  return list;
}

/** A verified backup as `backups:list` shows it. */
export function backupEntry(info: BackupInfo): BackupEntry {
  const name = basename(info.file);
  return {
    file: info.file,
    name,
    createdAt: stampTime(name) ?? new Date(statSync(info.file).mtimeMs).toISOString(),
    schemaVersion: info.version,
    bytes: info.bytes,
    counts: info.counts ?? {},
  };
}

/** The newest automatic backup that verifies, or undefined. */
export function newestVerifiedBackup(
  databaseFile: string,
  policy: BackupPolicy = {},
  options: { nativeBinding?: string } = {},
): BackupInfo | undefined {
  for (const file of listBackups(databaseFile, policy)) {
    const info = verifyBackup(file, options);
    if (!info.problem) return info;
  }
  return undefined;
}

export interface RestoreResult {
  file: string;
  /** The backup that is now the catalog. */
  restoredFrom: string;
  version: number;
  /** Where the replaced file and its sidecars were kept (nothing is deleted). */
  keptAside: { from: string; to: string }[];
}

function syncPath(path: string): void {
  try {
    const fd = openSync(path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // directories cannot be synced on every platform
  }
}

function restoreRefused(file: string, backup: string, reason: string, missing: boolean): CatalogError {
  const message = `${backup} cannot be restored (${reason}). ${file} was not changed. List the backups that can be restored with: npm run db -- backups --db ${file}`;
  return missing
    ? fail('NotFound', message, { entity: 'backup', id: backup })
    : fail('Corrupt', message, { file: backup, reason });
}

/**
 * Every refusal of `restoreBackup`, without changing anything: `backup` is not the catalog itself
 * and verifies, the catalog's folder can be written, and no other process has the catalog open
 * (a restore then would leave it writing to the file kept aside). Connections of this process
 * are the caller's business (close them first). Returns the verified backup.
 */
export function checkRestorable(file: string, backup: string, options: { nativeBinding?: string } = {}): BackupInfo {
  const target = resolve(file);
  const source = resolve(backup);
  if (source === target) {
    throw fail('ValidationFailed', `${source} is the catalog itself; name a backup to restore.`, {
      issues: [{ path: ['backup'], message: 'must not be the catalog file' }],
    });
  }
  const info = verifyBackup(source, options);
  if (info.problem) throw restoreRefused(target, source, info.problem, !existsSync(source));
  checkWritable(target, existsSync(target));
  const holders = lockHolders(target);
  if (holders.length > 0) {
    throw fail(
      'Busy',
      `${target} is open in another process (pid ${holders.join(', ')}), so it was not replaced. Quit Mimir (or the other program using it) and try again; nothing was changed.`,
      {},
    );
  }
  return info;
}

/**
 * Replaces `file` with a verified copy of `backup`, keeping the current file and its sidecars
 * aside. The caller must have closed every connection to `file` (quit the app first). The file
 * is not opened here: the next open migrates it if the backup is older.
 */
export function restoreBackup(file: string, backup: string, options: { nativeBinding?: string } = {}): RestoreResult {
  const target = resolve(file);
  const source = resolve(backup);
  const info = checkRestorable(target, source, options);

  const stamp = timestamp();
  const temp = join(dirname(target), `.${basename(target)}.restoring-${process.pid}`);
  rmSync(temp, { force: true });
  rmSync(`${temp}-journal`, { force: true });
  const keptAside: { from: string; to: string }[] = [];
  try {
    copyFileSync(source, temp, constants.COPYFILE_EXCL);
    syncPath(temp);
    const copied = verifyBackup(temp, options);
    if (copied.problem) throw restoreRefused(target, source, `the copy beside the catalog did not verify: ${copied.problem}`, false);
  } catch (error) {
    rmSync(temp, { force: true }); // ours, incomplete
    throw toCatalogError(error);
  }

  const aside = asideName(target, 'replaced', stamp);
  if (existsSync(target)) {
    try {
      linkSync(target, aside);
    } catch {
      copyFileSync(target, aside, constants.COPYFILE_EXCL); // no hard links on this file system
    }
    keptAside.push({ from: target, to: aside });
  }
  const journal = target + SIDECAR_SUFFIXES.journal;
  if (existsSync(journal)) {
    renameSync(journal, aside + SIDECAR_SUFFIXES.journal);
    keptAside.push({ from: journal, to: aside + SIDECAR_SUFFIXES.journal });
  }
  renameSync(temp, target);
  syncPath(dirname(target));
  for (const kind of ['wal', 'shm'] as const) {
    const sidecar = target + SIDECAR_SUFFIXES[kind];
    if (!existsSync(sidecar)) continue;
    renameSync(sidecar, aside + SIDECAR_SUFFIXES[kind]);
    keptAside.push({ from: sidecar, to: aside + SIDECAR_SUFFIXES[kind] });
  }
  return { file: target, restoredFrom: source, version: info.version, keptAside };
}

/**
 * Undoes `restoreBackup` when the restored file could not be opened: the sidecars the attempt
 * left beside the restored copy are moved aside (`.failed-restore-<time>`; the copy's data is in
 * the backup anyway), then the kept-aside file and its sidecars return to their places.
 */
export function undoRestore(result: RestoreResult): void {
  const target = result.file;
  const failed = asideName(target, 'failed-restore', timestamp());
  for (const kind of ['wal', 'shm', 'journal'] as const) {
    const sidecar = target + SIDECAR_SUFFIXES[kind];
    if (existsSync(sidecar)) renameSync(sidecar, failed + SIDECAR_SUFFIXES[kind]);
  }
  // The file first: until its -wal is back, the probe would treat a -wal beside it as foreign.
  const ordered = [...result.keptAside].sort((a, b) => (a.from === target ? -1 : b.from === target ? 1 : 0));
  for (const { from, to } of ordered) renameSync(to, from);
  syncPath(dirname(target));
}
