/**
 * The repositories of the four foundation tables (rule_systems, sources, content_references,
 * import_log): CRUD, every declared filter, sorting, paging edges, counts, updates, reference
 * checks on delete and all-or-nothing batch upserts. The seven entity tables have their own
 * table-driven suite (entity-crud.test.ts); errors of each write are in sqlite-errors.test.ts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE, type EntityDefinition } from '../../src-shared/catalog/define';
import { catalogEntities } from '../../src-shared/catalog/entities';
import { catchError, openMigrated, rowsOf, seedRuleSystemAndSource, type MigratedCatalog } from '../../test/helpers';
import type { Catalog } from './catalog';
import type { Repository } from './repository';

type FoundationKey = 'ruleSystems' | 'sources' | 'contentReferences' | 'importLog';
type Row = Record<string, unknown> & { id: string | number };
type AnyRepository = Repository<EntityDefinition>;

const TABLE: Record<FoundationKey, string> = {
  ruleSystems: 'rule_systems',
  sources: 'sources',
  contentReferences: 'content_references',
  importLog: 'import_log',
};

function repository(catalog: Catalog, key: FoundationKey): AnyRepository {
  return catalog[key] as unknown as AnyRepository;
}

const ids = (page: { items: unknown[] }) => (page.items as Row[]).map((row) => row.id);

/**
 * A small catalog with a row for each filter to tell apart: two active editions and an inactive
 * one, official, SRD and homebrew books, references of several types, imports in every status.
 */
function seedFoundation(catalog: Catalog): void {
  seedRuleSystemAndSource(catalog); // dnd5e-2014 (PHB), dnd5e-2024 (XPHB)
  catalog.ruleSystems.create({ id: 'pf2e', name: 'Pathfinder 2e', isActive: false, metadata: { publisher: 'Paizo' } });
  catalog.ruleSystems.create({ id: 'test-system', name: 'Test_System 100%' });
  catalog.sources.create({ id: 'MM', ruleSystemId: 'dnd5e-2014', fullName: 'Monster Manual', publishedDate: '2014-09-30' });
  catalog.sources.create({ id: 'HB', ruleSystemId: 'dnd5e-2014', fullName: 'Homebrew Compendium', isOfficial: false });
  catalog.sources.create({ id: 'CRB', ruleSystemId: 'pf2e', fullName: 'Core Rulebook', publishedDate: '2019-08-01' });
  const refs = [
    ['fireball', 'spells', 'PHB', 'sources', 'dnd5e-2014', 'mentions'],
    ['goblin', 'creatures', 'scimitar', 'items', 'dnd5e-2014', 'mentions'],
    ['wizard', 'classes', 'fireball', 'spells', 'dnd5e-2014', 'grants'],
    ['fireball', 'spells', 'fireball-xphb', 'spells', 'dnd5e-2024', 'replaces'],
    ['elf', 'races', 'dnd5e-2014', 'rule_systems', null, 'related'],
  ] as const;
  for (const [sourceEntityId, sourceEntityType, targetEntityId, targetEntityType, ruleSystemId, referenceType] of refs) {
    catalog.contentReferences.create({
      sourceEntityId,
      sourceEntityType,
      targetEntityId,
      targetEntityType,
      ruleSystemId,
      referenceType,
    });
  }
  const imports = [
    ['data/spells/spells-phb.json', 'spells', 'dnd5e-2014', 'PHB', 'success', '2025-01-01T10:00:00.000Z'],
    ['data/bestiary/bestiary-mm.json', 'creatures', 'dnd5e-2014', 'MM', 'partial', '2025-02-01T10:00:00.000Z'],
    ['data/spells/spells-xphb.json', 'spells', 'dnd5e-2024', 'XPHB', 'failed', '2025-03-01T10:00:00.000Z'],
    ['broken.json', 'unknown', null, null, 'running', '2025-04-01T10:00:00.000Z'],
  ] as const;
  for (const [filePath, fileType, ruleSystemId, sourceId, importStatus, startedAt] of imports) {
    catalog.importLog.create({ filePath, fileType, ruleSystemId, sourceId, importStatus, startedAt });
  }
}

/** Per table: every declared filter with values and the ids they must select (in default order). */
const filterCases: Record<FoundationKey, [string, unknown, (string | number)[]][]> = {
  ruleSystems: [
    ['isActive', true, ['dnd5e-2014', 'dnd5e-2024', 'test-system']],
    ['isActive', false, ['pf2e']],
    ['nameStartsWith', 'D&D 5th', ['dnd5e-2014', 'dnd5e-2024']],
    ['nameStartsWith', 'Path', ['pf2e']],
    ['nameStartsWith', 'Nothing', []],
    ['nameContains', '(2024)', ['dnd5e-2024']],
    ['nameContains', 'EDITION', ['dnd5e-2014', 'dnd5e-2024']], // LIKE ignores ASCII case
    // LIKE wildcards in the text are literal.
    ['nameContains', '_', ['test-system']],
    ['nameContains', '100%', ['test-system']],
    ['nameContains', '%', ['test-system']],
  ],
  sources: [
    ['ruleSystemId', 'dnd5e-2014', ['HB', 'MM', 'PHB']],
    ['ruleSystemId', ['dnd5e-2024', 'pf2e'], ['CRB', 'XPHB']],
    ['ruleSystemId', 'no-such-system', []],
    ['isOfficial', false, ['HB']],
    ['isOfficial', true, ['CRB', 'MM', 'PHB', 'XPHB']],
    ['isSrd', true, ['PHB']],
    ['isSrd', false, ['CRB', 'HB', 'MM', 'XPHB']],
    ['nameStartsWith', "Player's", ['PHB', 'XPHB']],
    ['nameStartsWith', 'Monster', ['MM']],
    ['nameContains', 'handbook (2014)', ['PHB']],
    ['nameContains', 'book', ['CRB', 'PHB', 'XPHB']],
  ],
  contentReferences: [
    ['sourceEntityId', 'fireball', [1, 4]],
    ['sourceEntityId', ['goblin', 'elf'], [2, 5]],
    ['sourceEntityType', 'spells', [1, 4]],
    ['sourceEntityType', ['classes', 'races'], [3, 5]],
    ['targetEntityId', 'fireball', [3]],
    ['targetEntityType', 'spells', [3, 4]],
    ['targetEntityType', ['rule_systems', 'sources'], [1, 5]],
    ['ruleSystemId', 'dnd5e-2014', [1, 2, 3]],
    ['ruleSystemId', ['dnd5e-2024'], [4]],
    ['referenceType', 'mentions', [1, 2]],
    ['referenceType', ['grants', 'replaces', 'related'], [3, 4, 5]],
  ],
  importLog: [
    ['importStatus', 'success', [1]],
    ['importStatus', ['failed', 'running'], [3, 4]],
    ['ruleSystemId', 'dnd5e-2014', [1, 2]],
    ['sourceId', ['XPHB', 'MM'], [2, 3]],
    ['fileType', 'spells', [1, 3]],
    ['fileType', ['creatures', 'unknown'], [2, 4]],
    ['startedFrom', '2025-02-01T10:00:00.000Z', [2, 3, 4]],
    ['startedUntil', '2025-02-01T10:00:00.000Z', [1, 2]],
    ['startedFrom', '2030-01-01T00:00:00.000Z', []],
  ],
};

const KEYS = Object.keys(filterCases) as FoundationKey[];

describe('on a seeded catalog (read-only queries)', () => {
  let opened: MigratedCatalog;
  beforeAll(() => {
    opened = openMigrated();
    seedFoundation(opened.catalog);
  });
  afterAll(() => opened.connection.close());
  const repo = (key: FoundationKey) => repository(opened.catalog, key);

  describe.each(KEYS)('%s filters', (key) => {
    it('every filter the entity declares is covered here', () => {
      const covered = new Set(filterCases[key].map(([filter]) => filter));
      expect([...covered].sort()).toEqual(Object.keys(catalogEntities[key].filters).sort());
    });

    it.each(filterCases[key])('%s = %j', (filter, value, expected) => {
      const page = repo(key).list({ filter: { [filter]: value }, sort: { by: 'id' } });
      expect(ids(page)).toEqual(expected);
      expect(page.total).toBe(expected.length);
      expect(repo(key).count({ [filter]: value })).toBe(expected.length);
    });

    it('filters combine with AND', () => {
      const [first] = filterCases[key];
      const second = filterCases[key].find(([filter, , expected]) => filter !== first![0] && expected.length > 0);
      const both = first![2].filter((id) => second![2].includes(id));
      const filter = { [first![0]]: first![1], [second![0]]: second![1] };
      expect(both.length).toBeLessThan(first![2].length + second![2].length);
      expect(ids(repo(key).list({ filter, sort: { by: 'id' } }))).toEqual(both);
      expect(repo(key).count(filter)).toBe(both.length);
    });

    it('refuses an unknown filter and a badly typed value with ValidationFailed', () => {
      const unknown = catchError('ValidationFailed', () => repo(key).list({ filter: { bogus: 1 } as never }));
      expect(unknown.message).toMatch(/bogus/);
      const [filter] = filterCases[key][0]!;
      const badType = catchError('ValidationFailed', () => repo(key).count({ [filter]: { nested: true } } as never));
      expect(badType.details.issues[0]?.path[0]).toBe(filter);
    });
  });

  describe.each(KEYS)('%s sorting', (key) => {
    const sortable = Object.keys(catalogEntities[key].sortable);
    it.each(sortable.flatMap((by) => [[by, 'asc'] as const, [by, 'desc'] as const]))('by %s %s', (by, direction) => {
      const all = repo(key).list({ limit: MAX_PAGE_SIZE }).items as Row[];
      const compare = (a: Row, b: Row) => order(a[by], b[by]) || order(a.id, b.id);
      const expected = [...all].sort((a, b) => (direction === 'asc' ? compare(a, b) : -compare(a, b))).map((r) => r.id);
      expect(ids(repo(key).list({ sort: { by, direction }, limit: MAX_PAGE_SIZE }))).toEqual(expected);
    });

    it('defaults to the declared sort, ascending', () => {
      const by = catalogEntities[key].defaultSort;
      expect(ids(repo(key).list())).toEqual(ids(repo(key).list({ sort: { by, direction: 'asc' } })));
    });

    it('refuses a column that is not sortable', () => {
      catchError('ValidationFailed', () => repo(key).list({ sort: { by: 'metadata' } }));
    });
  });

  describe('paging (sources: 5 rows)', () => {
    const sources = () => repository(opened.catalog, 'sources');

    it.each([
      ['offset past the end', { offset: 50 }, [], 50],
      ['offset at the last row', { offset: 4, limit: 10 }, ['XPHB'], 4],
      ['limit 1', { limit: 1 }, ['CRB'], 0],
      ['limit 1 on the second page', { limit: 1, offset: 1 }, ['HB'], 1],
      [`limit = MAX_PAGE_SIZE (${MAX_PAGE_SIZE})`, { limit: MAX_PAGE_SIZE }, ['CRB', 'HB', 'MM', 'PHB', 'XPHB'], 0],
    ])('%s', (_what, request, expected, offset) => {
      const page = sources().list(request);
      expect(ids(page)).toEqual(expected);
      expect(page.total).toBe(5);
      expect(page.offset).toBe(offset);
    });

    it('pages of 2 add up to the whole list, in order', () => {
      const seen: unknown[] = [];
      for (let offset = 0; offset < 5; offset += 2) seen.push(...ids(sources().list({ limit: 2, offset })));
      expect(seen).toEqual(ids(sources().list()));
    });

    it.each([
      ['a page larger than the cap', { limit: 10_000 }, /capped at 500/],
      ['a zero page size', { limit: 0 }, /limit/],
      ['a negative offset', { offset: -1 }, /offset/],
      ['a fractional limit', { limit: 2.5 }, /limit/],
      ['a limit given as text', { limit: '10' }, /limit/],
    ])('refuses %s with ValidationFailed', (_what, request, message) => {
      const error = catchError('ValidationFailed', () => sources().list(request as never));
      expect(error.message).toMatch(message);
    });

    it('uses the default page size of 50 when none is given', () => {
      expect(sources().list().limit).toBe(50);
    });
  });
});

describe('with many rows', () => {
  let opened: MigratedCatalog;
  beforeAll(() => {
    opened = openMigrated();
    const rows = Array.from({ length: MAX_PAGE_SIZE + 20 }, (_, i) => ({
      id: `rs-${String(i).padStart(4, '0')}`,
      name: `System ${i}`,
    }));
    expect(opened.catalog.ruleSystems.batchUpsert(rows)).toEqual({ inserted: rows.length, updated: 0, unchanged: 0 });
  });
  afterAll(() => opened.connection.close());

  it(`a page of MAX_PAGE_SIZE holds exactly ${MAX_PAGE_SIZE} rows and the next one the rest`, () => {
    const first = opened.catalog.ruleSystems.list({ limit: MAX_PAGE_SIZE, sort: { by: 'id' } });
    expect(first.items).toHaveLength(MAX_PAGE_SIZE);
    expect(first.total).toBe(MAX_PAGE_SIZE + 20);
    const rest = opened.catalog.ruleSystems.list({ limit: MAX_PAGE_SIZE, offset: MAX_PAGE_SIZE, sort: { by: 'id' } });
    expect(ids(rest)).toEqual(Array.from({ length: 20 }, (_, i) => `rs-${String(MAX_PAGE_SIZE + i).padStart(4, '0')}`));
    expect(opened.catalog.ruleSystems.count()).toBe(MAX_PAGE_SIZE + 20);
  });
});

describe('writes', () => {
  let opened: MigratedCatalog;
  let catalog: Catalog;
  const rows = (table: string) => rowsOf(opened.connection.sqlite, table);
  beforeEach(() => {
    opened = openMigrated();
    catalog = opened.catalog;
    seedFoundation(catalog);
  });
  afterEach(() => opened.connection.close());

  describe('create, get, find, delete', () => {
    it('a rule system round-trips with its defaults and JSON metadata', () => {
      const metadata = { urls: ['https://example.org'], nested: { level: 3, flags: [true, null] } };
      const created = catalog.ruleSystems.create({ id: 'dnd5e-1985', name: 'Basic', metadata });
      expect(created).toMatchObject({ id: 'dnd5e-1985', name: 'Basic', isActive: true, shortName: null, metadata });
      expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(created.updatedAt).toBe(created.createdAt);
      expect(catalog.ruleSystems.get('dnd5e-1985')).toEqual(created);
      expect(catalog.ruleSystems.find('dnd5e-1985')).toEqual(created);
    });

    it('a source keeps booleans and dates typed', () => {
      const source = catalog.sources.get('PHB');
      expect(source).toMatchObject({ isSrd: true, isOfficial: true, publishedDate: '2014-08-19', metadata: {} });
    });

    it('content references and import log rows get serial ids and their defaults', () => {
      const ref = catalog.contentReferences.create({
        sourceEntityId: 'owlbear',
        sourceEntityType: 'creatures',
        targetEntityId: 'MM',
        targetEntityType: 'sources',
      });
      expect(ref).toMatchObject({ id: 6, referenceType: 'mentions', ruleSystemId: null, context: null });
      const log = catalog.importLog.create({ filePath: 'x.json', fileType: 'items' });
      expect(log).toMatchObject({ id: 5, importStatus: 'running', recordsProcessed: 0, completedAt: null, metadata: {} });
      // started_at has an SQL default: filled in by SQLite when not given.
      expect(log.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it.each(KEYS)('%s: find of a missing id is undefined, get is NotFound, a malformed id is ValidationFailed', (key) => {
      const repo = repository(catalog, key);
      const missing = key === 'contentReferences' || key === 'importLog' ? 999 : 'missing';
      expect(repo.find(missing)).toBeUndefined();
      const error = catchError('NotFound', () => repo.get(missing));
      expect(error.details).toEqual({ entity: TABLE[key], id: String(missing) });
      catchError('ValidationFailed', () => repo.get(typeof missing === 'number' ? 'x' : 42));
    });

    it.each(KEYS)('%s: delete removes an unreferenced row; deleting it again is NotFound', (key) => {
      const repo = repository(catalog, key);
      const id = { ruleSystems: 'test-system', sources: 'HB', contentReferences: 3, importLog: 4 }[key];
      const before = rows(TABLE[key]);
      expect(repo.delete(id)).toEqual({ id });
      expect(repo.find(id)).toBeUndefined();
      expect(rows(TABLE[key])).toHaveLength(before.length - 1);
      catchError('NotFound', () => repo.delete(id));
    });

    it('deleting a referenced rule system is ReferencedByOthers with counts per table; nothing deleted', () => {
      const before = rows('rule_systems');
      const error = catchError('ReferencedByOthers', () => catalog.ruleSystems.delete('dnd5e-2014'));
      const { name } = catalog.ruleSystems.get('dnd5e-2014');
      expect(error.details).toEqual({
        entity: 'rule_systems',
        id: 'dnd5e-2014',
        name,
        references: [
          { entity: 'sources', column: 'rule_system_id', count: 3, noun: '3 sources' },
          { entity: 'content_references', column: 'rule_system_id', count: 3, noun: '3 content references' },
          { entity: 'import_log', column: 'rule_system_id', count: 2, noun: '2 import log entries' },
        ],
      });
      expect(error.message).toBe(
        `Cannot delete the rule system ${name}: 3 sources still use rule system ${name}; 3 content references still use rule system ${name}; ` +
          `2 import log entries still use rule system ${name}. Delete those first, or change them to point elsewhere.`,
      );
      expect(rows('rule_systems')).toEqual(before);
    });

    it('deleting a referenced source names the import log rows; a rule system with entity rows names them too', () => {
      const error = catchError('ReferencedByOthers', () => catalog.sources.delete('MM'));
      expect(error.details.references).toEqual([{ entity: 'import_log', column: 'source_id', count: 1, noun: '1 import log entry' }]);
      catalog.spells.create({ id: 'light', name: 'Light', ruleSystemId: 'pf2e', sourceId: 'CRB', level: 0 });
      const pf2e = catchError('ReferencedByOthers', () => catalog.ruleSystems.delete('pf2e'));
      expect(pf2e.details.references).toEqual([
        { entity: 'sources', column: 'rule_system_id', count: 1, noun: '1 source' },
        { entity: 'spells', column: 'rule_system_id', count: 1, noun: '1 spell' },
      ]);
      expect(catalog.ruleSystems.find('pf2e')).toBeDefined();
    });
  });

  describe('update', () => {
    const OLD = '2000-01-01T00:00:00.000Z';

    it.each([
      ['ruleSystems', 'dnd5e-2014', { name: 'Fifth Edition', isActive: false }],
      ['sources', 'PHB', { fullName: 'PHB 2014', metadata: { printing: 7 } }],
    ] as const)('%s: changes the given columns, bumps updated_at and keeps created_at', (key, id, patch) => {
      const { sqlite } = opened.connection;
      sqlite.prepare(`UPDATE ${TABLE[key]} SET updated_at = ?, created_at = ? WHERE id = ?`).run(OLD, OLD, id);
      const updated = repository(catalog, key).update(id, patch) as Row;
      expect(updated).toMatchObject(patch);
      expect(updated.createdAt).toBe(OLD);
      expect(updated.updatedAt).not.toBe(OLD);
      expect(String(updated.updatedAt) > OLD).toBe(true);
      expect(repository(catalog, key).get(id)).toEqual(updated);
    });

    it('tables without updated_at are updated too', () => {
      expect(catalog.contentReferences.update(2, { context: 'Scimitar attack' }).context).toBe('Scimitar attack');
      const done = catalog.importLog.update(4, { importStatus: 'failed', completedAt: '2025-04-01T10:05:00.000Z' });
      expect(done).toMatchObject({ importStatus: 'failed', completedAt: '2025-04-01T10:05:00.000Z' });
    });

    it('null clears a nullable column', () => {
      expect(catalog.sources.update('PHB', { publishedDate: null }).publishedDate).toBeNull();
    });

    describe.each([
      ['ruleSystems', 'dnd5e-2014'],
      ['sources', 'PHB'],
      ['contentReferences', 1],
      ['importLog', 1],
    ] as const)('%s', (key, id) => {
      it.each([
        ['an empty patch', {}],
        ['only undefined values', { context: undefined, name: undefined }],
        ['the id', { id: key === 'ruleSystems' || key === 'sources' ? 'other' : 99 }],
        ['an unknown key', { bogus: 1 }],
        ['a snake_case column name', { rule_system_id: 'dnd5e-2024' }],
        ['createdAt', { createdAt: OLD }],
      ])('refuses %s with ValidationFailed; rows unchanged', (_what, patch) => {
        const before = rows(TABLE[key]);
        catchError('ValidationFailed', () => repository(catalog, key).update(id, patch));
        expect(rows(TABLE[key])).toEqual(before);
      });

      it('a missing row is NotFound', () => {
        const missing = typeof id === 'number' ? 999 : 'missing';
        const patch = { ruleSystems: { name: 'x' }, sources: { fullName: 'x' }, contentReferences: { context: 'x' }, importLog: { errorMessage: 'x' } }[key];
        catchError('NotFound', () => repository(catalog, key).update(missing, patch));
      });
    });
  });

  describe('batchUpsert', () => {
    it('counts inserted, updated and unchanged rows; unchanged rows keep updated_at', () => {
      const { sqlite } = opened.connection;
      sqlite.prepare("UPDATE sources SET updated_at = '2000-01-01T00:00:00.000Z'").run();
      const result = catalog.sources.batchUpsert([
        { id: 'DMG', ruleSystemId: 'dnd5e-2014', fullName: "Dungeon Master's Guide" },
        { id: 'PHB', ruleSystemId: 'dnd5e-2014', fullName: "Player's Handbook (2014), 10th printing", publishedDate: '2014-08-19', isSrd: true },
        // Exactly as seeded: nothing to write.
        { id: 'XPHB', ruleSystemId: 'dnd5e-2024', fullName: "Player's Handbook (2024)", publishedDate: '2024-09-17' },
      ]);
      expect(result).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
      expect(catalog.sources.get('PHB').fullName).toBe("Player's Handbook (2014), 10th printing");
      expect(catalog.sources.get('PHB').updatedAt).not.toBe('2000-01-01T00:00:00.000Z');
      expect(catalog.sources.get('XPHB').updatedAt).toBe('2000-01-01T00:00:00.000Z');
      expect(catalog.sources.get('DMG').isOfficial).toBe(true);
    });

    it('running the same batch twice changes nothing the second time', () => {
      const batch = [
        { id: 'pf1e', name: 'Pathfinder 1e', metadata: { year: 2009 } },
        { id: 'pf2e', name: 'Pathfinder 2e (Remastered)' },
      ];
      expect(catalog.ruleSystems.batchUpsert(batch)).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
      const after = rows('rule_systems');
      expect(catalog.ruleSystems.batchUpsert(batch)).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
      expect(rows('rule_systems')).toEqual(after);
    });

    it('content references are matched on their (source, target) key, not their id', () => {
      const result = catalog.contentReferences.batchUpsert([
        { sourceEntityId: 'fireball', sourceEntityType: 'spells', targetEntityId: 'PHB', targetEntityType: 'sources', ruleSystemId: 'dnd5e-2014', context: 'p. 241' },
        { sourceEntityId: 'goblin', sourceEntityType: 'creatures', targetEntityId: 'scimitar', targetEntityType: 'items', ruleSystemId: 'dnd5e-2014' },
        { sourceEntityId: 'orc', sourceEntityType: 'creatures', targetEntityId: 'greataxe', targetEntityType: 'items' },
      ]);
      expect(result).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
      expect(catalog.contentReferences.get(1).context).toBe('p. 241');
      expect(catalog.contentReferences.count()).toBe(6);
    });

    it('an empty batch writes nothing', () => {
      expect(catalog.importLog.batchUpsert([])).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
    });

    const goodSources = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `NEW${i}`, ruleSystemId: 'dnd5e-2014', fullName: `New book ${i}` }));

    it('one invalid row in the middle writes nothing (ValidationFailed with its index)', () => {
      const before = rows('sources');
      const batch: Record<string, unknown>[] = goodSources(5);
      batch[2] = { id: 'BAD ID', ruleSystemId: 'dnd5e-2014', fullName: 'x' };
      batch.push({ id: 'PHB', ruleSystemId: 'dnd5e-2014', fullName: 'changed' }); // an update, also not written
      const error = catchError('ValidationFailed', () => catalog.sources.batchUpsert(batch as never));
      expect(error.details.issues.map((issue) => issue.path)).toEqual([[2, 'id']]);
      expect(rows('sources')).toEqual(before);
    });

    it('a database-level failure in row 3 (foreign key) rolls back rows 1 and 2', () => {
      const before = rows('sources');
      const batch = goodSources(5);
      batch.unshift({ id: 'PHB', ruleSystemId: 'dnd5e-2014', fullName: 'changed before the failure' });
      batch[2] = { id: 'ORPHAN', ruleSystemId: 'no-such-system', fullName: 'x' };
      const error = catchError('ForeignKeyViolation', () => catalog.sources.batchUpsert(batch));
      expect(error.message).toMatch(/^Row 2: /);
      expect(error.message).toContain("rule_system_id 'no-such-system'");
      expect(rows('sources')).toEqual(before);
    });

    it('a foreign key failure in the second import log row rolls back the first', () => {
      const before = rows('import_log');
      const batch = [
        { filePath: 'a.json', fileType: 'spells' },
        { filePath: 'b.json', fileType: 'spells', sourceId: 'NOPE' },
      ];
      catchError('ForeignKeyViolation', () => catalog.importLog.batchUpsert(batch));
      expect(rows('import_log')).toEqual(before);
    });

    it('refuses a non-array', () => {
      catchError('ValidationFailed', () => catalog.sources.batchUpsert({ id: 'PHB' } as never));
    });
  });
});

/** SQLite's order: NULL first, numbers before text, text by code point. */
function order(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  return String(a) < String(b) ? -1 : 1;
}
