import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catchError, fileHash, rowsOf, sidecars, tempDir } from '../../test/helpers';
import { listBackups } from './backup';
import { openConnection } from './connection';
import { checksumOf, embeddedMigrations, latestVersion, migrate, readHistory } from './migrations';
import { openCatalog } from './startup';

/** A closed catalog file at `version`, with a rule system from version 1 on. */
function catalogAt(version: number): string {
  const file = join(tempDir(), 'catalog.sqlite');
  const connection = openConnection(file);
  expect(migrate(connection.sqlite, embeddedMigrations, { to: version, backup: false }).ok).toBe(true);
  if (version >= 1) connection.sqlite.exec("INSERT INTO rule_systems (id, name) VALUES ('dnd5e-2014', 'D&D 5e')");
  connection.close();
  return file;
}

describe('openCatalog', () => {
  it('creates a missing file and migrates it to the latest version', () => {
    const file = join(tempDir(), 'new.sqlite');
    const { catalog, connection, migration } = openCatalog(file);
    try {
      expect(migration).toMatchObject({ ok: true, fromVersion: 0, toVersion: latestVersion });
      expect(migration.steps).toHaveLength(latestVersion);
      expect(migration.steps.every((s) => s.status === 'success' && s.direction === 'up')).toBe(true);
      expect(readHistory(connection.sqlite).map((h) => h.version)).toEqual(embeddedMigrations.map((m) => m.version));
      expect(catalog.ruleSystems.create({ id: 'x', name: 'X' }).id).toBe('x');
      expect(catalog.connection).toBe(connection);
    } finally {
      connection.close();
    }
    expect(sidecars(file)).toEqual([]);
  });

  it('with migrate: false opens an old catalog as it is and does not change the file', () => {
    const file = catalogAt(3);
    const before = fileHash(file);
    const { catalog, connection, migration } = openCatalog(file, { migrate: false });
    expect(migration).toEqual({ ok: true, fromVersion: 3, toVersion: 3, steps: [] });
    // Tables of the old schema work; one it does not have yet is a typed error, not a crash.
    expect(catalog.ruleSystems.get('dnd5e-2014').name).toBe('D&D 5e');
    expect(catalog.races.count()).toBe(0);
    const error = catchError('Internal', () => catalog.spells.list());
    expect(error.details.reason).toMatch(/no such table: spells/);
    connection.close();
    expect(fileHash(file)).toBe(before);
    expect(listBackups(file)).toEqual([]);
  });

  it('read-only opens an old catalog without migrating, and refuses writes with ReadOnly', () => {
    const file = catalogAt(3);
    const before = fileHash(file);
    const { catalog, connection, migration } = openCatalog(file, { readonly: true });
    try {
      expect(migration.toVersion).toBe(3);
      expect(catalog.ruleSystems.count()).toBe(1);
      catchError('ReadOnly', () => catalog.ruleSystems.create({ id: 'y', name: 'Y' }));
    } finally {
      connection.close();
    }
    expect(fileHash(file)).toBe(before);
  });

  it('read-only on a missing file fails without creating it', () => {
    const file = join(tempDir(), 'absent.sqlite');
    expect(() => openCatalog(file, { readonly: true })).toThrow();
    expect(existsSync(file)).toBe(false);
  });

  it('uses the given migrations and backup policy', () => {
    const file = catalogAt(latestVersion);
    const extra = {
      version: latestVersion + 1,
      name: 'extra_table',
      up: '-- A test-only table.\nCREATE TABLE extra (x INTEGER);',
      down: 'DROP TABLE extra;',
      checksum: '',
    };
    extra.checksum = checksumOf(extra.up);
    const dir = join(tempDir(), 'my-backups');
    const { connection, migration } = openCatalog(file, {
      migrations: [...embeddedMigrations, extra],
      backup: { dir, keep: 1 },
    });
    try {
      expect(migration.toVersion).toBe(latestVersion + 1);
      expect(listBackups(file, { dir })).toEqual([migration.backupFile]);
      expect(readHistory(connection.sqlite).at(-1)).toMatchObject({
        version: latestVersion + 1,
        name: 'extra_table',
        description: 'A test-only table.',
      });
    } finally {
      connection.close();
    }
    // This build does not know version 12: the default open now refuses the file.
    catchError('DatabaseNewerThanApp', () => openCatalog(file));
  });

  it('closes the connection when it refuses a file, so the file can be used again', () => {
    const file = catalogAt(3);
    const migrations = embeddedMigrations.map((m) => (m.version === 5 ? { ...m, up: 'BROKEN;' } : m));
    catchError('MigrationFailed', () => openCatalog(file, { migrations }));
    expect(sidecars(file)).toEqual([]);
    const { catalog, connection } = openCatalog(file);
    try {
      expect(catalog.ruleSystems.count()).toBe(1);
    } finally {
      connection.close();
    }
  });

  it('reports a damaged catalog as Corrupt, naming the newest backup', () => {
    const file = catalogAt(2);
    const { connection, migration } = openCatalog(file); // takes a backup on the way up
    const rootPage = connection.sqlite
      .prepare("SELECT rootpage FROM sqlite_master WHERE name = 'rule_systems'")
      .pluck()
      .get() as number;
    const pageSize = connection.sqlite.pragma('page_size', { simple: true }) as number;
    connection.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize - 16, 0xee), 0, pageSize - 16, (rootPage - 1) * pageSize + 8);
    closeSync(fd);
    const before = fileHash(file);

    const error = catchError('Corrupt', () => openCatalog(file));

    expect(error.message).toContain(migration.backupFile as string);
    expect(fileHash(file)).toBe(before);
    // The backup itself is intact and holds the row.
    const backup = openConnection(migration.backupFile as string);
    expect(rowsOf(backup.sqlite, 'rule_systems')).toHaveLength(1);
    backup.close();
  });
});
