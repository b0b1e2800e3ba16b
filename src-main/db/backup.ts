/**
 * Backups are made with `VACUUM INTO`, which writes a consistent, compacted copy through SQLite
 * itself. A raw file copy would miss pages still in the WAL.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { fail } from '../../src-shared/errors';
import { toCatalogError } from './sqlite-errors';

/** Writes a complete copy of the open database to `outFile`, which must not exist yet. */
export function backupTo(sqlite: Database.Database, outFile: string): string {
  const target = resolve(outFile);
  if (existsSync(target)) {
    throw fail('AlreadyExists', `Backup target ${target} already exists; choose a new file name.`, {
      entity: 'backup',
      id: target,
    });
  }
  mkdirSync(dirname(target), { recursive: true });
  try {
    sqlite.prepare('VACUUM INTO ?').run(target);
  } catch (error) {
    rmSync(target, { force: true });
    throw toCatalogError(error);
  }
  return target;
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

function stem(databaseFile: string): string {
  const base = basename(databaseFile);
  return base.slice(0, base.length - extname(base).length) || base;
}

/** Automatic backups of `databaseFile`, newest first. */
export function listBackups(databaseFile: string, policy: BackupPolicy = {}): string[] {
  const dir = backupDirFor(databaseFile, policy);
  if (!existsSync(dir)) return [];
  const pattern = new RegExp(`^${escapeRegExp(stem(databaseFile))}\\.(\\d{8}T\\d{9}Z)(?:-(\\d+))?\\.v\\d{4}\\.bak\\.sqlite$`);
  // By timestamp, then by the counter added to names taken within the same millisecond (a plain
  // string sort would put `-1` before the unnumbered first one, and `-10` before `-2`).
  return readdirSync(dir)
    .flatMap((name) => {
      const match = pattern.exec(name);
      return match ? [{ name, stamp: match[1] as string, n: Number(match[2] ?? 0) }] : [];
    })
    .sort((a, b) => (a.stamp === b.stamp ? b.n - a.n : a.stamp < b.stamp ? 1 : -1))
    .map(({ name }) => join(dir, name));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Takes the automatic backup made before a migration, named
 * `<db>.<UTC timestamp>.v<version>.bak.sqlite` (so names sort by time), and keeps only the
 * newest `keep` of them.
 */
export function backupBeforeMigration(
  sqlite: Database.Database,
  databaseFile: string,
  fromVersion: number,
  policy: BackupPolicy = {},
): string {
  const dir = backupDirFor(databaseFile, policy);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '');
  const version = `v${String(fromVersion).padStart(4, '0')}`;
  let out = join(dir, `${stem(databaseFile)}.${stamp}.${version}.bak.sqlite`);
  for (let n = 1; existsSync(out); n++) out = join(dir, `${stem(databaseFile)}.${stamp}-${n}.${version}.bak.sqlite`);
  const written = backupTo(sqlite, out);
  const keep = Math.max(1, policy.keep ?? DEFAULT_BACKUPS_KEPT);
  for (const old of listBackups(databaseFile, policy).slice(keep)) rmSync(old, { force: true });
  return written;
}
