/**
 * Backups are made with `VACUUM INTO`, which writes a consistent, compacted copy through SQLite
 * itself (a raw file copy would miss pages still in the WAL). Every backup is written under a
 * temporary name (`<final>.partial-<pid>`), checked (quick_check, the same migration history as
 * the catalog), synced, and only then given its final name: an interrupted backup never looks
 * like one, and a leftover partial file (ours, incomplete) is removed by the next backup.
 *
 * Automatic backups are named after the whole catalog file name,
 * `<catalog file name>.<UTC timestamp>.v<version>.bak.sqlite`, so `catalog.sqlite` and
 * `catalog.db` in one folder never list or prune each other's backups.
 */
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { CatalogError, fail } from '../../src-shared/errors';
import { timestamp } from './probe';
import { toCatalogError } from './sqlite-errors';

const PARTIAL = /\.partial-(\d+)(?:-journal)?$/;

function syncFile(path: string, flags: 'r' | 'r+' = 'r'): void {
  try {
    const fd = openSync(path, flags);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directories cannot be fsynced everywhere (Windows); the rename is still atomic.
  }
}

/** Removes `path` and the `-journal` VACUUM INTO may have left beside it: both are ours and incomplete. */
function removePartial(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}-journal`, { force: true });
}

function historyLength(sqlite: Database.Database): number {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  return table ? (sqlite.prepare('SELECT count(*) FROM schema_version').pluck().get() as number) : 0;
}

/** Why the backup at `path` is not a good copy of `source`, or undefined. */
function verifyCopy(path: string, expectedHistory: number, nativeBinding?: string): string | undefined {
  let copy: Database.Database | undefined;
  try {
    copy = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const pages = (copy.pragma('quick_check') as Record<string, string>[]).map((row) => Object.values(row)[0]);
    if (pages.length !== 1 || pages[0] !== 'ok') return `quick_check: ${pages.slice(0, 3).join('; ')}`;
    const history = historyLength(copy);
    if (history !== expectedHistory) return `it holds ${history} applied migrations, the catalog ${expectedHistory}`;
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    copy?.close();
  }
}

export interface BackupOptions {
  /** better-sqlite3 addon for verifying the copy (the app's Electron build). */
  nativeBinding?: string;
}

/**
 * Writes a complete, verified copy of the open database to `outFile`, which must not exist yet.
 * Nothing appears under `outFile` unless the copy is complete and checked.
 */
export function backupTo(sqlite: Database.Database, outFile: string, options: BackupOptions = {}): string {
  const target = resolve(outFile);
  if (existsSync(target)) {
    throw fail('AlreadyExists', `Backup target ${target} already exists; choose a new file name.`, {
      entity: 'backup',
      id: target,
    });
  }
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  removePartial(partial);
  try {
    sqlite.prepare('VACUUM INTO ?').run(partial);
    const problem = verifyCopy(partial, historyLength(sqlite), options.nativeBinding);
    if (problem) {
      throw fail('Corrupt', `The backup written to ${target} did not verify (${problem}); it was discarded.`, {
        file: target,
        reason: problem,
      });
    }
    syncFile(partial, 'r+');
    publish(partial, target);
    syncFile(dirname(target));
  } catch (error) {
    removePartial(partial);
    if (error instanceof CatalogError) throw error;
    const mapped = toCatalogError(error);
    if (mapped.code === 'DiskFull') {
      throw fail('DiskFull', `The disk is full: the backup ${target} could not be written and nothing was left of it. Free some space and try again.`, {});
    }
    throw mapped;
  }
  return target;
}

/** Gives the verified copy its final name without replacing a file that appeared meanwhile. */
function publish(partial: string, target: string): void {
  try {
    linkSync(partial, target);
    rmSync(partial, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw fail('AlreadyExists', `Backup target ${target} already exists; choose a new file name.`, { entity: 'backup', id: target });
    }
    // No hard links on this file system: a rename, after checking the name is still free.
    if (existsSync(target)) {
      throw fail('AlreadyExists', `Backup target ${target} already exists; choose a new file name.`, { entity: 'backup', id: target });
    }
    renameSync(partial, target);
  }
}

export interface BackupPolicy {
  /** Folder for automatic backups. Default: `backups/` beside the database file. */
  dir?: string;
  /** How many automatic backups of this database to keep (oldest are removed). Default 5. */
  keep?: number;
}

export const DEFAULT_BACKUPS_KEPT = 5;

export function backupDirFor(databaseFile: string, policy: BackupPolicy = {}): string {
  return policy.dir ?? join(dirname(resolve(databaseFile)), 'backups');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function backupPattern(databaseFile: string): RegExp {
  return new RegExp(`^${escapeRegExp(basename(databaseFile))}\\.(\\d{8}T\\d{9}Z)(?:-(\\d+))?\\.v(\\d{4})\\.bak\\.sqlite$`);
}

/** The schema version an automatic backup's name records, or undefined for another name. */
export function backupVersionOf(databaseFile: string, backupFile: string): number | undefined {
  const match = backupPattern(databaseFile).exec(basename(backupFile));
  return match ? Number(match[3]) : undefined;
}

/** Automatic backups of `databaseFile` (by name; see restore.ts for verified ones), newest first. */
export function listBackups(databaseFile: string, policy: BackupPolicy = {}): string[] {
  const dir = backupDirFor(databaseFile, policy);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const pattern = backupPattern(databaseFile);
  // By timestamp, then by the counter added to names taken within the same millisecond (a plain
  // string sort would put `-1` before the unnumbered first one, and `-10` before `-2`).
  return names
    .flatMap((name) => {
      const match = pattern.exec(name);
      return match ? [{ name, stamp: match[1] as string, n: Number(match[2] ?? 0) }] : [];
    })
    .sort((a, b) => (a.stamp === b.stamp ? b.n - a.n : a.stamp < b.stamp ? 1 : -1))
    .map(({ name }) => join(dir, name));
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false; // ours, from an earlier attempt in this process
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes partial automatic backups of `databaseFile` left by processes that no longer run. */
export function cleanPartialBackups(databaseFile: string, policy: BackupPolicy = {}): string[] {
  const dir = backupDirFor(databaseFile, policy);
  const prefix = `${basename(databaseFile)}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = PARTIAL.exec(name);
    if (!match || !name.startsWith(prefix) || !name.includes('.bak.sqlite.partial-')) continue;
    if (alive(Number(match[1]))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(join(dir, name));
  }
  return removed;
}

function backupFailed(databaseFile: string, dir: string, reason: string, advice: string): CatalogError {
  return fail(
    'BackupFailed',
    `No backup of ${databaseFile} could be taken in ${dir} (${reason}), so nothing was changed. ${advice}`,
    { file: databaseFile, dir, reason },
  );
}

/** BackupFailed unless `dir` is (or can be made) a writable folder. */
export function checkBackupDir(databaseFile: string, dir: string): void {
  let isDirectory: boolean | undefined;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    isDirectory = undefined;
  }
  if (isDirectory === false) {
    throw backupFailed(databaseFile, dir, 'it exists but is not a folder', `Move ${dir} aside (it is not Mimir's) and try again.`);
  }
  try {
    if (isDirectory === undefined) mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw backupFailed(
      databaseFile,
      dir,
      code === 'EROFS' ? 'it is on read-only media' : `it cannot be written: ${code}`,
      `Make ${dir} a writable folder, or open a copy of the catalog from a writable folder.`,
    );
  }
}

/**
 * Takes the automatic backup made before a migration, named
 * `<catalog file name>.<UTC timestamp>.v<version>.bak.sqlite` (so names sort by time), and keeps
 * only the newest `keep` of them. Every failure is `BackupFailed`.
 */
export function backupBeforeMigration(
  sqlite: Database.Database,
  databaseFile: string,
  fromVersion: number,
  policy: BackupPolicy = {},
  options: BackupOptions = {},
): string {
  const dir = backupDirFor(databaseFile, policy);
  checkBackupDir(databaseFile, dir);
  cleanPartialBackups(databaseFile, policy);
  const stamp = timestamp();
  const version = `v${String(fromVersion).padStart(4, '0')}`;
  const name = basename(databaseFile);
  let out = join(dir, `${name}.${stamp}.${version}.bak.sqlite`);
  for (let n = 1; existsSync(out); n++) out = join(dir, `${name}.${stamp}-${n}.${version}.bak.sqlite`);
  let written: string;
  try {
    written = backupTo(sqlite, out, options);
  } catch (error) {
    const cause = toCatalogError(error);
    const reason =
      cause.code === 'DiskFull' ? 'the disk is full' : cause.code === 'ReadOnly' ? 'the folder is read-only' : cause.message;
    throw backupFailed(databaseFile, dir, reason, cause.code === 'DiskFull' ? 'Free some space and try again.' : 'Check the folder and try again.');
  }
  const keep = Math.max(1, policy.keep ?? DEFAULT_BACKUPS_KEPT);
  for (const old of listBackups(databaseFile, policy).slice(keep)) rmSync(old, { force: true });
  return written;
}
