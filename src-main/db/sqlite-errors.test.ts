/**
 * Every failure of a write to the four foundation tables (rule_systems, sources,
 * content_references, import_log) is a typed error, and leaves the table's rows as they were.
 * SQLite's own errors are provoked through the repositories where the repositories can reach
 * them, and with raw SQL where zod stops the mistake first (CHECK, NOT NULL).
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityDefinition } from '../../src-shared/catalog/define';
import { CatalogError } from '../../src-shared/errors';
import { catchError, openMigrated, rowsOf, seedRuleSystemAndSource, type MigratedCatalog } from '../../test/helpers';
import type { Catalog } from './catalog';
import type { Repository } from './repository';
import { toAppError, toCatalogError } from './sqlite-errors';
import { openCatalog } from './startup';

type FoundationKey = 'ruleSystems' | 'sources' | 'contentReferences' | 'importLog';
type Input = Record<string, unknown>;

function repository(catalog: Catalog, key: FoundationKey): Repository<EntityDefinition> {
  return catalog[key] as unknown as Repository<EntityDefinition>;
}

/** One row besides the seeded ones in each table, so every table has something to protect. */
function seedFoundation(catalog: Catalog): void {
  seedRuleSystemAndSource(catalog);
  catalog.contentReferences.create({
    sourceEntityId: 'fireball',
    sourceEntityType: 'spells',
    targetEntityId: 'PHB',
    targetEntityType: 'sources',
    ruleSystemId: 'dnd5e-2014',
  });
  catalog.importLog.create({
    filePath: 'data/spells/spells-phb.json',
    fileType: 'spells',
    ruleSystemId: 'dnd5e-2014',
    sourceId: 'PHB',
    importStatus: 'success',
  });
}

/** The error better-sqlite3 throws for `sql`, which must fail. */
function rawFailure(sqlite: Database.Database, sql: string): Error & { code: string } {
  try {
    sqlite.exec(sql);
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error(`expected SQLite to refuse: ${sql}`);
}

interface TableCase {
  key: FoundationKey;
  table: string;
  /** A valid row that does not exist yet. */
  fresh: Input;
  /** A valid change to an existing row. */
  patch: Input;
  /** A row whose key is taken, and the id AlreadyExists reports (if the id is the clash). */
  duplicate: { input: Input; id?: string };
  /** A row pointing at a missing row, and the column the error must name. */
  foreignKey?: { input: Input; column: string; patch?: Input };
  /** Inputs zod refuses, with the field path of the first issue ([] for the object itself). */
  invalid: [string, Input, (string | number)[], RegExp?][];
  /** Raw SQL breaking a CHECK constraint (invalid JSON where the table has a JSON column). */
  check: string;
  /** Raw SQL leaving a NOT NULL column empty, and that column. */
  notNull: { sql: string; column: string };
}

const cases: TableCase[] = [
  {
    key: 'ruleSystems',
    table: 'rule_systems',
    fresh: { id: 'pf2e', name: 'Pathfinder 2e' },
    patch: { name: 'Renamed' },
    duplicate: { input: { id: 'dnd5e-2014', name: 'Again' }, id: 'dnd5e-2014' },
    invalid: [
      ['a bad id format', { id: 'D&D 5e', name: 'x' }, ['id']],
      ['an unknown key', { id: 'x', name: 'x', edition: 5 }, ['edition'], /edition/],
      ['a wrong type', { id: 'x', name: 42 }, ['name']],
      ['metadata that is not an object', { id: 'x', name: 'x', metadata: [1, 2] }, ['metadata']],
      ['a missing required field', { id: 'x' }, ['name']],
    ],
    check: "UPDATE rule_systems SET metadata = '{not json' WHERE id = 'dnd5e-2014'",
    notNull: { sql: "INSERT INTO rule_systems (id, name) VALUES ('x', NULL)", column: 'name' },
  },
  {
    key: 'sources',
    table: 'sources',
    fresh: { id: 'MM', ruleSystemId: 'dnd5e-2014', fullName: 'Monster Manual' },
    patch: { fullName: 'Renamed' },
    duplicate: { input: { id: 'PHB', ruleSystemId: 'dnd5e-2014', fullName: 'Again' }, id: 'PHB' },
    foreignKey: {
      input: { id: 'CRB', ruleSystemId: 'pf2e', fullName: 'Core Rulebook' },
      column: 'rule_system_id',
      patch: { ruleSystemId: 'pf2e' },
    },
    invalid: [
      ['a bad id format', { id: 'P H B', ruleSystemId: 'dnd5e-2014', fullName: 'x' }, ['id']],
      ['an unknown key', { id: 'MM', ruleSystemId: 'dnd5e-2014', fullName: 'x', pages: 300 }, ['pages'], /pages/],
      ['a wrong type', { id: 'MM', ruleSystemId: 'dnd5e-2014', fullName: 'x', isSrd: 'yes' }, ['isSrd']],
      ['a date that is not a date', { id: 'MM', ruleSystemId: 'dnd5e-2014', fullName: 'x', publishedDate: '2014-13-45' }, ['publishedDate']],
      ['a snake_case column name', { id: 'MM', rule_system_id: 'dnd5e-2014', fullName: 'x' }, ['ruleSystemId']],
    ],
    check: "UPDATE sources SET metadata = '[1,2]' WHERE id = 'PHB'",
    notNull: { sql: "INSERT INTO sources (id, rule_system_id, full_name) VALUES ('MM', 'dnd5e-2014', NULL)", column: 'full_name' },
  },
  {
    key: 'contentReferences',
    table: 'content_references',
    fresh: { sourceEntityId: 'goblin', sourceEntityType: 'creatures', targetEntityId: 'scimitar', targetEntityType: 'items' },
    patch: { context: 'Multiattack' },
    duplicate: {
      input: { sourceEntityId: 'fireball', sourceEntityType: 'spells', targetEntityId: 'PHB', targetEntityType: 'sources' },
    },
    foreignKey: {
      input: {
        sourceEntityId: 'goblin',
        sourceEntityType: 'creatures',
        targetEntityId: 'scimitar',
        targetEntityType: 'items',
        ruleSystemId: 'pf2e',
      },
      column: 'rule_system_id',
    },
    invalid: [
      ['a bad id format', { id: -4, sourceEntityId: 'a', sourceEntityType: 'spells', targetEntityId: 'b', targetEntityType: 'items' }, ['id']],
      ['an unknown key', { sourceEntityId: 'a', sourceEntityType: 'spells', targetEntityId: 'b', targetEntityType: 'items', weight: 1 }, ['weight'], /weight/],
      ['a wrong type', { sourceEntityId: 'a', sourceEntityType: 'spells', targetEntityId: 'b', targetEntityType: 'items', context: 5 }, ['context']],
      ['an entity type that is not a table', { sourceEntityId: 'a', sourceEntityType: 'monsters', targetEntityId: 'b', targetEntityType: 'items' }, ['sourceEntityType']],
      ['an entity id with spaces', { sourceEntityId: 'a b', sourceEntityType: 'spells', targetEntityId: 'b', targetEntityType: 'items' }, ['sourceEntityId']],
    ],
    // No JSON column here: the enumeration CHECK stands in.
    check: "UPDATE content_references SET reference_type = 'loves' WHERE id = 1",
    notNull: {
      sql: "INSERT INTO content_references (source_entity_id, source_entity_type, target_entity_id, target_entity_type) VALUES ('a', NULL, 'b', 'items')",
      column: 'source_entity_type',
    },
  },
  {
    key: 'importLog',
    table: 'import_log',
    fresh: { filePath: 'data/bestiary/bestiary-mm.json', fileType: 'creatures' },
    patch: { importStatus: 'failed', errorMessage: 'disk full' },
    duplicate: { input: { id: 1, filePath: 'again.json', fileType: 'spells' } },
    foreignKey: {
      input: { filePath: 'data/x.json', fileType: 'spells', ruleSystemId: 'dnd5e-2014', sourceId: 'NOPE' },
      column: 'source_id',
      patch: { sourceId: 'NOPE' },
    },
    invalid: [
      ['a bad id format', { id: 1.5, filePath: 'a.json', fileType: 'spells' }, ['id']],
      ['an unknown key', { filePath: 'a.json', fileType: 'spells', durationMs: 5 }, ['durationMs'], /durationMs/],
      ['a wrong type', { filePath: 'a.json', fileType: 'spells', recordsProcessed: 'many' }, ['recordsProcessed']],
      ['a negative count', { filePath: 'a.json', fileType: 'spells', recordsImported: -1 }, ['recordsImported']],
      ['a status outside the set', { filePath: 'a.json', fileType: 'spells', importStatus: 'done' }, ['importStatus']],
      ['a timestamp that is not ISO', { filePath: 'a.json', fileType: 'spells', startedAt: 'yesterday' }, ['startedAt']],
    ],
    check: "UPDATE import_log SET metadata = 'null' WHERE id = 1",
    notNull: { sql: "INSERT INTO import_log (file_path, file_type) VALUES (NULL, 'spells')", column: 'file_path' },
  },
];

describe.each(cases)('$table', (c) => {
  let opened: MigratedCatalog;
  let repo: Repository<EntityDefinition>;
  const rows = () => rowsOf(opened.connection.sqlite, c.table);

  beforeEach(() => {
    opened = openMigrated();
    seedFoundation(opened.catalog);
    repo = repository(opened.catalog, c.key);
  });
  afterEach(() => opened.connection.close()); // safe after a test closed it itself

  it('the valid row is accepted (the cases below fail for the reason they name)', () => {
    expect(repo.create(c.fresh)).toMatchObject(c.fresh);
  });

  it('a taken key is AlreadyExists; rows unchanged', () => {
    const before = rows();
    const error = catchError('AlreadyExists', () => repo.create(c.duplicate.input));
    expect(error.details.entity).toBe(c.table);
    if (c.duplicate.id) {
      expect(error.details.id).toBe(c.duplicate.id);
      expect(error.message).toContain(`'${c.duplicate.id}'`);
    }
    expect(rows()).toEqual(before);
  });

  // rule_systems references nothing, so it has no such case.
  const fk = c.foreignKey;
  if (fk) {
    it('a missing referenced row is ForeignKeyViolation naming the column; rows unchanged', () => {
      const before = rows();
      const error = catchError('ForeignKeyViolation', () => repo.create(fk.input));
      expect(error.details.entity).toBe(c.table);
      expect(error.message).toContain(fk.column);
      if (fk.patch) {
        const id = (before[0] as { id: string | number }).id;
        const onUpdate = catchError('ForeignKeyViolation', () => repo.update(id, fk.patch!));
        expect(onUpdate.message).toContain(fk.column);
      }
      expect(rows()).toEqual(before);
    });
  }

  it.each(c.invalid)('%s is ValidationFailed with the field path; rows unchanged', (_what, input, path, named) => {
    const before = rows();
    const error = catchError('ValidationFailed', () => repo.create(input));
    expect(error.details.issues.map((issue) => issue.path)).toContainEqual(path);
    if (named) expect(error.message).toMatch(named);
    // The same mistake in a batch names the row index first.
    const batch = catchError('ValidationFailed', () => repo.batchUpsert([c.fresh, input]));
    expect(batch.details.issues.map((issue) => issue.path)).toContainEqual([1, ...path]);
    expect(rows()).toEqual(before);
  });

  it('a CHECK constraint broken with raw SQL maps to ConstraintViolation; rows unchanged', () => {
    const before = rows();
    const raw = rawFailure(opened.connection.sqlite, c.check);
    expect(raw.code).toBe('SQLITE_CONSTRAINT_CHECK');
    const error = toAppError(raw, { entity: c.table });
    expect(error).toMatchObject({ code: 'ConstraintViolation', details: { entity: c.table, constraint: 'check' } });
    expect(error.message).not.toContain('CHECK constraint failed'); // no raw SQLite text
    expect(rows()).toEqual(before);
  });

  it('a NOT NULL column left empty with raw SQL maps to ConstraintViolation naming it; rows unchanged', () => {
    const before = rows();
    const raw = rawFailure(opened.connection.sqlite, c.notNull.sql);
    expect(raw.code).toBe('SQLITE_CONSTRAINT_NOTNULL');
    const error = toAppError(raw);
    expect(error).toMatchObject({ code: 'ConstraintViolation', details: { entity: c.table, constraint: 'not null' } });
    expect(error.message).toContain(c.notNull.column);
    // Through the repository, zod refuses the same null first.
    const viaRepository = catchError('ValidationFailed', () =>
      repo.create({ ...c.fresh, [camel(c.notNull.column)]: null }),
    );
    expect(viaRepository.details.issues[0]?.path).toEqual([camel(c.notNull.column)]);
    expect(rows()).toEqual(before);
  });

  it('a read-only catalog refuses every write with ReadOnly; rows unchanged', () => {
    const { file } = opened;
    opened.connection.close();
    const readonly = openCatalog(file, { readonly: true });
    try {
      const ro = repository(readonly.catalog, c.key);
      const before = rowsOf(readonly.connection.sqlite, c.table);
      const id = (before[0] as { id: string | number }).id;
      catchError('ReadOnly', () => ro.create(c.fresh));
      catchError('ReadOnly', () => ro.batchUpsert([c.fresh]));
      catchError('ReadOnly', () => ro.update(id, c.patch));
      expect(ro.count()).toBe(before.length);
      expect(rowsOf(readonly.connection.sqlite, c.table)).toEqual(before);
    } finally {
      readonly.connection.close();
    }
  });

  it('a write while another connection holds the write lock is Busy; rows unchanged', () => {
    const { file } = opened;
    opened.connection.close();
    const impatient = openCatalog(file, { busyTimeoutMs: 20 });
    const blocker = new Database(file);
    blocker.exec('BEGIN IMMEDIATE');
    try {
      const ro = repository(impatient.catalog, c.key);
      const before = rowsOf(impatient.connection.sqlite, c.table);
      catchError('Busy', () => ro.create(c.fresh));
      catchError('Busy', () => ro.batchUpsert([c.fresh]));
      const id = (before[0] as { id: string | number }).id;
      catchError('Busy', () => ro.update(id, c.patch));
      // Readers are not blocked in WAL mode.
      expect(ro.count()).toBe(before.length);
      blocker.exec('ROLLBACK');
      expect(rowsOf(impatient.connection.sqlite, c.table)).toEqual(before);
      // Once the lock is gone the same write succeeds.
      expect(ro.create(c.fresh)).toMatchObject(c.fresh);
    } finally {
      blocker.close();
      impatient.connection.close();
    }
  });
});

describe('toCatalogError', () => {
  it('passes CatalogErrors through and wraps anything else as Internal', () => {
    const original = new CatalogError({ code: 'NotFound', message: 'gone', details: { entity: 'spells', id: 'x' } });
    expect(toCatalogError(original)).toBe(original);
    expect(toAppError(new Error('boom'))).toMatchObject({ code: 'Internal', details: { reason: 'boom' } });
    expect(toAppError('a string')).toMatchObject({ code: 'Internal', details: { reason: 'a string' } });
  });

  it.each([
    ['SQLITE_BUSY', 'Busy'],
    ['SQLITE_LOCKED', 'Busy'],
    ['SQLITE_FULL', 'DiskFull'],
    ['SQLITE_READONLY', 'ReadOnly'],
    ['SQLITE_CORRUPT', 'Corrupt'],
    ['SQLITE_NOTADB', 'Corrupt'],
    ['SQLITE_CONSTRAINT_TRIGGER', 'ConstraintViolation'],
    ['SQLITE_IOERR', 'Internal'],
  ])('%s → %s', (code, expected) => {
    const error = Object.assign(new Error(`raw ${code} text`), { code });
    const mapped = toAppError(error);
    expect(mapped.code).toBe(expected);
    expect(mapped.message).not.toContain('raw');
  });

  it('names table and columns of UNIQUE failures', () => {
    const error = Object.assign(new Error('UNIQUE constraint failed: sources.id'), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect(toAppError(error, { id: 'PHB', label: 'source' })).toMatchObject({
      code: 'AlreadyExists',
      details: { entity: 'sources', id: 'PHB' },
    });
  });
});

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}
