/**
 * Shared test helpers: temporary directories, file fingerprints, a migrated catalog, the seed
 * rows, the database dump, and small assertions about typed errors. Tests use real SQLite files, never mocks.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, expect } from 'vitest';
import { isCatalogError, type AppError, type CatalogError, type ErrorCode, type ErrorOf } from '../src-shared/errors';
import { openCatalog, type Catalog, type Connection, type StartupOptions } from '../src-main/db';

const created: string[] = [];

// Registered on the root suite of every test file importing this module.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under the OS temp folder, removed after the test file. */
export function tempDir(prefix = 'mimir-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** sha256 of a file's bytes (hex). */
export function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Which of `file`'s SQLite sidecar files (`-wal`, `-shm`, `-journal`) exist. */
export function sidecars(file: string): string[] {
  return ['-wal', '-shm', '-journal'].filter((suffix) => existsSync(file + suffix));
}

export interface MigratedCatalog {
  catalog: Catalog;
  connection: Connection;
  file: string;
}

/** A new catalog file migrated to the latest version, opened through the startup routine. */
export function openMigrated(dir: string = tempDir(), options: StartupOptions = {}): MigratedCatalog {
  const file = join(dir, 'catalog.sqlite');
  const { catalog, connection } = openCatalog(file, options);
  return { catalog, connection, file };
}

/** The rule systems and core books most tests start from (create inputs). */
export const SEED_RULE_SYSTEMS = [
  { id: 'dnd5e-2014', name: 'D&D 5th Edition (2014)', shortName: '5e' },
  { id: 'dnd5e-2024', name: 'D&D 5th Edition (2024)', shortName: '5.5e' },
] as const;

export const SEED_SOURCES = [
  { id: 'PHB', ruleSystemId: 'dnd5e-2014', fullName: "Player's Handbook (2014)", publishedDate: '2014-08-19', isSrd: true },
  { id: 'XPHB', ruleSystemId: 'dnd5e-2024', fullName: "Player's Handbook (2024)", publishedDate: '2024-09-17' },
] as const;

/** Rule systems dnd5e-2014 / dnd5e-2024 and their core books PHB / XPHB. */
export function seedRuleSystemAndSource(catalog: Catalog) {
  const ruleSystems = SEED_RULE_SYSTEMS.map((row) => catalog.ruleSystems.create(row));
  const sources = SEED_SOURCES.map((row) => catalog.sources.create(row));
  return { ruleSystems, sources };
}

/**
 * Every row of every table (schema_version, sqlite_sequence and lookup tables included), in a
 * stable order: two dumps are equal exactly when the stored data is.
 */
export function dumpDatabase(sqlite: Database.Database): Record<string, string[]> {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  const dump: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = sqlite.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`).all();
    dump[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return dump;
}

/** Text that only a raw SQLite error would put into a message. */
export const RAW_SQLITE_TEXT = /SQLITE_|constraint failed|no such (table|column)|near ".*": syntax error/i;

export interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** Every object of the schema, in a stable order. */
export function schemaOf(sqlite: Database.Database): SchemaObject[] {
  return sqlite
    .prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name')
    .all() as SchemaObject[];
}

/** Every row of a table, in a stable order, exactly as stored. */
export function rowsOf(sqlite: Database.Database, table: string): unknown[] {
  return sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all();
}

/** Runs `fn`, which must throw a CatalogError with `code`; returns its AppError value. */
export function catchError<C extends ErrorCode>(code: C, fn: () => unknown): ErrorOf<C> {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a CatalogError to be thrown').toBeDefined();
  expect(isCatalogError(thrown), `expected a CatalogError, got ${String(thrown)}`).toBe(true);
  const error = (thrown as CatalogError).error;
  expect(error.code, error.message).toBe(code);
  return error as ErrorOf<C>;
}

/** Narrows an AppError (e.g. from a report) to `code`, failing the test otherwise. */
export function expectCode<C extends ErrorCode>(error: AppError | undefined, code: C): ErrorOf<C> {
  expect(error?.code, error?.message).toBe(code);
  return error as ErrorOf<C>;
}
