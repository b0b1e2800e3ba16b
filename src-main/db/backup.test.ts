import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { catchError, fileHash, rowsOf, tempDir } from '../../test/helpers';
import { backupBeforeMigration, backupDirFor, backupTo, DEFAULT_BACKUPS_KEPT, listBackups } from './backup';
import { openConnection } from './connection';
import { embeddedMigrations, latestVersion, migrate, readHistory } from './migrations';
import { openCatalog } from './startup';

/** A closed catalog file at `version` holding one rule system and one source. */
function catalogAt(version: number, dir = tempDir()): string {
  const file = join(dir, 'catalog.sqlite');
  const connection = openConnection(file);
  expect(migrate(connection.sqlite, embeddedMigrations, { to: version, backup: false }).ok).toBe(true);
  connection.sqlite.exec(`INSERT INTO rule_systems (id, name) VALUES ('dnd5e-2014', 'D&D 5e (2014)');
                          INSERT INTO sources (id, rule_system_id, full_name) VALUES ('PHB', 'dnd5e-2014', 'PHB');`);
  connection.close();
  return file;
}

describe('automatic backup before migrating', () => {
  it('a non-empty database migrated by openCatalog is first copied to backups/ beside it', () => {
    const file = catalogAt(2);
    const before = fileHash(file);

    const { connection, migration } = openCatalog(file);
    connection.close();

    expect(migration).toMatchObject({ ok: true, fromVersion: 2, toVersion: latestVersion });
    const backupFile = migration.backupFile as string;
    expect(backupFile).toBeDefined();
    expect(dirname(backupFile)).toBe(join(dirname(file), 'backups'));
    expect(basename(backupFile)).toMatch(/^catalog\.sqlite\.\d{8}T\d{9}Z\.v0002\.bak\.sqlite$/);
    expect(listBackups(file)).toEqual([backupFile]);

    // The backup is a complete, openable catalog at the old version with the old rows.
    expect(fileHash(backupFile)).not.toBe(before);
    const copy = openConnection(backupFile, { readonly: true });
    try {
      expect(readHistory(copy.sqlite).map((h) => h.version)).toEqual([1, 2]);
      expect(rowsOf(copy.sqlite, 'rule_systems')).toHaveLength(1);
      expect(rowsOf(copy.sqlite, 'sources')).toMatchObject([{ id: 'PHB', rule_system_id: 'dnd5e-2014' }]);
      expect(copy.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
  });

  it('a fresh, empty file gets no backup', () => {
    const dir = tempDir();
    const file = join(dir, 'catalog.sqlite');
    const { connection, migration } = openCatalog(file);
    connection.close();
    expect(migration.ok).toBe(true);
    expect(migration.backupFile).toBeUndefined();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('a database already at the latest version is not backed up again', () => {
    const file = catalogAt(latestVersion);
    const { connection, migration } = openCatalog(file);
    connection.close();
    expect(migration.steps).toEqual([]);
    expect(migration.backupFile).toBeUndefined();
    expect(listBackups(file)).toEqual([]);
  });

  it(`keeps only the newest ${DEFAULT_BACKUPS_KEPT} by default, and the newest \`keep\` when set`, () => {
    const file = catalogAt(2);
    const taken: string[] = [];
    const connection = openConnection(file);
    try {
      for (let to = 3; to <= 9; to++) {
        const report = migrate(connection.sqlite, embeddedMigrations, { to, file });
        expect(report.ok, report.error?.message).toBe(true);
        taken.push(report.backupFile as string);
      }
      expect(new Set(taken).size).toBe(7);
      // Newest first; the two oldest were removed.
      expect(listBackups(file)).toEqual(taken.slice(-DEFAULT_BACKUPS_KEPT).reverse());
      for (const gone of taken.slice(0, 2)) expect(existsSync(gone)).toBe(false);

      const report = migrate(connection.sqlite, embeddedMigrations, { to: 10, file, backup: { keep: 2 } });
      expect(listBackups(file)).toEqual([report.backupFile, taken.at(-1)]);
      expect(readdirSync(backupDirFor(file))).toHaveLength(2);
    } finally {
      connection.close();
    }
  });

  it('honours a custom backup folder and leaves unrelated files in it alone', () => {
    const file = catalogAt(2);
    const dir = join(tempDir(), 'elsewhere');
    const connection = openConnection(file);
    try {
      const report = migrate(connection.sqlite, embeddedMigrations, { file, backup: { dir, keep: 1 } });
      expect(dirname(report.backupFile as string)).toBe(dir);
      expect(existsSync(join(dirname(file), 'backups'))).toBe(false);
      writeFileSync(join(dir, 'notes.txt'), 'keep me');
      backupBeforeMigration(connection.sqlite, file, latestVersion, { dir, keep: 1 });
    } finally {
      connection.close();
    }
    expect(listBackups(file, { dir })).toHaveLength(1);
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
  });

  it('two backups in the same millisecond get distinct names, and the later one sorts as newer', () => {
    const file = catalogAt(2);
    const connection = openConnection(file);
    // A frozen clock: every backup gets the same timestamp, as fast successive ones can.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-01-02T03:04:05.678Z') });
    try {
      const names: string[] = [];
      for (let i = 0; i < 12; i++) names.push(backupBeforeMigration(connection.sqlite, file, 2, { keep: 100 }));
      expect(new Set(names).size).toBe(names.length);
      expect(listBackups(file)).toEqual([...names].reverse());
      // Pruning to the newest 3 keeps the last three taken.
      backupBeforeMigration(connection.sqlite, file, 2, { keep: 3 });
      expect(listBackups(file).slice(1)).toEqual(names.slice(-2).reverse());
    } finally {
      vi.useRealTimers();
      connection.close();
    }
  });

  it('a failed backup (folder path taken by a file) migrates nothing', () => {
    const file = catalogAt(2);
    const before = fileHash(file);
    const blocker = join(tempDir(), 'not-a-folder');
    writeFileSync(blocker, 'x');
    const connection = openConnection(file);
    const report = migrate(connection.sqlite, embeddedMigrations, { file, backup: { dir: join(blocker, 'backups') } });
    connection.close();
    expect(report.ok).toBe(false);
    expect(report.error?.code).toBe('BackupFailed');
    expect(report.error?.message).toMatch(/No backup of .* could be taken .*so nothing was changed/);
    expect(report.steps.every((s) => s.status === 'not-executed')).toBe(true);
    expect(fileHash(file)).toBe(before);
  });
});

describe('backupTo', () => {
  it('writes a consistent copy including rows still in the WAL', () => {
    const file = catalogAt(latestVersion);
    const connection = openConnection(file);
    try {
      connection.sqlite.exec("INSERT INTO rule_systems (id, name) VALUES ('dnd5e-2024', 'D&D 5e (2024)')");
      const out = backupTo(connection.sqlite, join(tempDir(), 'nested', 'copy.sqlite'));
      const copy = openConnection(out, { readonly: true });
      expect(rowsOf(copy.sqlite, 'rule_systems')).toHaveLength(2);
      copy.close();
    } finally {
      connection.close();
    }
  });

  it('refuses an existing target with AlreadyExists and leaves it untouched', () => {
    const file = catalogAt(3);
    const out = join(tempDir(), 'taken.sqlite');
    writeFileSync(out, 'precious');
    const before = fileHash(out);
    const connection = openConnection(file);
    try {
      const error = catchError('AlreadyExists', () => backupTo(connection.sqlite, out));
      expect(error.details).toMatchObject({ entity: 'backup', id: out });
    } finally {
      connection.close();
    }
    expect(fileHash(out)).toBe(before);
  });
});
