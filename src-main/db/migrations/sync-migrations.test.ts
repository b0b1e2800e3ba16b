/**
 * Migrations 0012–0014 (issue 7) on a catalog holding data: the two table rebuilds keep every
 * row, index and the AUTOINCREMENT counter and widen their CHECKs; 0014 adds its columns and
 * infers the provenance of rows already there from the import runs in import_log; each down
 * script restores the schema of the version before it exactly.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { rowsOf, schemaOf, tempDir } from '../../../test/helpers';
import { embeddedMigrations, migrate, rollback } from './index';
import { join } from 'node:path';

const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function at(version: number): Database.Database {
  const sqlite = new Database(join(tempDir(), 'catalog.sqlite'));
  sqlite.pragma('foreign_keys = ON');
  open.push(sqlite);
  const report = migrate(sqlite, embeddedMigrations, { to: version, backup: false });
  expect(report.ok, report.error?.message).toBe(true);
  return sqlite;
}

const to = (sqlite: Database.Database, version: number) => {
  const report = migrate(sqlite, embeddedMigrations, { to: version, backup: false });
  expect(report.ok, report.error?.message).toBe(true);
};
const back = (sqlite: Database.Database, version: number) => {
  const report = rollback(sqlite, embeddedMigrations, version, { backup: false });
  expect(report.ok, report.error?.message).toBe(true);
};

/** schema_version aside (its rows differ by design), the schema as sqlite_master stores it. */
const tablesOf = (sqlite: Database.Database) => schemaOf(sqlite).filter((o) => o.tbl_name !== 'schema_version');

function seed(sqlite: Database.Database): void {
  sqlite.exec(`
    INSERT INTO rule_systems (id, name) VALUES ('dnd5e-2014', 'D&D 5e (2014)');
    INSERT INTO sources (id, rule_system_id, full_name) VALUES ('PHB', 'dnd5e-2014', 'Player''s Handbook');
  `);
}

describe('0012 feat types', () => {
  it('keeps every feat and index, accepts dragonmark and dark-gift; down turns them to NULL', () => {
    const sqlite = at(11);
    seed(sqlite);
    sqlite.exec(`INSERT INTO feats (id, name, rule_system_id, source_id, feat_type) VALUES
      ('alert-phb', 'Alert', 'dnd5e-2014', 'PHB', 'general'), ('grappler-phb', 'Grappler', 'dnd5e-2014', 'PHB', NULL)`);
    const before11 = tablesOf(sqlite);
    const rows = rowsOf(sqlite, 'feats');
    expect(() => sqlite.exec("INSERT INTO feats (id, name, rule_system_id, source_id, feat_type) VALUES ('x', 'X', 'dnd5e-2014', 'PHB', 'dragonmark')")).toThrow(/CHECK/);

    to(sqlite, 12);
    expect(rowsOf(sqlite, 'feats')).toEqual(rows);
    const indexes = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'feats' AND sql IS NOT NULL ORDER BY name").pluck().all();
    expect(indexes).toEqual(['feats_feat_type_idx', 'feats_name_idx', 'feats_rule_system_id_idx', 'feats_source_id_idx']);
    sqlite.exec(`INSERT INTO feats (id, name, rule_system_id, source_id, feat_type) VALUES
      ('mark-of-healing-erlw', 'Mark of Healing', 'dnd5e-2014', 'PHB', 'dragonmark'), ('gift-vrgr', 'Gift', 'dnd5e-2014', 'PHB', 'dark-gift')`);
    expect(() => sqlite.exec("INSERT INTO feats (id, name, rule_system_id, source_id, feat_type) VALUES ('y', 'Y', 'dnd5e-2014', 'PHB', 'boon')")).toThrow(/CHECK/);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);

    back(sqlite, 11);
    expect(tablesOf(sqlite)).toEqual(before11);
    expect(sqlite.prepare('SELECT id, feat_type FROM feats ORDER BY id').all()).toEqual([
      { id: 'alert-phb', feat_type: 'general' },
      { id: 'gift-vrgr', feat_type: null },
      { id: 'grappler-phb', feat_type: null },
      { id: 'mark-of-healing-erlw', feat_type: null },
    ]);
  });
});

describe('0013 import_log cancelled', () => {
  it('keeps the rows and the AUTOINCREMENT counter, accepts cancelled; down records it as failed', () => {
    const sqlite = at(12);
    sqlite.exec(`INSERT INTO import_log (file_path, file_type, import_status) VALUES ('/a', '5etools', 'success'), ('/b', '5etools', 'failed'), ('/c', '5etools', 'partial');
      DELETE FROM import_log WHERE file_path = '/c';`);
    const before12 = tablesOf(sqlite);
    const rows = rowsOf(sqlite, 'import_log');

    to(sqlite, 13);
    expect(rowsOf(sqlite, 'import_log')).toEqual(rows);
    // Id 3 was handed out before; the next run must get 4, not reuse 3.
    sqlite.exec("INSERT INTO import_log (file_path, file_type, import_status) VALUES ('/d', '5etools', 'cancelled')");
    expect(sqlite.prepare("SELECT id FROM import_log WHERE file_path = '/d'").pluck().get()).toBe(4);
    expect(() => sqlite.exec("INSERT INTO import_log (file_path, file_type, import_status) VALUES ('/e', '5etools', 'paused')")).toThrow(/CHECK/);

    back(sqlite, 12);
    expect(tablesOf(sqlite)).toEqual(before12);
    expect(sqlite.prepare('SELECT id, import_status FROM import_log ORDER BY id').all()).toEqual([
      { id: 1, import_status: 'success' },
      { id: 2, import_status: 'failed' },
      { id: 4, import_status: 'failed' },
    ]);
    sqlite.exec("INSERT INTO import_log (file_path, file_type) VALUES ('/f', '5etools')");
    expect(sqlite.prepare("SELECT id FROM import_log WHERE file_path = '/f'").pluck().get()).toBe(5);
  });
});

describe('0014 catalog sync', () => {
  it('infers provenance from the import runs: imported, imported then edited by the user, made by the user', () => {
    const sqlite = at(13);
    seed(sqlite);
    sqlite.exec(`
      INSERT INTO import_log (file_path, file_type, import_status, started_at, completed_at)
        VALUES ('/data', '5etools', 'partial', '2026-01-01T10:00:00.000Z', '2026-01-01T10:00:05.000Z'),
               ('/data', '5etools', 'failed', '2026-01-03T10:00:00.000Z', '2026-01-03T10:00:05.000Z');
      INSERT INTO spells (id, name, rule_system_id, source_id, level, created_at, updated_at) VALUES
        ('imported-phb', 'Imported', 'dnd5e-2014', 'PHB', 1, '2026-01-01T10:00:01.000Z', '2026-01-01T10:00:01.000Z'),
        ('edited-phb', 'Edited', 'dnd5e-2014', 'PHB', 1, '2026-01-01T10:00:02.000Z', '2026-01-02T09:00:00.000Z'),
        ('mine-phb', 'Mine', 'dnd5e-2014', 'PHB', 1, '2026-01-02T08:00:00.000Z', '2026-01-02T08:00:00.000Z'),
        ('in-failed-run-phb', 'In a failed run', 'dnd5e-2014', 'PHB', 1, '2026-01-03T10:00:01.000Z', '2026-01-03T10:00:01.000Z');
    `);
    const before13 = tablesOf(sqlite);

    to(sqlite, 14);
    expect(sqlite.prepare('SELECT id, origin, user_edited_at FROM spells ORDER BY id').all()).toEqual([
      { id: 'edited-phb', origin: 'import', user_edited_at: '2026-01-02T09:00:00.000Z' },
      { id: 'imported-phb', origin: 'import', user_edited_at: null },
      // A failed run wrote nothing, so a row from its window is the user's.
      { id: 'in-failed-run-phb', origin: 'user', user_edited_at: null },
      { id: 'mine-phb', origin: 'user', user_edited_at: null },
    ]);
    expect(sqlite.prepare("SELECT origin FROM sources WHERE id = 'PHB'").pluck().get()).toBe('user');
    // The new columns' CHECKs.
    const bad = [
      "UPDATE spells SET origin = 'other'",
      "UPDATE spells SET superseded_by = 'Not An Id'",
      "UPDATE spells SET reprinted_as = '{}'",
      "UPDATE spells SET unmapped = '[]'",
      "INSERT INTO items (id, name, rule_system_id, source_id, is_wondrous) VALUES ('bag-phb', 'Bag', 'dnd5e-2014', 'PHB', 2)",
    ];
    for (const statement of bad) expect(() => sqlite.exec(statement), statement).toThrow(/CHECK/);

    back(sqlite, 13);
    expect(tablesOf(sqlite)).toEqual(before13);
    expect(sqlite.prepare('SELECT count(*) FROM spells').pluck().get()).toBe(4);
  });
});
