/**
 * Catalog files for the reliability suite, prepared in-process through the database core (the
 * cases then run the real CLI against copies of them).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openConnection } from '../../src-main/db/connection';
import { embeddedMigrations, rollback } from '../../src-main/db/migrations';
import { openCatalog } from '../../src-main/db/startup';
import { import5etools } from '../../src-main/import/5etools';
import { writeSyntheticSpellData } from '../synthetic-5etools';

/** A synthetic 5etools folder with `spells` spells. */
export function spellData(dir: string, spells: number): string {
  mkdirSync(dir, { recursive: true });
  writeSyntheticSpellData(dir, spells);
  return dir;
}

/** A closed catalog at the latest version holding an import of `dataDir`. */
export function populatedCatalog(file: string, dataDir: string): string {
  const { catalog, connection } = openCatalog(file);
  try {
    const result = import5etools(catalog, dataDir);
    if (result.status === 'failed') throw new Error('fixture import failed');
  } finally {
    connection.close();
  }
  return file;
}

/** Rolls a closed catalog back to `version` (its rows in the remaining tables stay). */
export function rolledBackTo(file: string, version: number): string {
  const connection = openConnection(file);
  try {
    const report = rollback(connection.sqlite, embeddedMigrations, version, { backup: false });
    if (!report.ok) throw new Error(`fixture rollback failed: ${report.error?.message}`);
  } finally {
    connection.close();
  }
  return file;
}

/** Copies a closed catalog file (no sidecars) into `dir` under `name`. */
export function copyCatalog(file: string, dir: string, name = 'catalog.sqlite'): string {
  mkdirSync(dir, { recursive: true });
  const out = join(dir, name);
  copyFileSync(file, out);
  return out;
}

/**
 * The plain better-sqlite3 children below write spells, whose search-index triggers call
 * functions Mimir registers on its own connections; these stand-ins let the writes run (the
 * index text of those rows is then empty, which none of these crash cases look at).
 */
const SEARCH_FUNCTION_STAND_INS = `db.function('mimir_search_text', { varargs: true, deterministic: true }, () => '');
    db.function('mimir_fold', { deterministic: true }, (name) => String(name).toLowerCase());
    db.function('mimir_search_deferred', () => 0);`;

/**
 * Leaves `file` with a large committed -wal that was never checkpointed, as a process killed
 * right after a commit does: a plain better-sqlite3 child commits an update of every spell (each
 * growing by 2 kB) with automatic checkpoints off, then SIGKILLs itself.
 */
export function crashAfterCommit(file: string, where: { child(path: string): string; cliOptions: { wrap?: string[] } } = { child: (p) => p, cliOptions: {} }): void {
  const script = `
    const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
    const db = new Database(${JSON.stringify(where.child(file))});
    ${SEARCH_FUNCTION_STAND_INS}
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    // Every spell grows by 2 kB: the -wal holds new pages the main file must grow to take.
    db.exec("UPDATE spells SET page = page + 1, entries = json_insert(entries, '$[#]', hex(zeroblob(1000)))");
    process.kill(process.pid, 'SIGKILL');
  `;
  // On a small disk in a user namespace the child runs inside it (where: a SmallDisk, harness.ts).
  const command = [...(where.cliOptions.wrap ?? []), process.execPath, '-e', script];
  spawnSync(command[0] as string, command.slice(1));
  if (!existsSync(`${file}-wal`)) throw new Error('crashAfterCommit left no -wal');
}

/** Another application's SQLite file: its own tables, no Mimir history. */
export function foreignSqliteFile(file: string): string {
  const db = new Database(file);
  db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('keep me'), ('and me');");
  db.pragma('user_version = 7');
  db.close();
  return file;
}

function runChild(script: string): void {
  spawnSync(process.execPath, ['-e', `const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});\n${script}`]);
}

/**
 * A committed, never-checkpointed -wal of another database (same page size, valid header):
 * returns its path. Laid beside a catalog, SQLite would replay it into the catalog.
 */
export function foreignWal(dir: string): string {
  const file = join(dir, 'other-app.sqlite');
  runChild(`
    const db = new Database(${JSON.stringify(file)});
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB)');
    db.transaction(() => { const s = db.prepare('INSERT INTO blobs (data) VALUES (randomblob(1500))'); for (let i = 0; i < 400; i++) s.run(); })();
    process.kill(process.pid, 'SIGKILL');
  `);
  if (!existsSync(`${file}-wal`)) throw new Error('foreignWal left no -wal');
  return `${file}-wal`;
}

/**
 * A catalog in rollback-journal mode killed in the middle of a write transaction whose pages
 * already spilled into the file: a hot -journal that the next open must roll back.
 */
export function crashMidRollbackWrite(file: string): void {
  runChild(`
    const db = new Database(${JSON.stringify(file)});
    ${SEARCH_FUNCTION_STAND_INS}
    db.pragma('journal_mode = DELETE');
    db.pragma('cache_size = 4');
    db.exec('BEGIN');
    db.exec("UPDATE spells SET page = page + 1, entries = json_insert(entries, '$[#]', hex(zeroblob(1000)))");
    process.kill(process.pid, 'SIGKILL');
  `);
  if (!existsSync(`${file}-journal`)) throw new Error('crashMidRollbackWrite left no -journal');
}
