/**
 * The shared repository behaviour, proven once per entity table (races … feats): CRUD, typed
 * errors that leave the table unchanged, sorting and paging, batch upserts, JSON round trips,
 * read-only columns and the enumerations checked both by zod and by SQLite's CHECK constraints.
 * Entity-specific filters live in entity-filters.test.ts, index use in query-plans.test.ts.
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type InsertOf, type RowOf, type UpdateOf } from '../../src-shared/catalog/define';
import { catalogEntities, type CatalogEntities } from '../../src-shared/catalog/entities';
import { catchError, openMigrated, seedRuleSystemAndSource, type MigratedCatalog } from '../../test/helpers';
import {
  deepEntries,
  ENTITY_TABLES,
  idsOf,
  rawInsert,
  repositoryOf,
  samples,
  snapshot,
  type AnyRepository,
  type EntityTable,
  type SampleRow,
} from '../../test/entity-samples';
import { toCatalogError } from './sqlite-errors';

interface BadValue {
  /** Input key (camelCase) and a value zod must refuse. */
  key: string;
  value: unknown;
  /** The same mistake written straight to SQLite, which its CHECK constraint must refuse. */
  column?: string;
  raw?: unknown;
}

interface EntityCase {
  key: EntityTable;
  /** Generated (read-only) columns, computed by SQLite. */
  generated: string[];
  /** Entity-specific bad codes and ranges. */
  bad: BadValue[];
  /** A valid change of JSON columns, for partial updates. */
  jsonPatch: SampleRow;
  /** A nullable JSON column: null must stay SQL NULL, not the text 'null'. */
  nullableJson: { key: string; column: string };
}

const commonBad: BadValue[] = [
  { key: 'id', value: 'Not A Slug', column: 'id', raw: 'Not A Slug' },
  { key: 'name', value: '   ', column: 'name', raw: '' },
  { key: 'page', value: -1, column: 'page', raw: -1 },
  { key: 'entries', value: { type: 'entries', entries: [] }, column: 'entries', raw: '{"type":"entries","entries":[]}' },
  { key: 'entries', value: 'not json', column: 'entries', raw: 'not json' },
];

const cases: EntityCase[] = [
  {
    key: 'races',
    generated: [],
    bad: [
      { key: 'size', value: 'Q', column: 'size', raw: 'Q' },
      { key: 'raceType', value: 'nation', column: 'race_type', raw: 'nation' },
    ],
    jsonPatch: { speed: 25, abilityScores: [{ con: 2 }, { wis: 1 }], traitTags: [] },
    nullableJson: { key: 'speed', column: 'speed' },
  },
  {
    key: 'classes',
    generated: [],
    bad: [
      { key: 'casterProgression', value: 'quarter', column: 'caster_progression', raw: 'quarter' },
      { key: 'hitDie', value: 7, column: 'hit_die', raw: 7 },
      { key: 'spellAbility', value: 'luck', column: 'spell_ability', raw: 'luck' },
      { key: 'subclassLevel', value: 21, column: 'subclass_level', raw: 21 },
    ],
    jsonPatch: { savingThrows: ['str', 'con'], features: [{ name: 'Rage', source: 'PHB', level: 1, entries: ['In battle, you fight with primal ferocity.'] }] },
    nullableJson: { key: 'spellSlots', column: 'spell_slots' },
  },
  {
    key: 'items',
    generated: ['isMagic'],
    bad: [
      { key: 'rarity', value: 'mythic', column: 'rarity', raw: 'mythic' },
      { key: 'magicBonus', value: 6, column: 'magic_bonus', raw: 6 },
      { key: 'type', value: 'M|XPHB', column: 'type', raw: 'M|XPHB' },
      { key: 'valueCp', value: -1, column: 'value_cp', raw: -1 },
      { key: 'requiresAttunement', value: 'yes', column: 'requires_attunement', raw: 2 },
    ],
    jsonPatch: { damage: { dice: '1d6', type: 'P' }, properties: ['F', 'L', 'T'] },
    nullableJson: { key: 'damage', column: 'damage' },
  },
  {
    key: 'spells',
    generated: ['classesDisplay'],
    bad: [
      { key: 'school', value: 'X', column: 'school', raw: 'X' },
      { key: 'level', value: 10, column: 'level', raw: 10 },
      { key: 'level', value: -1, column: 'level', raw: -1 },
      { key: 'isRitual', value: 'yes', column: 'is_ritual', raw: 2 },
    ],
    jsonPatch: { components: { v: true, s: true, m: { text: 'a diamond worth 300 gp', cost: 30000, consume: true } }, classes: ['cleric'] },
    nullableJson: { key: 'range', column: 'range' },
  },
  {
    key: 'creatures',
    generated: ['crValue'],
    bad: [
      { key: 'size', value: 'Q', column: 'size', raw: 'Q' },
      { key: 'challengeRating', value: '1/3', column: 'challenge_rating', raw: '1/3' },
      { key: 'challengeRating', value: '31', column: 'challenge_rating', raw: '31' },
      { key: 'proficiencyBonus', value: 11, column: 'proficiency_bonus', raw: 11 },
      { key: 'isNpc', value: 1, column: 'is_npc', raw: 2 },
    ],
    jsonPatch: { hitPoints: { special: 'half the hit point maximum of its summoner' }, alignment: [{ alignment: ['C', 'E'], chance: 50 }] },
    nullableJson: { key: 'alignment', column: 'alignment' },
  },
  {
    key: 'backgrounds',
    generated: [],
    // No enumerations here: an empty feature name is refused by zod (the column has no CHECK).
    bad: [{ key: 'featureName', value: '' }],
    jsonPatch: { skillProficiencies: [{ deception: true, 'sleight of hand': true }] },
    nullableJson: { key: 'skillProficiencies', column: 'skill_proficiencies' },
  },
  {
    key: 'feats',
    generated: [],
    bad: [{ key: 'featType', value: 'legendary', column: 'feat_type', raw: 'legendary' }],
    jsonPatch: { prerequisites: [{ level: 4 }], abilityIncreases: [{ choose: { from: ['str', 'dex'], amount: 1 } }] },
    nullableJson: { key: 'abilityIncreases', column: 'ability_increases' },
  },
];

it('covers the seven entity tables', () => {
  expect(cases.map((c) => c.key)).toEqual([...ENTITY_TABLES]);
});

const OLD = '2000-01-01T00:00:00.000Z';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe.each(cases)('$key repository', ({ key, generated, bad, jsonPatch, nullableJson }) => {
  let ctx: MigratedCatalog;
  let repo: AnyRepository;
  let sqlite: Database.Database;
  const sample = samples[key];
  const full = (id: string, extra: SampleRow = {}) => ({ ...sample.full({ id, name: `Sample ${id}` }), ...extra });
  const minimal = (id: string, extra: SampleRow = {}) => ({ ...sample.minimal({ id, name: `Sample ${id}` }), ...extra });
  const table = () => snapshot(sqlite, key);
  const age = (id: string) =>
    sqlite.prepare(`UPDATE ${key} SET created_at = ?, updated_at = ? WHERE id = ?`).run(OLD, OLD, id);

  // One catalog per table (building eleven repositories costs ~0.1 s); each test starts from an
  // empty table. Foreign keys are paused for the reset only, so a parent row may go before its child.
  // (Tests here never write other tables, so emptying this one restores the seeded state.)
  beforeAll(() => {
    ctx = openMigrated();
    seedRuleSystemAndSource(ctx.catalog);
    repo = repositoryOf(ctx.catalog, key);
    sqlite = ctx.connection.sqlite;
  });
  afterAll(() => ctx.connection.close());
  beforeEach(() => {
    sqlite.pragma('foreign_keys = OFF');
    sqlite.exec(`DELETE FROM ${key}`);
    if (key === 'spells') sqlite.exec('DELETE FROM spell_classes'); // its cascade is paused too
    sqlite.pragma('foreign_keys = ON');
  });

  describe('create, get, find', () => {
    it('stores a new row, fills defaults and timestamps, and reads it back', () => {
      const created = repo.create(minimal('a'));
      expect(created).toMatchObject(minimal('a'));
      expect(created).toMatchObject({ page: null, entries: [] });
      expect(created.createdAt).toMatch(ISO);
      expect(created.updatedAt).toBe(created.createdAt);
      // Made through the API: the user's row, never touched by an import.
      expect(created).toMatchObject({ origin: 'user', userEditedAt: null, reprintedAs: null, supersededBy: null, unmapped: null });
      expect(repo.get('a')).toEqual(created);
      expect(repo.find('a')).toEqual(created);
    });

    it('NotFound for a missing id (find gives undefined)', () => {
      const error = catchError('NotFound', () => repo.get('missing'));
      expect(error.details).toEqual({ entity: key, id: 'missing' });
      expect(error.message).toContain("'missing'");
      expect(repo.find('missing')).toBeUndefined();
    });

    it('ValidationFailed for a malformed id, in every method', () => {
      repo.create(minimal('a'));
      const before = table();
      catchError('ValidationFailed', () => repo.get('Not A Slug'));
      catchError('ValidationFailed', () => repo.find(''));
      catchError('ValidationFailed', () => repo.update('A', { page: 1 }));
      catchError('ValidationFailed', () => repo.delete('a b'));
      expect(table()).toEqual(before);
    });

    it('AlreadyExists for a taken id, and the stored row is unchanged', () => {
      repo.create(full('a'));
      const before = table();
      const error = catchError('AlreadyExists', () => repo.create(minimal('a', { name: 'Someone else' })));
      expect(error.details).toMatchObject({ entity: key, id: 'a' });
      expect(table()).toEqual(before);
    });

    it('ForeignKeyViolation naming the missing source or rule system; nothing written', () => {
      const noSource = catchError('ForeignKeyViolation', () => repo.create(minimal('a', { sourceId: 'MM' })));
      expect(noSource.message).toContain("source_id 'MM' does not exist in sources");
      const noSystem = catchError('ForeignKeyViolation', () => repo.create(minimal('a', { ruleSystemId: 'pf2e' })));
      expect(noSystem.message).toContain("rule_system_id 'pf2e' does not exist in rule_systems");
      expect(table()).toEqual([]);
    });

    it.each([
      ['an unknown key', { bogus: 1 }],
      ['a snake_case column name', { rule_system_id: 'dnd5e-2014' }],
      ['a 5etools key that has no column', { srd: true }],
    ])('ValidationFailed for %s; nothing written', (_what, extra) => {
      const error = catchError('ValidationFailed', () => repo.create(full('a', extra)));
      expect(error.message).toContain(Object.keys(extra)[0]);
      expect(table()).toEqual([]);
    });

    it('ValidationFailed naming each missing required field', () => {
      const error = catchError('ValidationFailed', () => repo.create({ id: 'a' }));
      const paths = error.details.issues.map((issue) => issue.path.join('.'));
      expect(paths).toEqual(expect.arrayContaining(['name', 'ruleSystemId', 'sourceId']));
      expect(table()).toEqual([]);
    });
  });

  describe('update', () => {
    it('changes only the given columns and bumps updated_at', () => {
      repo.create(full('a'));
      age('a');
      const before = repo.get('a');
      const after = repo.update('a', { name: 'Renamed', page: 99 });
      expect(after).toEqual({ ...before, name: 'Renamed', page: 99, updatedAt: after.updatedAt, userEditedAt: after.updatedAt });
      expect(after.createdAt).toBe(OLD);
      expect(after.updatedAt).toMatch(ISO);
      expect(after.updatedAt > OLD).toBe(true);
      expect(repo.get('a')).toEqual(after);
    });

    it('replaces JSON columns with the patch and keeps the others', () => {
      repo.create(full('a'));
      const before = repo.get('a');
      const after = repo.update('a', jsonPatch);
      expect(after).toEqual({
        ...before,
        ...jsonPatch,
        ...generatedOf(after),
        updatedAt: after.updatedAt,
        userEditedAt: after.updatedAt,
      });
    });

    it('clears a nullable column with null', () => {
      repo.create(full('a'));
      expect(repo.update('a', { page: null }).page).toBeNull();
    });

    it('NotFound for a missing row; nothing written', () => {
      repo.create(full('a'));
      const before = table();
      catchError('NotFound', () => repo.update('b', { page: 3 }));
      expect(table()).toEqual(before);
    });

    it.each([
      ['an empty patch', {}],
      ['the id', { id: 'b' }],
      ['createdAt', { createdAt: OLD }],
      ['updatedAt', { updatedAt: OLD }],
      ['an unknown key', { bogus: 1 }],
      ['a snake_case column name', { source_id: 'XPHB' }],
    ])('ValidationFailed for %s; row unchanged', (_what, patch) => {
      repo.create(full('a'));
      const before = table();
      catchError('ValidationFailed', () => repo.update('a', patch));
      expect(table()).toEqual(before);
    });

    it('ForeignKeyViolation for a patch pointing at a missing source; row unchanged', () => {
      repo.create(full('a'));
      const before = table();
      const error = catchError('ForeignKeyViolation', () => repo.update('a', { sourceId: 'MM' }));
      expect(error.message).toContain("source_id 'MM'");
      expect(table()).toEqual(before);
    });
  });

  describe('delete', () => {
    it('removes the row; a second delete is NotFound', () => {
      repo.create(full('a'));
      repo.create(full('b'));
      expect(repo.delete('a')).toEqual({ id: 'a' });
      expect(repo.find('a')).toBeUndefined();
      catchError('NotFound', () => repo.get('a'));
      const before = table();
      catchError('NotFound', () => repo.delete('a'));
      expect(table()).toEqual(before);
      expect(idsOf(repo.list())).toEqual(['b']);
    });
  });

  describe('list', () => {
    // Names compare case-insensitively (COLLATE NOCASE); equal names fall back to the id.
    const rows = [
      minimal('n-e', { name: 'Echo' }),
      minimal('n-b2', { name: 'bravo' }),
      minimal('n-b1', { name: 'Bravo' }),
      minimal('n-a', { name: 'alpha' }),
      minimal('n-c', { name: 'Charlie', sourceId: 'XPHB', ruleSystemId: 'dnd5e-2024' }),
    ];
    const byName = ['n-a', 'n-b1', 'n-b2', 'n-c', 'n-e'];
    beforeEach(() => {
      for (const row of rows) repo.create(row);
    });

    it('sorts by name (default), case-insensitively, with the id as tiebreak in both directions', () => {
      expect(idsOf(repo.list())).toEqual(byName);
      expect(idsOf(repo.list({ sort: { by: 'name' } }))).toEqual(byName);
      expect(idsOf(repo.list({ sort: { by: 'name', direction: 'desc' } }))).toEqual([...byName].reverse());
      expect(idsOf(repo.list({ sort: { by: 'id', direction: 'desc' } }))).toEqual(['n-e', 'n-c', 'n-b2', 'n-b1', 'n-a']);
      // Four rows share PHB: they follow the id, ascending or descending with the sort.
      expect(idsOf(repo.list({ sort: { by: 'sourceId' } }))).toEqual(['n-a', 'n-b1', 'n-b2', 'n-e', 'n-c']);
      expect(idsOf(repo.list({ sort: { by: 'sourceId', direction: 'desc' } }))).toEqual(['n-c', 'n-e', 'n-b2', 'n-b1', 'n-a']);
    });

    it('returns the page window and the total count', () => {
      expect(repo.list()).toMatchObject({ total: 5, limit: DEFAULT_PAGE_SIZE, offset: 0 });
      const walked = [0, 1, 2, 3, 4].flatMap((offset) => {
        const page = repo.list({ limit: 1, offset });
        expect(page).toMatchObject({ total: 5, limit: 1, offset });
        return idsOf(page);
      });
      expect(walked).toEqual(byName);
      expect(repo.list({ limit: 2, offset: 3 })).toMatchObject({ items: [{ id: 'n-c' }, { id: 'n-e' }], total: 5 });
    });

    it('an offset past the end gives an empty page, still with the total', () => {
      expect(repo.list({ offset: 5 })).toEqual({ items: [], total: 5, limit: DEFAULT_PAGE_SIZE, offset: 5 });
      expect(repo.list({ offset: 1_000_000, limit: 1 })).toMatchObject({ items: [], total: 5 });
      expect(repo.list({ filter: { sourceId: 'XPHB' }, offset: 1 })).toMatchObject({ items: [], total: 1 });
    });

    it('count agrees with the total of list', () => {
      expect(repo.count()).toBe(5);
      expect(repo.count({ sourceId: 'XPHB' })).toBe(1);
      expect(repo.count({ sourceId: 'XPHB' })).toBe(repo.list({ filter: { sourceId: 'XPHB' } }).total);
    });

    it.each([
      ['a limit over the cap', { limit: MAX_PAGE_SIZE + 1 }],
      ['a limit of 10,000', { limit: 10_000 }],
    ])('refuses %s with ValidationFailed naming the cap', (_what, input) => {
      const error = catchError('ValidationFailed', () => repo.list(input));
      expect(error.message).toContain(`capped at ${MAX_PAGE_SIZE}`);
      expect(error.details.issues[0]?.path).toEqual(['limit']);
    });

    it.each([
      ['limit 0', { limit: 0 }],
      ['a negative limit', { limit: -1 }],
      ['a fractional limit', { limit: 1.5 }],
      ['a negative offset', { offset: -1 }],
      ['a fractional offset', { offset: 0.5 }],
      ['an unknown sort column', { sort: { by: 'nope' } }],
      ['an unsortable JSON column', { sort: { by: 'entries' } }],
      ['an unknown direction', { sort: { by: 'name', direction: 'up' } }],
      ['an unknown filter', { filter: { bogus: 1 } }],
      ['an unknown key', { page: 2 }],
      ['an empty oneOf list', { filter: { sourceId: [] } }],
      ['over 100 oneOf values', { filter: { sourceId: Array.from({ length: 101 }, (_, i) => `B${i}`) } }],
      ['an empty search text', { filter: { nameContains: '' } }],
      ['a search text over 200 characters', { filter: { nameStartsWith: 'x'.repeat(201) } }],
    ])('refuses %s with ValidationFailed', (_what, input) => {
      catchError('ValidationFailed', () => repo.list(input as never));
    });
    it('refuses an unknown filter in count', () => {
      catchError('ValidationFailed', () => repo.count({ bogus: 1 } as never));
    });
  });

  describe('pages at the cap', () => {
    it(`gives MAX_PAGE_SIZE (${MAX_PAGE_SIZE}) rows per page at most`, () => {
      const many = Array.from({ length: MAX_PAGE_SIZE + 1 }, (_, i) => minimal(`row-${String(i).padStart(4, '0')}`));
      expect(repo.batchUpsert(many)).toEqual({ inserted: MAX_PAGE_SIZE + 1, updated: 0, unchanged: 0 });
      const first = repo.list({ limit: MAX_PAGE_SIZE, sort: { by: 'id' } });
      expect(first.items).toHaveLength(MAX_PAGE_SIZE);
      expect(first.total).toBe(MAX_PAGE_SIZE + 1);
      expect(idsOf(repo.list({ limit: MAX_PAGE_SIZE, offset: MAX_PAGE_SIZE, sort: { by: 'id' } }))).toEqual([
        `row-${String(MAX_PAGE_SIZE).padStart(4, '0')}`,
      ]);
    });
  });

  describe('batchUpsert', () => {
    it('counts inserted, updated and unchanged rows; identical rows keep updated_at', () => {
      expect(repo.batchUpsert([full('a'), full('b')])).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
      age('a');
      age('b');
      expect(repo.batchUpsert([full('a'), full('b')])).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
      expect(repo.get('a').updatedAt).toBe(OLD);
      const changed = full('a', { name: 'Changed', page: 7 });
      expect(repo.batchUpsert([changed, full('b'), full('c')])).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
      const a = repo.get('a');
      expect(a).toMatchObject({ name: 'Changed', page: 7, createdAt: OLD });
      expect(a.updatedAt > OLD).toBe(true);
      expect(repo.get('b').updatedAt).toBe(OLD);
      expect(repo.get('c')).toMatchObject(full('c'));
    });

    it('marks what it writes as the user\'s: new rows origin user, changed rows user-edited, imported rows keep their origin', () => {
      repo.batchUpsert([full('a'), full('b')]);
      sqlite.prepare(`UPDATE ${key} SET origin = 'import' WHERE id = 'a'`).run();
      repo.batchUpsert([full('a', { page: 3 }), full('b')]);
      expect(repo.get('a')).toMatchObject({ origin: 'import', page: 3 });
      expect(repo.get('a').userEditedAt).toBe(repo.get('a').updatedAt);
      // Unchanged: not an edit.
      expect(repo.get('b')).toMatchObject({ origin: 'user', userEditedAt: null });
      repo.update('b', { page: 4 });
      expect(repo.get('b').userEditedAt).toMatch(ISO);
    });

    it('writes a change of capitalisation only (names compare NOCASE, the upsert must not)', () => {
      repo.batchUpsert([full('a', { name: 'magic missile' })]);
      expect(repo.batchUpsert([full('a', { name: 'Magic Missile' })])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
      expect(repo.get('a').name).toBe('Magic Missile');
    });

    it('a row that fails validation in the middle writes nothing', () => {
      repo.create(full('a'));
      const before = table();
      const error = catchError('ValidationFailed', () =>
        repo.batchUpsert([full('a', { name: 'Changed' }), minimal('b', { bogus: true }), full('c')]),
      );
      expect(error.details.issues[0]?.path[0]).toBe(1);
      expect(table()).toEqual(before);
    });

    it('a row the database refuses in the middle rolls back the rows before it', () => {
      repo.create(full('a'));
      const before = table();
      const error = catchError('ForeignKeyViolation', () =>
        repo.batchUpsert([full('a', { name: 'Changed' }), full('new-1'), minimal('b', { sourceId: 'MM' }), full('c')]),
      );
      expect(error.message).toMatch(/^Row 2: .*source_id 'MM'/);
      expect(table()).toEqual(before);
    });

    it('an empty batch does nothing; a non-array is ValidationFailed', () => {
      expect(repo.batchUpsert([])).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
      catchError('ValidationFailed', () => repo.batchUpsert(full('a') as never));
      expect(table()).toEqual([]);
    });
  });

  describe('JSON round trip', () => {
    it('reads back exactly what was written, nested 5etools values included', () => {
      const written = full('a');
      const created = repo.create(written);
      for (const [column, value] of Object.entries(written)) expect(created[column], column).toEqual(value);
      expect(repo.get('a')).toEqual(created);
      expect(repo.list().items[0]).toEqual(created);
      expect(JSON.parse(sqlite.prepare(`SELECT entries FROM ${key} WHERE id = 'a'`).pluck().get() as string)).toEqual(deepEntries);
    });

    it('round-trips through batchUpsert and update too', () => {
      repo.batchUpsert([full('a')]);
      for (const [column, value] of Object.entries(full('a'))) expect(repo.get('a')[column], column).toEqual(value);
      const updated = repo.update('a', { entries: [...deepEntries].reverse() });
      expect(updated.entries).toEqual([...deepEntries].reverse());
    });

    it('keeps JSON-looking strings, empty values and numbers exactly', () => {
      const entries = [
        'null',
        '{"a":1}',
        '[1, 2]',
        '',
        '  spaced  ',
        { type: 'entries', name: '', entries: [] },
        { type: 'table', colLabels: ['d6', 'Value'], rows: [[0, -1.5], [123456789012, 1e21]] },
      ];
      repo.create(full('a', { entries }));
      expect(repo.get('a').entries).toEqual(entries);
      expect(JSON.parse(sqlite.prepare(`SELECT entries FROM ${key} WHERE id = 'a'`).pluck().get() as string)).toEqual(entries);
    });

    it('stores null in a JSON column as SQL NULL, not the text "null"', () => {
      repo.create(full('a'));
      expect(repo.update('a', { [nullableJson.key]: null })[nullableJson.key]).toBeNull();
      expect(sqlite.prepare(`SELECT ${nullableJson.column} IS NULL FROM ${key} WHERE id = 'a'`).pluck().get()).toBe(1);
      repo.create(minimal('b'));
      expect(sqlite.prepare(`SELECT ${nullableJson.column} IS NULL FROM ${key} WHERE id = 'b'`).pluck().get()).toBe(1);
    });
  });

  describe('read-only columns', () => {
    const readOnly = [...generated, 'createdAt', 'updatedAt', 'origin', 'userEditedAt'];
    it.each(readOnly)('%s is refused on insert, update and batch upsert; nothing written', (column) => {
      repo.create(full('a'));
      const before = table();
      const onInsert = catchError('ValidationFailed', () => repo.create(minimal('b', { [column]: 1 })));
      expect(onInsert.message).toContain(column);
      catchError('ValidationFailed', () => repo.update('a', { [column]: 1 }));
      catchError('ValidationFailed', () => repo.batchUpsert([full('a', { [column]: 1 })]));
      expect(table()).toEqual(before);
    });
  });

  describe('bad values', () => {
    const all = [...commonBad, ...bad];
    it.each(all)('$key = $value is refused by zod on create and update; nothing written', ({ key: input, value }) => {
      repo.create(full('a'));
      const before = table();
      const onCreate = catchError('ValidationFailed', () => repo.create(full('b', { [input]: value })));
      expect(onCreate.details.issues.map((issue) => issue.path[0])).toContain(input);
      catchError('ValidationFailed', () => repo.update('a', { [input]: value }));
      expect(table()).toEqual(before);
    });

    const checked = all.filter((b): b is BadValue & { column: string } => b.column !== undefined);
    it.each(checked)('$column = $raw written with raw SQL is refused by a CHECK constraint', ({ column, raw }) => {
      repo.create(full('a'));
      const before = table();
      const onInsert = toCatalogError(thrown(() => rawInsert(sqlite, key, 'raw-row', { [column]: raw })), { entity: key });
      expect(onInsert.error).toMatchObject({ code: 'ConstraintViolation', details: { constraint: 'check' } });
      const update = () => sqlite.prepare(`UPDATE ${key} SET "${column}" = ? WHERE id = 'a'`).run(raw);
      expect(toCatalogError(thrown(update), { entity: key }).code).toBe('ConstraintViolation');
      expect(table()).toEqual(before);
    });

    it('the raw SQL path itself works for a valid row (so the refusals above are the CHECKs)', () => {
      rawInsert(sqlite, key, 'raw-row');
      expect(repo.get('raw-row')).toMatchObject({ id: 'raw-row', entries: [] });
    });
  });
});

describe('read-only columns are absent from the insert and update types', () => {
  it('generated columns and timestamps', () => {
    expectTypeOf<InsertOf<CatalogEntities['items']>>().not.toHaveProperty('isMagic');
    expectTypeOf<UpdateOf<CatalogEntities['items']>>().not.toHaveProperty('isMagic');
    expectTypeOf<InsertOf<CatalogEntities['spells']>>().not.toHaveProperty('classesDisplay');
    expectTypeOf<UpdateOf<CatalogEntities['spells']>>().not.toHaveProperty('classesDisplay');
    expectTypeOf<InsertOf<CatalogEntities['creatures']>>().not.toHaveProperty('crValue');
    expectTypeOf<UpdateOf<CatalogEntities['creatures']>>().not.toHaveProperty('crValue');
    expectTypeOf<InsertOf<CatalogEntities['races']>>().not.toHaveProperty('updatedAt');
    expectTypeOf<UpdateOf<CatalogEntities['feats']>>().not.toHaveProperty('createdAt');
    expectTypeOf<UpdateOf<CatalogEntities['feats']>>().not.toHaveProperty('id');
    // …while a row read back has them.
    expectTypeOf<RowOf<CatalogEntities['items']>>().toHaveProperty('isMagic');
    expectTypeOf<RowOf<CatalogEntities['creatures']>>().toHaveProperty('crValue');
    // Run-time half: the schemas themselves do not know the keys.
    expect(Object.keys(catalogEntities.items.insert.shape)).not.toContain('isMagic');
    expect(Object.keys(catalogEntities.spells.update.shape)).not.toContain('classesDisplay');
    expect(Object.keys(catalogEntities.creatures.insert.shape)).not.toContain('crValue');
  });
});

/** The generated columns of a row (they may change with an update, e.g. classes_display). */
function generatedOf(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of ['isMagic', 'classesDisplay', 'crValue']) if (column in row) out[column] = row[column];
  return out;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the statement to be refused');
}
