import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { catchError, expectCode, fileHash, rowsOf, schemaOf, tempDir } from '../../../test/helpers';
import { openConnection, type Connection } from '../connection';
import { openCatalog } from '../startup';
import {
  checksumOf,
  embeddedMigrations,
  latestVersion,
  migrate,
  migrationsFromFiles,
  migrationStatus,
  readHistory,
  redo,
  rollback,
  type Migration,
} from './index';

/** The newest version this build knows. */
const LATEST = embeddedMigrations.length;
/** from, from + 1, …, to. */
const versions = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const open: Connection[] = [];
afterEach(() => {
  for (const connection of open.splice(0)) connection.close();
});

function connect(file: string): Connection {
  const connection = openConnection(file);
  open.push(connection);
  return connection;
}

/** Closes (checkpointing the WAL) so the file on disk holds everything. */
function closeAll(): void {
  for (const connection of open.splice(0)) connection.close();
}

function newFile(): string {
  return join(tempDir(), 'catalog.sqlite');
}

/** A catalog file at `version` with a rule system and a source in it, closed. */
function fileAt(version: number): string {
  const file = newFile();
  const { sqlite } = connect(file);
  expect(migrate(sqlite, embeddedMigrations, { to: version, backup: false }).ok).toBe(true);
  if (version >= 2) {
    sqlite.exec(`INSERT INTO rule_systems (id, name) VALUES ('dnd5e-2014', 'D&D 5e (2014)');
                 INSERT INTO sources (id, rule_system_id, full_name) VALUES ('PHB', 'dnd5e-2014', 'Player''s Handbook');`);
  }
  closeAll();
  return file;
}

function withMigration(index: number, change: Partial<Migration>): Migration[] {
  return embeddedMigrations.map((m, i) => {
    if (i !== index) return m;
    const changed = { ...m, ...change };
    return { ...changed, checksum: checksumOf(changed.up) };
  });
}

function schemaVersion(sqlite: Database.Database): number {
  return readHistory(sqlite).at(-1)?.version ?? 0;
}

describe('embedded migrations', () => {
  it('are numbered 1..n with both scripts and a checksum of the up script', () => {
    expect(embeddedMigrations.length).toBeGreaterThanOrEqual(11);
    expect(latestVersion).toBe(embeddedMigrations.length);
    for (const [index, migration] of embeddedMigrations.entries()) {
      expect(migration.version).toBe(index + 1);
      expect(migration.name).toMatch(/^[a-z0-9_]+$/);
      expect(migration.up.trim()).not.toBe('');
      expect(migration.down.trim()).not.toBe('');
      expect(migration.checksum).toBe(checksumOf(migration.up));
    }
  });

  it('migrationsFromFiles refuses gaps, duplicates, a missing down script and stray files', () => {
    const both = (folder: string) => ({ [`migrations/${folder}/up.sql`]: 'x', [`migrations/${folder}/down.sql`]: 'x' });
    expect(migrationsFromFiles({ ...both('0002_b'), ...both('0001_a') }).map((m) => m.name)).toEqual(['a', 'b']);
    expect(() => migrationsFromFiles({ ...both('0001_a'), ...both('0003_c') })).toThrow(/gap/);
    expect(() =>
      migrationsFromFiles({ 'migrations/0001_a/up.sql': 'x', 'migrations/0001_b/down.sql': 'x' }),
    ).toThrow(/share version 1/);
    expect(() => migrationsFromFiles({ 'migrations/0001_a/up.sql': 'x' })).toThrow(/needs both/);
    expect(() => migrationsFromFiles({ 'migrations/0001_a/readme.md': 'x' })).toThrow(/Unexpected migration file/);
  });
});

describe('every migration', () => {
  it.each(embeddedMigrations.map((m) => [m.version, m.name] as const))(
    'up to %i (%s) → down → up gives an identical schema',
    (version) => {
      const { sqlite } = connect(newFile());
      expect(migrate(sqlite, embeddedMigrations, { to: version, backup: false }).ok).toBe(true);
      const schema = schemaOf(sqlite);
      expect(schema.some((o) => o.name === 'schema_version')).toBe(true);

      const down = rollback(sqlite, embeddedMigrations, version - 1, { backup: false });
      expect(down.ok, down.error?.message).toBe(true);
      expect(schemaVersion(sqlite)).toBe(version - 1);

      const up = migrate(sqlite, embeddedMigrations, { to: version, backup: false });
      expect(up.ok, up.error?.message).toBe(true);
      expect(schemaOf(sqlite)).toEqual(schema);
      expect(schemaVersion(sqlite)).toBe(version);
    },
  );

  it('a full rollback to 0 leaves only SQLite internal tables', () => {
    const { sqlite } = connect(newFile());
    expect(migrate(sqlite, embeddedMigrations, { backup: false }).ok).toBe(true);
    const report = rollback(sqlite, embeddedMigrations, 0, { backup: false });
    expect(report.ok, report.error?.message).toBe(true);
    expect(report.toVersion).toBe(0);
    expect(report.steps.map((s) => s.version)).toEqual(embeddedMigrations.map((m) => m.version).reverse());
    // AUTOINCREMENT tables (content_references, import_log) leave sqlite_sequence behind;
    // SQLite does not allow dropping it.
    const left = schemaOf(sqlite).filter((o) => !o.name.startsWith('sqlite_'));
    expect(left).toEqual([]);
    expect(migrationStatus(sqlite, embeddedMigrations).currentVersion).toBe(0);
  });

  it('migrating in one go and one version at a time give the same schema', () => {
    const all = connect(newFile()).sqlite;
    expect(migrate(all, embeddedMigrations, { backup: false }).ok).toBe(true);
    const stepwise = connect(newFile()).sqlite;
    for (const { version } of embeddedMigrations) {
      expect(migrate(stepwise, embeddedMigrations, { to: version, backup: false }).ok).toBe(true);
    }
    expect(schemaOf(stepwise)).toEqual(schemaOf(all));
    expect(readHistory(stepwise).map((h) => [h.version, h.name, h.checksum])).toEqual(
      readHistory(all).map((h) => [h.version, h.name, h.checksum]),
    );
  });
});

describe('a failing migration', () => {
  const middle = 5; // index of migration 6, in the middle of the pending set 4..LATEST

  it.each([
    ['broken SQL after a statement that succeeded', `CREATE TABLE half_done (x INTEGER);\nTHIS IS NOT SQL;`],
    ['a statement that fails at run time', `INSERT INTO no_such_table VALUES (1);`],
  ])('(%s) leaves the database byte-for-byte at its previous version', (_label, brokenUp) => {
    const file = fileAt(3);
    const before = fileHash(file);
    const migrations = withMigration(middle, { up: brokenUp });
    const { sqlite } = connect(file);

    const report = migrate(sqlite, migrations, { file, backup: false });

    expect(report.ok).toBe(false);
    expect(report.fromVersion).toBe(3);
    expect(report.toVersion).toBe(3);
    const error = expectCode(report.error, 'MigrationFailed');
    expect(error.details.version).toBe(6);
    expect(error.details.name).toBe(embeddedMigrations[middle]?.name);
    expect(error.message).toContain(`Migration 6 (${embeddedMigrations[middle]?.name}`);
    expect(report.steps.map((s) => [s.version, s.status])).toEqual([
      [4, 'reverted'],
      [5, 'reverted'],
      [6, 'error'],
      ...versions(7, LATEST).map((v) => [v, 'not-executed']),
    ]);
    expect(report.steps[2]?.error).toBeTruthy();
    expect(schemaVersion(sqlite)).toBe(3);
    expect(schemaOf(sqlite).some((o) => o.name === 'half_done' || o.name === 'classes' || o.name === 'items')).toBe(false);

    closeAll();
    expect(fileHash(file)).toBe(before);
  });

  it('an injected migration that breaks a foreign key is refused at commit and names that migration', () => {
    const file = fileAt(LATEST);
    const before = fileHash(file);
    const bad: Migration = {
      version: embeddedMigrations.length + 1,
      name: 'orphan_source',
      up: `INSERT INTO sources (id, rule_system_id, full_name) VALUES ('ORPHAN', 'no-such-system', 'Orphan');`,
      down: `DELETE FROM sources WHERE id = 'ORPHAN';`,
      checksum: '',
    };
    bad.checksum = checksumOf(bad.up);
    const { sqlite } = connect(file);

    const report = migrate(sqlite, [...embeddedMigrations, bad], { file, backup: false });

    const error = expectCode(report.error, 'MigrationFailed');
    expect(error.details).toMatchObject({ version: bad.version, name: 'orphan_source' });
    expect(error.details.reason).toMatch(/foreign key/);
    expect(report.steps.map((s) => s.status)).toEqual(['error']);
    expect(rowsOf(sqlite, 'sources')).toHaveLength(1);
    closeAll();
    expect(fileHash(file)).toBe(before);
  });

  it('through openCatalog throws MigrationFailed and leaves the file unchanged', () => {
    const file = fileAt(3);
    const before = fileHash(file);
    const migrations = withMigration(middle, { up: 'CREATE TABLE x (;' });
    const error = catchError('MigrationFailed', () => openCatalog(file, { migrations, backup: { keep: 5 } }));
    expect(error.details.version).toBe(6);
    expect(fileHash(file)).toBe(before);
  });
});

describe('refusals', () => {
  // Each case takes a closed catalog file at the latest version and damages the history or the
  // build; the expected code and the version the error must name.
  const cases: {
    name: string;
    code: 'MigrationHistoryMismatch' | 'DatabaseNewerThanApp';
    damage?: (sqlite: Database.Database) => void;
    build?: () => Migration[];
    check: (details: Record<string, unknown>) => void;
  }[] = [
    {
      name: 'a tampered checksum',
      code: 'MigrationHistoryMismatch',
      damage: (sqlite) => sqlite.exec("UPDATE schema_version SET checksum = 'tampered' WHERE version = 4"),
      check: (d) => {
        expect(d.version).toBe(4);
        expect(d.reason).toMatch(/checksum/);
      },
    },
    {
      name: 'a migration script changed in the build',
      code: 'MigrationHistoryMismatch',
      build: () => withMigration(2, { up: `${embeddedMigrations[2]?.up}\n-- edited` }),
      check: (d) => expect(d.version).toBe(3),
    },
    {
      name: 'a build missing a middle migration',
      code: 'MigrationHistoryMismatch',
      build: () => embeddedMigrations.filter((m) => m.version !== 5),
      check: (d) => expect(d.version).toBe(5),
    },
    {
      name: 'a renamed migration',
      code: 'MigrationHistoryMismatch',
      build: () => withMigration(6, { name: 'renamed' }),
      check: (d) => {
        expect(d.version).toBe(7);
        expect(d.reason).toMatch(/renamed/);
      },
    },
    {
      name: 'a history with a hole',
      code: 'MigrationHistoryMismatch',
      damage: (sqlite) => sqlite.exec('DELETE FROM schema_version WHERE version = 2'),
      check: (d) => expect(d.version).toBe(3),
    },
    {
      name: 'a newer database (version 99 applied)',
      code: 'DatabaseNewerThanApp',
      damage: (sqlite) =>
        sqlite.exec("INSERT INTO schema_version (version, name, checksum) VALUES (99, 'from_the_future', 'x')"),
      check: (d) => expect(d).toEqual({ databaseVersion: 99, appVersion: embeddedMigrations.length }),
    },
    {
      name: 'a database one version ahead of an older build',
      code: 'DatabaseNewerThanApp',
      build: () => embeddedMigrations.slice(0, -1),
      check: (d) => expect(d).toEqual({ databaseVersion: LATEST, appVersion: LATEST - 1 }),
    },
  ];

  function prepare(c: (typeof cases)[number]): { file: string; before: string; migrations: Migration[] } {
    const file = fileAt(LATEST);
    if (c.damage) {
      const sqlite = new Database(file);
      c.damage(sqlite);
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.close();
    }
    return { file, before: fileHash(file), migrations: c.build?.() ?? [...embeddedMigrations] };
  }

  describe.each(cases)('$name', (c) => {
    it(`migrate(), rollback() and redo() return ${c.code} and change nothing`, () => {
      const { file, before, migrations } = prepare(c);
      const { sqlite } = connect(file);
      const history = readHistory(sqlite);
      for (const report of [
        migrate(sqlite, migrations, { file }),
        rollback(sqlite, migrations, 1, { file }),
        redo(sqlite, migrations, { file }),
      ]) {
        expect(report.ok).toBe(false);
        expect(report.steps).toEqual([]);
        expect(report.backupFile).toBeUndefined();
        c.check(expectCode(report.error, c.code).details as Record<string, unknown>);
      }
      expect(migrationStatus(sqlite, migrations).problem?.code).toBe(c.code);
      expect(readHistory(sqlite)).toEqual(history);
      closeAll();
      expect(fileHash(file)).toBe(before);
    });

    it(`openCatalog() throws ${c.code}, with and without migrating, and changes nothing`, () => {
      const { file, before, migrations } = prepare(c);
      for (const migrateOnOpen of [true, false]) {
        const error = catchError(c.code, () => openCatalog(file, { migrations, migrate: migrateOnOpen }));
        c.check(error.details as Record<string, unknown>);
        expect(fileHash(file)).toBe(before);
      }
      // No backup either: nothing was about to be changed.
      expect(existsSync(join(dirname(file), 'backups'))).toBe(false);
    });
  });
});

describe('rollback and redo', () => {
  it('rolls back to N, recording the steps and the version', () => {
    const file = fileAt(LATEST);
    const { sqlite } = connect(file);
    const report = rollback(sqlite, embeddedMigrations, 8, { file, backup: false });
    expect(report.ok).toBe(true);
    expect(report).toMatchObject({ fromVersion: LATEST, toVersion: 8 });
    expect(report.steps.map((s) => [s.version, s.direction, s.status])).toEqual(
      versions(9, LATEST)
        .reverse()
        .map((v) => [v, 'down', 'success']),
    );
    expect(schemaVersion(sqlite)).toBe(8);
    expect(migrationStatus(sqlite, embeddedMigrations).pending.map((p) => p.version)).toEqual(versions(9, LATEST));
  });

  it('a broken down.sql in the middle leaves the database byte-for-byte unchanged', () => {
    const file = fileAt(LATEST);
    const before = fileHash(file);
    // down scripts are not checksummed, so the history still matches this build.
    const migrations = withMigration(5, { down: 'DROP TABLE spells; DROP TABLE not_there;' });
    const { sqlite } = connect(file);

    const report = rollback(sqlite, migrations, 2, { file, backup: false });

    expect(report.ok).toBe(false);
    expect(report.toVersion).toBe(LATEST);
    const error = expectCode(report.error, 'MigrationFailed');
    expect(error.details).toMatchObject({ version: 6, name: embeddedMigrations[5]?.name });
    expect(error.message).toContain('down');
    expect(report.steps.map((s) => [s.version, s.status])).toEqual([
      ...versions(7, LATEST)
        .reverse()
        .map((v) => [v, 'reverted']),
      [6, 'error'],
      [5, 'not-executed'],
      [4, 'not-executed'],
      [3, 'not-executed'],
    ]);
    expect(schemaVersion(sqlite)).toBe(LATEST);
    expect(rowsOf(sqlite, 'sources')).toHaveLength(1);
    closeAll();
    expect(fileHash(file)).toBe(before);
  });

  it.each([
    ['above the current version', 12],
    ['negative', -1],
    ['not an integer', 2.5],
  ])('refuses a target %s with ValidationFailed', (_label, to) => {
    const file = fileAt(5);
    const before = fileHash(file);
    const { sqlite } = connect(file);
    const report = rollback(sqlite, embeddedMigrations, to, { file });
    expectCode(report.error, 'ValidationFailed');
    expect(report.steps).toEqual([]);
    closeAll();
    expect(fileHash(file)).toBe(before);
  });

  it('migrate refuses a target below the current version or beyond the build', () => {
    const { sqlite } = connect(fileAt(5));
    expect(expectCode(migrate(sqlite, embeddedMigrations, { to: 3 }).error, 'ValidationFailed').message).toMatch(
      /rollback/,
    );
    expectCode(migrate(sqlite, embeddedMigrations, { to: LATEST + 1 }).error, 'ValidationFailed');
    expect(migrate(sqlite, embeddedMigrations, { to: 5 })).toMatchObject({ ok: true, steps: [] });
    expect(schemaVersion(sqlite)).toBe(5);
  });

  it('redo runs the last down and up again, keeping data of earlier tables and the schema', () => {
    const file = fileAt(LATEST);
    const { sqlite } = connect(file);
    const schema = schemaOf(sqlite);
    const report = redo(sqlite, embeddedMigrations, { file, backup: false });
    expect(report.ok, report.error?.message).toBe(true);
    expect(report).toMatchObject({ fromVersion: LATEST, toVersion: LATEST });
    expect(report.steps.map((s) => [s.version, s.direction, s.status])).toEqual([
      [LATEST, 'down', 'success'],
      [LATEST, 'up', 'success'],
    ]);
    expect(schemaOf(sqlite)).toEqual(schema);
    expect(rowsOf(sqlite, 'sources')).toHaveLength(1);
    expect(schemaVersion(sqlite)).toBe(LATEST);
  });

  it('redo with a broken up script leaves the database unchanged', () => {
    const file = fileAt(LATEST);
    const before = fileHash(file);
    const migrations = withMigration(LATEST - 1, { up: 'CREATE TABLE (' });
    const { sqlite } = connect(file);
    // Editing the up script changes its checksum: the history no longer matches.
    expectCode(redo(sqlite, migrations, { file }).error, 'MigrationHistoryMismatch');
    // A broken down script is a MigrationFailed on the first step.
    const report = redo(sqlite, withMigration(LATEST - 1, { down: 'DROP TABLE nope;' }), { file, backup: false });
    expect(expectCode(report.error, 'MigrationFailed').details.version).toBe(LATEST);
    expect(report.steps.map((s) => s.status)).toEqual(['error', 'not-executed']);
    closeAll();
    expect(fileHash(file)).toBe(before);
  });

  it('redo on an empty database is refused', () => {
    const { sqlite } = connect(newFile());
    expectCode(redo(sqlite, embeddedMigrations).error, 'ValidationFailed');
  });

  it('a read-only connection refuses to migrate with ReadOnly', () => {
    const file = fileAt(3);
    const before = fileHash(file);
    const connection = openConnection(file, { readonly: true });
    open.push(connection);
    const report = migrate(connection.sqlite, embeddedMigrations, { file });
    expectCode(report.error, 'ReadOnly');
    expect(report.steps.every((s) => s.status === 'not-executed')).toBe(true);
    closeAll();
    expect(fileHash(file)).toBe(before);
  });
});
