/**
 * Every channel of the IPC contract, end to end: the renderer client (the preload's code) → a
 * transport that structured-clones like Electron → the router (sender check, payload limits;
 * zod for main-process channels) → the database dispatcher (the one zod parse) → the
 * repositories on a real SQLite file, or the main-process handlers over stand-in services. For each channel: success, and
 * each error the channel documents, with the stored data unchanged by every failed call.
 *
 * The suite walks `contract`, so a channel added there without test cases here fails the run.
 */
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE, summaryKeys } from '../../src-shared/catalog/define';
import { catalogEntities, ENTITY_KEYS, type EntityKey } from '../../src-shared/catalog/entities';
import { samples, ENTITY_TABLES, type EntityTable } from '../../test/entity-samples';
import { tempDir } from '../../test/helpers';
import { contract, ENTITY_API, ENTITY_VERBS, MAX_BATCH_ROWS, type EntityVerb } from '../../src-shared/contract';
import {
  ERROR_CODES,
  isAppError,
  type ErrorCode,
  type ErrorOf,
  type ReferencingRows,
  type Result,
} from '../../src-shared/errors';
import { IMPORT_KINDS, type ImportProgress, type ImportResult } from '../../src-shared/import-types';
import { embeddedMigrations } from '../db/migrations';
import { openCatalog } from '../db/startup';
import { sampleRow, SAMPLE_NAMES, SEED_RULE_SYSTEMS, SEED_SOURCES } from '../../test/sample-rows';
import { createTestTransport, dumpDatabase, RAW_SQLITE_TEXT, type TestTransport } from '../../test/ipc-transport';
import { writeTwoSpellFolder } from '../../test/synthetic-5etools';

type Row = Record<string, unknown>;
type AnyMethod = (input?: unknown) => Promise<Result<unknown>>;

// ---------------------------------------------------------------------------------------------
// A migrated catalog with the two rule systems and their core books, copied for every test.

let template: string;

beforeAll(() => {
  template = join(tempDir('mimir-ipc-template-'), 'catalog.sqlite');
  const { catalog, connection } = openCatalog(template);
  for (const row of SEED_RULE_SYSTEMS) catalog.ruleSystems.create(row);
  for (const row of SEED_SOURCES) catalog.sources.create(row);
  connection.close();
});

let t: TestTransport;
beforeEach(() => {
  t = createTestTransport({ copyFrom: template });
});
afterEach(() => t.close());

/** Every reply of this file is checked here: a well-formed envelope, no raw SQLite text. */
function checkEnvelope(reply: Result<unknown>): Result<unknown> {
  expect(typeof reply.ok).toBe('boolean');
  if (!reply.ok) {
    expect(isAppError(reply.error), JSON.stringify(reply.error)).toBe(true);
    expect(ERROR_CODES).toContain(reply.error.code);
    expect(reply.error.message).not.toMatch(RAW_SQLITE_TEXT);
  }
  return reply;
}

function method(namespace: string, verb: string): AnyMethod {
  const fn = (t.client as unknown as Record<string, Record<string, AnyMethod>>)[namespace]?.[verb];
  if (!fn) throw new Error(`window.mimir.${namespace}.${verb} does not exist`);
  return async (input) => checkEnvelope(await fn(input));
}

/** Calls `window.mimir.<namespace>.<verb>(input)`; returns the data of a successful reply. */
async function ok<T = unknown>(namespace: string, verb: string, input?: unknown): Promise<T> {
  const reply = await method(namespace, verb)(input);
  if (!reply.ok) throw new Error(`${namespace}.${verb} failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.data as T;
}

/**
 * Calls and expects the typed error `code`. Whatever the call, the database must be exactly as
 * it was before (a failed call writes nothing).
 */
async function rejected<C extends ErrorCode>(namespace: string, verb: string, input: unknown, code: C): Promise<ErrorOf<C>> {
  const before = dumpDatabase(t.connection.sqlite);
  const reply = await method(namespace, verb)(input);
  expect(reply.ok, `expected ${code}, got ${JSON.stringify(reply).slice(0, 300)}`).toBe(false);
  const error = (reply as { ok: false; error: ErrorOf<C> }).error;
  expect(error.code, error.message).toBe(code);
  expect(dumpDatabase(t.connection.sqlite)).toEqual(before);
  return error;
}

const pathsOf = (error: ErrorOf<'ValidationFailed'>) => error.details.issues.map((issue) => issue.path);

// ---------------------------------------------------------------------------------------------
// Sample rows per table: real 5etools shapes (entity tables from test/entity-samples).

interface EntitySpec {
  /** Valid create input; distinct n give distinct rows. */
  row(n: number): Row;
  /** An id of the right format that no row has. */
  unknownId: string | number;
  /** An id of the wrong format or type. */
  badId: unknown;
  /** A valid partial update, and a field of the wrong type. */
  patch: Row;
  badValue: { key: string; value: unknown };
  /** A key the insert schema refuses (read-only or generated column, or a typo). */
  unknownKey: string;
  /** Filters: `match` selects row(1) but not row(2) nor the seed rows; `miss` selects neither. */
  filter: { match: Row; miss: Row };
  /** A reference column and a value that points at nothing. */
  foreignKey?: { key: string; value: string };
  /** A create input zod accepts but SQLite's CHECK constraint refuses. */
  constraint?: (n: number) => Row;
  /** Creates rows that reference row(1) (already stored); returns the counts delete must report. */
  /** The references expected (table, column, count); the words (`noun`) are checked from the message. */
  referencedBy?: (id: string | number) => Promise<Omit<ReferencingRows, 'noun'>[]>;
}

function entityTable(key: EntityTable, overrides: Partial<EntitySpec> & Pick<EntitySpec, 'filter'>): EntitySpec {
  return {
    row: (n) => sampleRow(key, n),
    unknownId: 'no-such-thing-phb',
    badId: 'Not A Slug',
    patch: { name: `${SAMPLE_NAMES[key]} (revised)`, page: 7 },
    badValue: { key: 'page', value: 'two hundred' },
    unknownKey: 'createdAt',
    foreignKey: { key: 'sourceId', value: 'NOPE' },
    ...overrides,
  };
}

/** `n` minimal rows of `namespace` plus `values(i)` (the reference), created through the API. */
async function childRows(namespace: EntityTable, n: number, values: (i: number) => Row): Promise<void> {
  for (let i = 1; i <= n; i++) {
    const id = `${namespace}-child-${i}-phb`;
    await ok(namespace, 'create', { ...samples[namespace].minimal({ id, name: `Child ${i}` }), ...values(i) });
  }
}

const SPECS: Record<EntityKey, EntitySpec> = {
  ruleSystems: {
    row: (n) => sampleRow('ruleSystems', n),
    unknownId: 'no-such-system',
    badId: 'D&D 5e',
    patch: { name: 'Homebrew System (revised)', isActive: false },
    badValue: { key: 'isActive', value: 'yes' },
    unknownKey: 'createdAt',
    filter: { match: { isActive: true, nameStartsWith: 'Homebrew System 1' }, miss: { isActive: false } },
    referencedBy: async (id) => {
      await ok('sources', 'create', { id: 'HB', ruleSystemId: id, fullName: 'Homebrew Handbook' });
      await ok('contentReferences', 'create', {
        sourceEntityId: 'hb',
        sourceEntityType: 'sources',
        targetEntityId: String(id),
        targetEntityType: 'rule_systems',
        ruleSystemId: id,
      });
      return [
        { entity: 'sources', column: 'rule_system_id', count: 1 },
        { entity: 'content_references', column: 'rule_system_id', count: 1 },
      ];
    },
  },
  sources: {
    row: (n) => sampleRow('sources', n),
    unknownId: 'NOPE',
    badId: 'PHB 2014',
    patch: { fullName: 'Monster Manual (2014, revised)', publishedDate: '2015-01-01' },
    badValue: { key: 'publishedDate', value: '30 September 2014' },
    unknownKey: 'name',
    filter: { match: { nameContains: 'monster', ruleSystemId: 'dnd5e-2014', isSrd: true }, miss: { isOfficial: false } },
    foreignKey: { key: 'ruleSystemId', value: 'dnd4e' },
    // The issue's example: a source still used by spells, items and an import run.
    referencedBy: async (id) => {
      await childRows('spells', 2, () => ({ sourceId: id }));
      await childRows('items', 1, () => ({ sourceId: id }));
      t.catalog.importLog.create({ filePath: '/data/mm.json', fileType: '5etools', sourceId: String(id) });
      return [
        { entity: 'items', column: 'source_id', count: 1 },
        { entity: 'spells', column: 'source_id', count: 2 },
        { entity: 'import_log', column: 'source_id', count: 1 },
      ];
    },
  },
  races: entityTable('races', {
    filter: { match: { raceType: 'race', size: ['M', 'S'], nameStartsWith: 'Dragonborn 1' }, miss: { raceType: 'subrace' } },
    badValue: { key: 'size', value: ['M'] },
    constraint: (n) => ({ ...samples.races.minimal({ id: `orphan-${n}-phb`, name: 'Orphan' }), raceType: 'subrace' }),
    referencedBy: async (id) => {
      await childRows('races', 2, () => ({ raceType: 'subrace', parentRaceId: id }));
      return [{ entity: 'races', column: 'parent_race_id', count: 2 }];
    },
  }),
  classes: entityTable('classes', {
    filter: {
      match: { classType: 'class', casterProgression: 'full', spellAbility: 'int', nameStartsWith: 'Wizard 1' },
      miss: { casterProgression: 'pact' },
    },
    badValue: { key: 'hitDie', value: 7 },
    constraint: (n) => ({ ...samples.classes.minimal({ id: `orphan-${n}-phb`, name: 'Orphan' }), classType: 'subclass' }),
    referencedBy: async (id) => {
      await childRows('classes', 1, () => ({ classType: 'subclass', parentClassId: id }));
      return [{ entity: 'classes', column: 'parent_class_id', count: 1 }];
    },
  }),
  items: entityTable('items', {
    filter: {
      match: { isMagic: true, rarity: ['rare', 'very rare'], valueMinCp: 1000, requiresAttunement: true, nameStartsWith: 'Longsword 1' },
      miss: { isMagic: false },
    },
    badValue: { key: 'valueCp', value: '15 gp' },
    unknownKey: 'isMagic',
    referencedBy: async (id) => {
      await childRows('items', 3, () => ({ baseItemId: id, rarity: 'uncommon', magicBonus: 1 }));
      return [{ entity: 'items', column: 'base_item_id', count: 3 }];
    },
  }),
  spells: entityTable('spells', {
    filter: {
      match: { level: 3, school: 'V', class: 'Wizard', isConcentration: true, nameStartsWith: 'Fireball 1' },
      miss: { class: 'cleric' },
    },
    badValue: { key: 'level', value: 10 },
    unknownKey: 'classesDisplay',
  }),
  creatures: entityTable('creatures', {
    filter: {
      match: { crMin: '1/8', crMax: 0.5, size: 'S', type: 'humanoid', environment: 'forest', nameStartsWith: 'Goblin 1' },
      miss: { crMin: 1 },
    },
    badValue: { key: 'challengeRating', value: '1/3' },
    unknownKey: 'crValue',
  }),
  backgrounds: entityTable('backgrounds', {
    filter: { match: { featureNameContains: 'shelter', nameStartsWith: 'Acolyte 1' }, miss: { featureTextContains: 'dragon' } },
    badValue: { key: 'featureName', value: 42 },
  }),
  feats: entityTable('feats', {
    filter: { match: { featType: 'general', hasPrerequisites: true, nameStartsWith: 'Grappler 1' }, miss: { hasPrerequisites: false } },
    badValue: { key: 'featType', value: 'heroic' },
  }),
  rulesTerms: {
    row: (n) => sampleRow('rulesTerms', n),
    unknownId: 'no-such-thing-phb',
    badId: 'Not A Slug',
    patch: { name: 'Frightened (revised)', page: 7 },
    badValue: { key: 'termType', value: 'curse' },
    unknownKey: 'createdAt',
    foreignKey: { key: 'sourceId', value: 'NOPE' },
    filter: { match: { termType: 'condition', nameStartsWith: 'Frightened 1' }, miss: { termType: 'skill' } },
  },
  contentReferences: {
    row: (n) => sampleRow('contentReferences', n),
    unknownId: 999_999,
    badId: 'one',
    patch: { referenceType: 'related', context: 'Goblin equipment' },
    badValue: { key: 'referenceType', value: 'cites' },
    unknownKey: 'updatedAt',
    filter: {
      match: { targetEntityId: 'scimitar-phb', sourceEntityType: 'creatures', referenceType: 'mentions' },
      miss: { targetEntityType: 'spells' },
    },
    foreignKey: { key: 'ruleSystemId', value: 'dnd4e' },
  },
  importLog: {
    row: (n) => sampleRow('importLog', n),
    unknownId: 999_999,
    badId: -3,
    patch: { importStatus: 'failed', errorMessage: 'The data folder could not be read.' },
    badValue: { key: 'recordsImported', value: -1 },
    unknownKey: 'createdAt',
    filter: {
      match: { importStatus: 'success', startedFrom: '2024-05-01T00:00:00.000Z', startedUntil: '2024-05-01T23:59:59.999Z' },
      miss: { importStatus: 'failed' },
    },
    foreignKey: { key: 'sourceId', value: 'NOPE' },
  },
};

const idOf = (row: unknown) => (row as { id: string | number }).id;

/** row(n) created through the API (through the repository for a read-only table); returns the stored row. */
const create = (key: EntityKey, n: number): Promise<Row> =>
  (ENTITY_API[key] as readonly EntityVerb[]).includes('create')
    ? ok<Row>(key, 'create', SPECS[key].row(n))
    : Promise.resolve(structuredClone((t.catalog[key] as unknown as { create(row: Row): Row }).create(SPECS[key].row(n))));

// ---------------------------------------------------------------------------------------------
// Test cases per entity verb.

const entityVerbCases: Record<EntityVerb, (key: EntityKey, spec: EntitySpec) => void> = {
  create(key, spec) {
    it('stores the row and returns it as stored', async () => {
      const input = spec.row(1);
      const row = await ok<Row>(key, 'create', input);
      for (const [field, value] of Object.entries(input)) expect(row[field], field).toEqual(value);
      expect(await ok(key, 'get', { id: idOf(row) })).toEqual(row);
    });
    it('AlreadyExists when the row exists (nothing changes)', async () => {
      const row = await create(key, 1);
      const error = await rejected(key, 'create', spec.row(1), 'AlreadyExists');
      expect(error.details.entity).toBe(catalogEntities[key].name);
      expect(error.message).toMatch(/already exists/);
      expect(await ok(key, 'get', { id: idOf(row) })).toEqual(row);
    });
    if (spec.foreignKey) {
      const { key: column, value } = spec.foreignKey;
      it(`ForeignKeyViolation for an unknown ${column}`, async () => {
        const error = await rejected(key, 'create', { ...spec.row(1), [column]: value }, 'ForeignKeyViolation');
        expect(error.message).toContain(`'${value}' does not exist`);
      });
    }
    if (spec.constraint) {
      const row = spec.constraint;
      it('ConstraintViolation for a row only SQLite can refuse (a child without its parent)', async () => {
        const error = await rejected(key, 'create', row(1), 'ConstraintViolation');
        expect(error.details.constraint).toBe('check');
      });
    }
    it('ValidationFailed with the field path for a value of the wrong type', async () => {
      const error = await rejected(key, 'create', { ...spec.row(1), [spec.badValue.key]: spec.badValue.value }, 'ValidationFailed');
      expect(pathsOf(error)).toContainEqual([spec.badValue.key]);
      expect(error.message).toContain(spec.badValue.key);
    });
    it(`ValidationFailed for an unknown or read-only key (${spec.unknownKey})`, async () => {
      const error = await rejected(key, 'create', { ...spec.row(1), [spec.unknownKey]: 1 }, 'ValidationFailed');
      expect(pathsOf(error)).toEqual([[spec.unknownKey]]);
    });
    it('ValidationFailed for an id of the wrong format', async () => {
      const error = await rejected(key, 'create', { ...spec.row(1), id: spec.badId }, 'ValidationFailed');
      expect(pathsOf(error)).toEqual([['id']]);
    });
    it('ValidationFailed for a missing body', async () => {
      await rejected(key, 'create', undefined, 'ValidationFailed');
    });
  },

  get(key, spec) {
    it('returns the row', async () => {
      const row = await create(key, 1);
      expect(await ok(key, 'get', { id: idOf(row) })).toEqual(row);
    });
    it('NotFound for an unknown id, naming entity and id', async () => {
      const error = await rejected(key, 'get', { id: spec.unknownId }, 'NotFound');
      expect(error.details).toEqual({ entity: expect.any(String), id: String(spec.unknownId) });
    });
    it('ValidationFailed for an id of the wrong format', async () => {
      const error = await rejected(key, 'get', { id: spec.badId }, 'ValidationFailed');
      expect(pathsOf(error)).toEqual([['id']]);
    });
    it('ValidationFailed for an unknown key', async () => {
      const row = await create(key, 1);
      const error = await rejected(key, 'get', { id: idOf(row), withRelations: true }, 'ValidationFailed');
      expect(pathsOf(error)).toEqual([['withRelations']]);
    });
  },

  update(key, spec) {
    it('changes the given fields only and returns the stored row', async () => {
      const before = await create(key, 1);
      const after = await ok<Row>(key, 'update', { id: idOf(before), patch: spec.patch });
      for (const [field, value] of Object.entries(spec.patch)) expect(after[field], field).toEqual(value);
      // updatedAt changes; userEditedAt records the user's edit (the importer's sync leaves such rows alone).
      const untouched = Object.keys(before).filter((k) => !(k in spec.patch) && k !== 'updatedAt' && k !== 'userEditedAt');
      for (const field of untouched) expect(after[field], field).toEqual(before[field]);
      if ('userEditedAt' in before) expect(after['userEditedAt']).toBe(after['updatedAt']);
      expect(await ok(key, 'get', { id: idOf(before) })).toEqual(after);
    });
    it('NotFound for an unknown id', async () => {
      await rejected(key, 'update', { id: spec.unknownId, patch: spec.patch }, 'NotFound');
    });
    it('ValidationFailed with the path into the patch', async () => {
      const row = await create(key, 1);
      const error = await rejected(
        key,
        'update',
        { id: idOf(row), patch: { [spec.badValue.key]: spec.badValue.value } },
        'ValidationFailed',
      );
      expect(pathsOf(error)).toContainEqual(['patch', spec.badValue.key]);
    });
    it('ValidationFailed for the id or an unknown key inside the patch', async () => {
      const row = await create(key, 1);
      const moved = await rejected(key, 'update', { id: idOf(row), patch: { id: spec.unknownId } }, 'ValidationFailed');
      expect(pathsOf(moved)).toEqual([['patch', 'id']]);
      const unknown = await rejected(key, 'update', { id: idOf(row), patch: { [spec.unknownKey]: 1 } }, 'ValidationFailed');
      expect(pathsOf(unknown)).toEqual([['patch', spec.unknownKey]]);
    });
    it('ValidationFailed for an empty patch', async () => {
      const row = await create(key, 1);
      const error = await rejected(key, 'update', { id: idOf(row), patch: {} }, 'ValidationFailed');
      expect(error.message).toMatch(/Nothing to update/);
    });
    if (spec.foreignKey) {
      const { key: column, value } = spec.foreignKey;
      it(`ForeignKeyViolation when ${column} is changed to an unknown value`, async () => {
        const row = await create(key, 1);
        await rejected(key, 'update', { id: idOf(row), patch: { [column]: value } }, 'ForeignKeyViolation');
      });
    }
  },

  delete(key, spec) {
    it('removes the row and returns its id', async () => {
      const row = await create(key, 1);
      expect(await ok(key, 'delete', { id: idOf(row) })).toEqual({ id: idOf(row) });
      await rejected(key, 'get', { id: idOf(row) }, 'NotFound');
    });
    it('NotFound for an unknown id', async () => {
      await rejected(key, 'delete', { id: spec.unknownId }, 'NotFound');
    });
    it('ValidationFailed for an id of the wrong format', async () => {
      const error = await rejected(key, 'delete', { id: spec.badId }, 'ValidationFailed');
      expect(pathsOf(error)).toEqual([['id']]);
    });
    if (spec.referencedBy) {
      const referencedBy = spec.referencedBy;
      it('ReferencedByOthers with the count per referencing table while rows point at it', async () => {
        const row = await create(key, 1);
        const expected = await referencedBy(idOf(row));
        const error = await rejected(key, 'delete', { id: idOf(row) }, 'ReferencedByOthers');
        expect(error.details.id).toBe(String(idOf(row)));
        expect(error.details.references).toHaveLength(expected.length);
        expect(error.details.references).toEqual(expect.arrayContaining(expected.map((ref) => expect.objectContaining(ref))));
        for (const ref of error.details.references) expect(error.message).toContain(ref.noun);
      });
    }
  },

  list(key, spec) {
    it("filters with the entity's filters", async () => {
      const [first] = [await create(key, 1), await create(key, 2)];
      const page = await ok<{ items: Row[]; total: number }>(key, 'list', { filter: spec.filter.match });
      expect(page.items.map(idOf)).toEqual([idOf(first)]);
      expect(page.total).toBe(1);
      expect(page.items[0]).toEqual(first);
      const none = await ok<{ items: Row[]; total: number }>(key, 'list', { filter: spec.filter.miss });
      expect(none).toMatchObject({ items: [], total: 0 });
    });
    if ('nameStartsWith' in catalogEntities[key].filters) {
      it('nameStartsWith ignores case', async () => {
        const row = await create(key, 1);
        const name = String(row['name'] ?? row['fullName']);
        for (const prefix of [name.slice(0, 5).toLowerCase(), name.slice(0, 5).toUpperCase()]) {
          const page = await ok<{ items: Row[] }>(key, 'list', { filter: { nameStartsWith: prefix } });
          expect(page.items.map(idOf), prefix).toContain(idOf(row));
        }
      });
    }
    it('sorts and pages, with the total across pages', async () => {
      await create(key, 1);
      await create(key, 2);
      const sort = { by: 'id', direction: 'desc' };
      const all = await ok<{ items: Row[]; total: number }>(key, 'list', { sort, limit: MAX_PAGE_SIZE });
      expect(all.total).toBe(all.items.length);
      expect(all.items.map(idOf)).toEqual(expect.arrayContaining([idOf(spec.row(1)), idOf(spec.row(2))].filter((id) => id !== undefined)));
      const page = await ok<{ items: Row[]; total: number; limit: number; offset: number }>(key, 'list', { sort, limit: 1, offset: 1 });
      expect(page).toEqual({ items: [all.items[1]], total: all.total, limit: 1, offset: 1 });
    });
    it('ValidationFailed naming an unknown filter', async () => {
      const error = await rejected(key, 'list', { filter: { klass: 'wizard' } }, 'ValidationFailed');
      expect(pathsOf(error)).toEqual([['filter', 'klass']]);
    });
    it(`ValidationFailed for a page size over ${MAX_PAGE_SIZE}, saying so`, async () => {
      const error = await rejected(key, 'list', { limit: 10_000 }, 'ValidationFailed');
      expect(pathsOf(error)).toEqual([['limit']]);
      expect(error.message).toContain(`page size is capped at ${MAX_PAGE_SIZE}`);
    });
    it('ValidationFailed for an unknown sort column and a negative offset', async () => {
      const error = await rejected(key, 'list', { sort: { by: 'secretColumn' }, offset: -1 }, 'ValidationFailed');
      expect(pathsOf(error)).toEqual(expect.arrayContaining([['sort', 'by'], ['offset']]));
    });
  },

  summaries(key, spec) {
    it("list's page, each row without its JSON columns except reprintedAs", async () => {
      const [first] = [await create(key, 1), await create(key, 2)];
      const page = await ok<{ items: Row[]; total: number }>(key, 'summaries', { filter: spec.filter.match });
      const whole = await ok<{ items: Row[]; total: number }>(key, 'list', { filter: spec.filter.match });
      expect(page.total).toBe(whole.total);
      expect(page.items.map(idOf)).toEqual([idOf(first)]);
      const keys = summaryKeys(catalogEntities[key]);
      expect(page.items[0]).toEqual(Object.fromEntries(keys.map((k) => [k, (first as Row)[k]])));
      const dropped = Object.keys(first as Row).filter((k) => !keys.includes(k));
      if ('entries' in (first as Row)) expect(dropped).toContain('entries');
      const none = await ok<{ items: Row[]; total: number }>(key, 'summaries', { filter: spec.filter.miss });
      expect(none).toMatchObject({ items: [], total: 0 });
    });
    it('sorts and pages like list', async () => {
      await create(key, 1);
      await create(key, 2);
      const input = { sort: { by: 'id', direction: 'desc' }, limit: 1, offset: 1 };
      const page = await ok<{ items: Row[]; total: number; limit: number; offset: number }>(key, 'summaries', input);
      const whole = await ok<{ items: Row[]; total: number; limit: number; offset: number }>(key, 'list', input);
      expect({ ...page, items: page.items.map(idOf) }).toEqual({ ...whole, items: whole.items.map(idOf) });
    });
    it('ValidationFailed as list: unknown filter, page size over the cap', async () => {
      const error = await rejected(key, 'summaries', { filter: { klass: 'wizard' } }, 'ValidationFailed');
      expect(pathsOf(error)).toEqual([['filter', 'klass']]);
      const capped = await rejected(key, 'summaries', { limit: 10_000 }, 'ValidationFailed');
      expect(pathsOf(capped)).toEqual([['limit']]);
    });
  },

  count(key, spec) {
    it('counts the rows matching the filter', async () => {
      await create(key, 1);
      await create(key, 2);
      expect(await ok(key, 'count', { filter: spec.filter.match })).toBe(1);
      expect(await ok(key, 'count', { filter: spec.filter.miss })).toBe(0);
      const all = await ok<{ total: number }>(key, 'list', {});
      expect(await ok(key, 'count', {})).toBe(all.total);
    });
    it('ValidationFailed for an unknown filter or a filter value of the wrong type', async () => {
      const unknown = await rejected(key, 'count', { filter: { drop: 'table' } }, 'ValidationFailed');
      expect(pathsOf(unknown)).toEqual([['filter', 'drop']]);
      const [name] = Object.keys(spec.filter.match);
      const wrong = await rejected(key, 'count', { filter: { [name as string]: { $gt: 1 } } }, 'ValidationFailed');
      expect(pathsOf(wrong)[0]?.slice(0, 2)).toEqual(['filter', name]);
    });
  },

  batchUpsert(key, spec) {
    it('inserts, then leaves identical rows alone, then updates changed ones', async () => {
      const before = await ok<number>(key, 'count', {});
      const rows = [spec.row(1), spec.row(2)];
      expect(await ok(key, 'batchUpsert', { rows })).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
      expect(await ok(key, 'batchUpsert', { rows })).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
      const changed = [{ ...spec.row(1), ...spec.patch }, spec.row(2)];
      expect(await ok(key, 'batchUpsert', { rows: changed })).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
      expect(await ok(key, 'count', {})).toBe(before + 2);
    });
    it(`ValidationFailed for more than ${MAX_BATCH_ROWS} rows`, async () => {
      const rows = Array.from({ length: MAX_BATCH_ROWS + 1 }, () => spec.row(1));
      const error = await rejected(key, 'batchUpsert', { rows }, 'ValidationFailed');
      expect(pathsOf(error)).toContainEqual(['rows']);
      expect(error.message).toMatch(/rows/);
    });
    it('ValidationFailed with the row index in the path; no row is written', async () => {
      const rows = [spec.row(1), { ...spec.row(2), [spec.badValue.key]: spec.badValue.value }];
      const error = await rejected(key, 'batchUpsert', { rows }, 'ValidationFailed');
      expect(pathsOf(error)).toContainEqual(['rows', 1, spec.badValue.key]);
    });
    if (spec.foreignKey) {
      const { key: column, value } = spec.foreignKey;
      it('ForeignKeyViolation in a later row rolls back the whole batch', async () => {
        const rows = [spec.row(1), { ...spec.row(2), [column]: value }];
        const error = await rejected(key, 'batchUpsert', { rows }, 'ForeignKeyViolation');
        expect(error.message).toMatch(/^Row 1: /);
      });
    }
    if (spec.constraint) {
      const row = spec.constraint;
      it('ConstraintViolation in a later row rolls back the whole batch', async () => {
        await rejected(key, 'batchUpsert', { rows: [spec.row(1), row(2)] }, 'ConstraintViolation');
      });
    }
  },
};

// ---------------------------------------------------------------------------------------------
// db and import channels.

const kindCounts = (imported: number) => ({
  imported,
  skipped: 0,
  read: imported,
  generated: 0,
  inserted: imported,
  updated: 0,
  unchanged: 0,
  warnings: 0,
  removed: 0,
  keptReferenced: 0,
  keptSkipped: 0,
  conflicts: 0,
});

const stubResult: ImportResult = {
  logId: 1,
  dryRun: false,
  status: 'success',
  counts: {
    sources: kindCounts(1),
    races: kindCounts(0),
    classes: kindCounts(0),
    items: kindCounts(0),
    spells: kindCounts(2),
    creatures: kindCounts(0),
    backgrounds: kindCounts(0),
    feats: kindCounts(0),
    rulesTerms: kindCounts(0),
  },
  skipped: [],
  warnings: [],
  files: ['sources.json', 'spells.json', 'spell-sources.json'],
  absentFiles: [],
  recordsProcessed: 3,
  recordsImported: 3,
  sync: {
    changes: Object.fromEntries(
      IMPORT_KINDS.map((kind) => [kind, { inserted: kind === 'spells' ? ['a', 'b'] : [], updated: [], removed: [] }]),
    ) as unknown as ImportResult['sync']['changes'],
    kept: [],
    conflicts: [],
  },
  references: { rows: 2, references: 0, broken: { items: [], total: 0, references: 0 } },
};

const otherCases: Record<string, () => void> = {
  'backups:list': () => {
    it('lists nothing before the first backup, then each verified backup with its version and row counts', async () => {
      expect(await ok('backups', 'list')).toEqual({ folder: join(t.dir, 'backups'), backups: [], unusable: [] });
      await create('spells', 1);
      const taken = await ok<{ file: string }>('backups', 'create');
      const listed = await ok<{ backups: Record<string, unknown>[] }>('backups', 'list');
      expect(listed.backups).toEqual([
        expect.objectContaining({ file: taken.file, schemaVersion: embeddedMigrations.length, counts: expect.objectContaining({ spells: 1 }) }),
      ]);
    });
    it('ValidationFailed for any input', async () => {
      await rejected('backups', 'list', { dir: '/etc' }, 'ValidationFailed');
    });
  },
  'backups:create': () => {
    it('writes a verified backup named after the catalog file into backups/', async () => {
      const taken = await ok<{ file: string; name: string; createdAt: string; bytes: number }>('backups', 'create');
      expect(taken.file).toBe(join(t.dir, 'backups', taken.name));
      expect(taken.name).toMatch(/^catalog\.sqlite\.\d{8}T\d{9}Z\.v\d{4}\.bak\.sqlite$/);
      expect(Date.parse(taken.createdAt)).not.toBeNaN();
      expect(taken.bytes).toBeGreaterThan(0);
    });
    it('ValidationFailed for any input (the page cannot name where it goes)', async () => {
      await rejected('backups', 'create', { file: '/tmp/x.sqlite' }, 'ValidationFailed');
    });
  },
  'backups:restore': () => {
    // Restoring itself runs over the real database host: test/reliability/backups.test.ts.
    it('ValidationFailed for a relative path, a non-string or an unknown key', async () => {
      expect(pathsOf(await rejected('backups', 'restore', { file: 'backups/x.sqlite' }, 'ValidationFailed'))).toEqual([['file']]);
      expect(pathsOf(await rejected('backups', 'restore', { file: 7 }, 'ValidationFailed'))).toEqual([['file']]);
      expect(pathsOf(await rejected('backups', 'restore', { path: '/x' }, 'ValidationFailed'))).toEqual([['path']]);
    });
  },
  'db:status': () => {
    it('reports the file, schema version and the row count of every table', async () => {
      await create('spells', 1);
      // The sample spell's text names conditions and skills: references to rules terms (broken here).
      const references = await ok<number>('contentReferences', 'count', {});
      expect(references).toBeGreaterThan(0);
      const status = await ok<Record<string, unknown>>('db', 'status');
      expect(status).toEqual({
        file: t.file,
        readonly: false,
        schemaVersion: embeddedMigrations.length,
        latestVersion: embeddedMigrations.length,
        counts: Object.fromEntries(
          ENTITY_KEYS.map((key) => [key, ({ ruleSystems: 2, sources: 2, spells: 1, contentReferences: references } as Record<string, number>)[key] ?? 0]),
        ),
      });
      expect(await ok('db', 'status', {})).toEqual(status);
    });
    it('ValidationFailed for any input', async () => {
      const error = await rejected('db', 'status', { verbose: true }, 'ValidationFailed');
      expect(pathsOf(error)).toEqual([['verbose']]);
      await rejected('db', 'status', 'all', 'ValidationFailed');
    });
  },
  'db:check': () => {
    it('reports a healthy catalog', async () => {
      expect(await ok('db', 'check')).toEqual({ ok: true, pages: ['ok'], foreignKeys: [], drift: [] });
    });
    it('reports a dangling reference written behind the API', async () => {
      const { sqlite } = t.connection;
      sqlite.pragma('foreign_keys = OFF');
      sqlite
        .prepare("INSERT INTO spells (id, name, rule_system_id, source_id, level) VALUES ('ghost-x', 'Ghost', 'dnd5e-2014', 'GHOST', 1)")
        .run();
      sqlite.pragma('foreign_keys = ON');
      const report = await ok<{ ok: boolean; foreignKeys: { table: string; parent: string }[] }>('db', 'check');
      expect(report.ok).toBe(false);
      expect(report.foreignKeys).toEqual([expect.objectContaining({ table: 'spells', parent: 'sources' })]);
    });
    it('ValidationFailed for any input', async () => {
      await rejected('db', 'check', { mode: 'quick' }, 'ValidationFailed');
    });
  },
  'import:5etools': () => {
    it('forwards progress events to onProgress listeners and returns the result (stub importer)', async () => {
      t.close();
      const seen: string[] = [];
      t = createTestTransport({
        copyFrom: template,
        importFiveEtools: (_catalog, dataDir, { onProgress }) => {
          seen.push(dataDir);
          onProgress({ stage: 'writing', done: 1, total: 3, kind: 'sources' });
          onProgress({ stage: 'writing', done: 3, total: 3, kind: 'spells' });
          return stubResult;
        },
      });
      const received: ImportProgress[] = [];
      const stop = t.client.on('import:progress', (progress) => received.push(progress));
      expect(await ok('import', 'fiveEtools', { dataDir: '/data/5etools' })).toEqual(stubResult);
      expect(seen).toEqual(['/data/5etools']);
      expect(received).toEqual([
        { stage: 'writing', done: 1, total: 3, kind: 'sources' },
        { stage: 'writing', done: 3, total: 3, kind: 'spells' },
      ]);
      stop();
      await ok('import', 'fiveEtools', { dataDir: '/data/5etools' });
      expect(received).toHaveLength(2);
      expect(t.events.filter((e) => e.event === 'import:progress')).toHaveLength(4);
    });
    it('imports a 5etools folder, reporting progress and logging the run', async () => {
      const received: ImportProgress[] = [];
      t.client.on('import:progress', (progress) => received.push(progress));
      const result = await ok<ImportResult>('import', 'fiveEtools', { dataDir: writeTwoSpellFolder(join(tempDir('mimir-5etools-'), 'data')) });
      expect(result.status).toBe('success');
      expect(result.counts.spells).toMatchObject({ imported: 2, skipped: 0 });
      expect(result.skipped).toEqual([]);
      expect(received.length).toBeGreaterThan(0);
      expect(received.at(-1)?.done).toBe(received.at(-1)?.total);
      const spells = await ok<{ items: Row[] }>('spells', 'list', { filter: { sourceId: 'PHB' }, sort: { by: 'name' } });
      expect(spells.items.map((s) => s['name'])).toEqual(['Acid Splash', 'Aid']);
      const wizard = await ok<{ items: Row[] }>('spells', 'list', { filter: { class: 'wizard' } });
      expect(wizard.items.map((s) => s['name'])).toEqual(['Acid Splash']);
      const history = await ok<{ items: Row[] }>('importLog', 'list', { sort: { by: 'id', direction: 'desc' } });
      expect(history.items[0]).toMatchObject({ id: result.logId, importStatus: 'success' });
    });
    it('a missing data folder is a typed error and writes no catalog rows', async () => {
      const before = dumpDatabase(t.connection.sqlite);
      const reply = await method('import', 'fiveEtools')({ dataDir: join(tempDir(), 'missing') });
      expect(reply.ok).toBe(false);
      expect(reply.ok ? undefined : reply.error.code).not.toBe('Internal');
      const after = dumpDatabase(t.connection.sqlite);
      // A failed run may leave its import_log row; nothing else.
      expect({ ...after, import_log: [], sqlite_sequence: [] }).toEqual({ ...before, import_log: [], sqlite_sequence: [] });
    });
    it('ValidationFailed for an empty, relative, oversized or missing data folder (importer not called)', async () => {
      let called = 0;
      t.close();
      t = createTestTransport({ copyFrom: template, importFiveEtools: () => (called++, stubResult) });
      const cases: [unknown, (string | number)[]][] = [
        [{ dataDir: '' }, ['dataDir']],
        [{ dataDir: 'data/5etools' }, ['dataDir']],
        [{ dataDir: `/${'x'.repeat(5000)}` }, ['dataDir']],
        [{}, ['dataDir']],
        [{ dataDir: '/data', dryRun: true }, ['dryRun']],
      ];
      for (const [input, path] of cases) {
        const error = await rejected('import', 'fiveEtools', input, 'ValidationFailed');
        expect(pathsOf(error), JSON.stringify(input).slice(0, 50)).toContainEqual(path);
      }
      expect(called).toBe(0);
    });
  },
  'search:query': () => {
    it('finds a row saved through the API by name and by body, with kind, id, name, source and a snippet', async () => {
      await ok('spells', 'create', {
        ...samples.spells.minimal({ id: 'ember-lance-phb', name: 'Ember Lance' }),
        entries: ['A lance of cinders strikes one creature; it is {@condition frightened} until your next turn.'],
      });
      const byName = await ok<{ hits: Row[]; hasMore: boolean }>('search', 'query', { text: 'ember lance' });
      expect(byName.hits[0]).toMatchObject({ kind: 'spells', id: 'ember-lance-phb', name: 'Ember Lance', source: 'PHB', match: 'exact' });
      const byBody = await ok<{ hits: Row[] }>('search', 'query', { text: 'cinders', kinds: ['spells'], limit: 5, offset: 0 });
      expect(byBody.hits.map((hit) => hit['id'])).toEqual(['ember-lance-phb']);
      expect(byBody.hits[0]?.['snippet']).toMatch(/cinders/);
      expect(await ok('search', 'query', { text: 'cinders', kinds: ['creatures'] })).toMatchObject({ hits: [] });
    });
    it('hostile characters give results or an empty list', async () => {
      for (const text of ['-', "'", '"', '*', ':', '(', '"unbalanced', 'in:', 'NEAR(a b)', '{@spell']) {
        expect(await ok('search', 'query', { text }), text).toMatchObject({ hits: expect.any(Array) });
      }
    });
    it('ValidationFailed for over-long text, a bad kind, limit or offset, an unknown key or no text', async () => {
      const cases: [unknown, (string | number)[]][] = [
        [{ text: 'x'.repeat(257) }, ['text']],
        [{ text: 'fire', kinds: ['monsters'] }, ['kinds', 0]],
        [{ text: 'fire', kinds: [] }, ['kinds']],
        [{ text: 'fire', limit: 0 }, ['limit']],
        [{ text: 'fire', limit: 1.5 }, ['limit']],
        [{ text: 'fire', offset: -1 }, ['offset']],
        [{ text: 'fire', everything: true }, []],
        [{}, ['text']],
        [{ text: 42 }, ['text']],
      ];
      for (const [input, path] of cases) {
        const error = await rejected('search', 'query', input, 'ValidationFailed');
        if (path.length > 0) expect(pathsOf(error), JSON.stringify(input).slice(0, 60)).toContainEqual(path);
      }
      await rejected('search', 'query', 'fireball', 'ValidationFailed');
    });
  },
  'settings:get': () => {
    it('reports every setting with its default until it is changed', async () => {
      expect(await ok('settings', 'get')).toEqual({ preferredRuleSystem: 'dnd5e-2014' });
      expect(await ok('settings', 'get', {})).toEqual({ preferredRuleSystem: 'dnd5e-2014' });
    });
    it('ValidationFailed for any input', async () => {
      expect(pathsOf(await rejected('settings', 'get', { preferredRuleSystem: 'dnd5e-2024' }, 'ValidationFailed'))).toEqual([['preferredRuleSystem']]);
      await rejected('settings', 'get', 'all', 'ValidationFailed');
    });
  },
  'settings:update': () => {
    it('stores the preferred rule system and re-resolves references without a source to that printing', async () => {
      await ok('spells', 'create', { ...samples.spells.minimal({ id: 'ember-lance-phb', name: 'Ember Lance' }) });
      await ok('spells', 'create', { ...samples.spells.minimal({ id: 'ember-lance-xphb', name: 'Ember Lance' }), ruleSystemId: 'dnd5e-2024', sourceId: 'XPHB' });
      await ok('spells', 'create', { ...samples.spells.minimal({ id: 'cinder-storm-phb', name: 'Cinder Storm' }), entries: ['As {@spell ember lance}; or {@spell ember lance|PHB}.'] });
      const targets = async () =>
        (await ok<{ mentions: { items: Row[] } }>('references', 'of', { entity: 'spells', id: 'cinder-storm-phb' })).mentions.items.map((item) => [item['id'], item['context']]);
      expect(await targets()).toEqual([['ember-lance-phb', '{@spell ember lance}']]);
      const changed = await ok<{ settings: Row; references: Row | null }>('settings', 'update', { preferredRuleSystem: 'dnd5e-2024' });
      expect(changed.settings).toEqual({ preferredRuleSystem: 'dnd5e-2024' });
      expect(changed.references).toMatchObject({ rows: 3, references: 2, broken: 0 });
      expect(await ok('settings', 'get')).toEqual({ preferredRuleSystem: 'dnd5e-2024' });
      // The source written wins over the preference.
      expect((await targets()).sort()).toEqual([
        ['ember-lance-phb', '{@spell ember lance|PHB}'],
        ['ember-lance-xphb', '{@spell ember lance}'],
      ]);
      // Saved rows resolve with the stored preference too.
      await ok('spells', 'update', { id: 'cinder-storm-phb', patch: { entries: ['Only {@spell ember lance}.'] } });
      expect(await targets()).toEqual([['ember-lance-xphb', '{@spell ember lance}']]);
      // The same value again changes nothing.
      expect(await ok('settings', 'update', { preferredRuleSystem: 'dnd5e-2024' })).toEqual({ settings: { preferredRuleSystem: 'dnd5e-2024' }, references: null });
      expect((await ok<{ settings: Row }>('settings', 'update', { preferredRuleSystem: 'dnd5e-2014' })).settings).toEqual({ preferredRuleSystem: 'dnd5e-2014' });
      expect(await targets()).toEqual([['ember-lance-phb', '{@spell ember lance}']]);
    });
    it('ValidationFailed for a bad value, an unknown key or nothing to change; the stored setting and references untouched', async () => {
      await ok('settings', 'update', { preferredRuleSystem: 'dnd5e-2024' });
      const before = t.connection.sqlite.prepare('SELECT * FROM settings').all();
      const cases: [unknown, (string | number)[]][] = [
        [{ preferredRuleSystem: '2024' }, ['preferredRuleSystem']],
        [{ preferredRuleSystem: 'dnd4e' }, ['preferredRuleSystem']],
        [{ preferredRuleSystem: null }, ['preferredRuleSystem']],
        [{ preferredRuleSystem: 2024 }, ['preferredRuleSystem']],
        [{ theme: 'dark' }, ['theme']],
        [{}, []],
      ];
      for (const [input, path] of cases) {
        const error = await rejected('settings', 'update', input, 'ValidationFailed');
        expect(pathsOf(error), JSON.stringify(input)).toContainEqual(path);
      }
      await rejected('settings', 'update', 'dnd5e-2024', 'ValidationFailed');
      expect(t.connection.sqlite.prepare('SELECT * FROM settings').all()).toEqual(before);
      expect(await ok('settings', 'get')).toEqual({ preferredRuleSystem: 'dnd5e-2024' });
    });
  },
  'references:of': () => {
    it('lists what a row mentions and what mentions it, grouped by kind and reference type; broken links marked', async () => {
      await ok('spells', 'create', samples.spells.minimal({ id: 'ember-lance-phb', name: 'Ember Lance' }));
      await ok('spells', 'create', {
        ...samples.spells.minimal({ id: 'cinder-storm-phb', name: 'Cinder Storm' }),
        entries: ['As {@spell ember lance}, but everywhere; see also {@spell Nonexistent Spell}.'],
      });
      const outgoing = await ok<{ mentions: { items: Row[]; total: number; groups: Row[] } }>('references', 'of', { entity: 'spells', id: 'cinder-storm-phb' });
      expect(outgoing.mentions.total).toBe(2);
      expect(outgoing.mentions.groups).toEqual([{ kind: 'spells', referenceType: 'mentions', count: 2 }]);
      expect(outgoing.mentions.items.map((item) => [item['id'], item['broken']])).toEqual([
        ['ember-lance-phb', false],
        ['nonexistent-spell-phb', true],
      ]);
      const incoming = await ok<{ mentionedBy: { items: Row[] } }>('references', 'of', { entity: 'spells', id: 'ember-lance-phb', limit: 10 });
      expect(incoming.mentionedBy.items).toMatchObject([{ kind: 'spells', id: 'cinder-storm-phb', name: 'Cinder Storm', referenceType: 'mentions' }]);
      // Deleting the target leaves the reference, now broken.
      await ok('spells', 'delete', { id: 'ember-lance-phb' });
      const after = await ok<{ mentions: { items: Row[] } }>('references', 'of', { entity: 'spells', id: 'cinder-storm-phb' });
      expect(after.mentions.items.map((item) => item['broken'])).toEqual([true, true]);
    });
    it('a row with no references (or none at all) has empty directions', async () => {
      expect(await ok('references', 'of', { entity: 'feats', id: 'no-such-feat-phb' })).toMatchObject({
        mentions: { items: [], total: 0, groups: [] },
        mentionedBy: { items: [], total: 0, groups: [] },
      });
    });
    it('ValidationFailed for an unknown kind, an empty or over-long id, a bad page or an unknown key', async () => {
      const cases: [unknown, (string | number)[]][] = [
        [{ entity: 'monsters', id: 'x' }, ['entity']],
        [{ entity: 'spells', id: '' }, ['id']],
        [{ entity: 'spells', id: 'x'.repeat(201) }, ['id']],
        [{ entity: 'spells', id: 'x', limit: 0 }, ['limit']],
        [{ entity: 'spells', id: 'x', offset: -1 }, ['offset']],
        [{ entity: 'spells' }, ['id']],
      ];
      for (const [input, path] of cases) {
        const error = await rejected('references', 'of', input, 'ValidationFailed');
        expect(pathsOf(error), JSON.stringify(input).slice(0, 60)).toContainEqual(path);
      }
      await rejected('references', 'of', { entity: 'spells', id: 'x', all: true }, 'ValidationFailed');
    });
  },
  'import:cancel': () => {
    it('answers cancelled: false when no import runs, without reaching the database', async () => {
      expect(await ok('import', 'cancel')).toEqual({ cancelled: false });
      expect(t.executed).toEqual(['import:cancel']);
    });
    it('ValidationFailed for any input', async () => {
      await rejected('import', 'cancel', { all: true }, 'ValidationFailed');
    });
  },
  'dialog:chooseFolder': () => {
    it("returns the folder the user chose, or null when they cancelled", async () => {
      t.services.chosenFolder = '/home/dm/5etools/data';
      expect(await ok('dialog', 'chooseFolder', { title: 'Choose the 5etools data folder' })).toBe('/home/dm/5etools/data');
      t.services.chosenFolder = null;
      expect(await ok('dialog', 'chooseFolder')).toBeNull();
      expect(t.executed).toEqual(['dialog:chooseFolder', 'dialog:chooseFolder']);
    });
    it('never hands on a relative path', async () => {
      t.services.chosenFolder = 'data';
      expect(await ok('dialog', 'chooseFolder')).toBeNull();
    });
    it('ValidationFailed for an unknown key or an empty title', async () => {
      const unknown = await rejected('dialog', 'chooseFolder', { defaultPath: '/etc' }, 'ValidationFailed');
      expect(pathsOf(unknown)).toEqual([['defaultPath']]);
      const empty = await rejected('dialog', 'chooseFolder', { title: '' }, 'ValidationFailed');
      expect(pathsOf(empty)).toEqual([['title']]);
    });
  },
  'app:info': () => {
    it('reports versions, the catalog file and the backups folder', async () => {
      expect(await ok('app', 'info')).toEqual({
        versions: t.services.versions(),
        catalogFile: t.services.catalogFile,
        backupsFolder: t.services.backupsFolder,
      });
    });
    it('ValidationFailed for any input', async () => {
      await rejected('app', 'info', { verbose: true }, 'ValidationFailed');
    });
  },
  'shell:showItemInFolder': () => {
    it("shows the app's own places only: the backups folder or the catalog file", async () => {
      expect(await ok('shell', 'showItemInFolder', { target: 'backups' })).toBeNull();
      expect(await ok('shell', 'showItemInFolder', { target: 'catalog' })).toBeNull();
      expect(t.services.shown).toEqual([t.services.backupsFolder, t.services.catalogFile]);
    });
    it('ValidationFailed for a path or an unknown target (nothing shown)', async () => {
      await rejected('shell', 'showItemInFolder', { target: '/etc/passwd' }, 'ValidationFailed');
      await rejected('shell', 'showItemInFolder', { path: '/etc' }, 'ValidationFailed');
      expect(t.services.shown).toEqual([]);
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Walk the contract.

describe.each(Object.entries(contract))('window.mimir.%s', (namespace, methods) => {
  for (const [verb, { channel }] of Object.entries(methods as Record<string, { channel: string }>)) {
    const isEntity = (ENTITY_KEYS as readonly string[]).includes(namespace) && (ENTITY_VERBS as readonly string[]).includes(verb);
    // Every verb of a table is declared in ENTITY_API; the contract offers exactly those.
    const cases = isEntity
      ? () => entityVerbCases[verb as EntityVerb](namespace as EntityKey, SPECS[namespace as EntityKey])
      : otherCases[channel];
    if (!cases) {
      it(`${channel} has test cases`, () => {
        expect.fail(`channel ${channel} is in the contract but channels.test.ts has no cases for it`);
      });
      continue;
    }
    describe(`${verb} (${channel})`, cases);
  }
});

describe('test coverage of the contract', () => {
  it('covers every non-entity channel and nothing else', () => {
    const declared = Object.values(contract)
      .flatMap((methods) => Object.values(methods as Record<string, { channel: string }>).map((c) => c.channel))
      .filter((channel) => !(ENTITY_KEYS as readonly string[]).includes(channel.split(':')[0] as string));
    expect(Object.keys(otherCases).sort()).toEqual(declared.sort());
    expect(Object.keys(SPECS).sort()).toEqual([...ENTITY_KEYS].sort());
    expect(ENTITY_TABLES.every((key) => key in SPECS)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Failures the router turns into Internal.

describe('unexpected failures', () => {
  const secret = 'SQLITE_IOERR_SHORT_READ: disk I/O error reading /home/dm/secret/catalog.sqlite';

  it('a handler throwing a plain Error becomes Internal with a generic message; the original is logged', async () => {
    t.close();
    t = createTestTransport({
      copyFrom: template,
      database: () => () => Promise.reject(new Error(secret)),
    });
    const reply = await method('spells', 'list')({});
    expect(reply.ok).toBe(false);
    const error = (reply as { ok: false; error: ErrorOf<'Internal'> }).error;
    expect(error.code).toBe('Internal');
    expect(error.details).toEqual({});
    expect(error.message).not.toContain('SQLITE_IOERR');
    expect(error.message).not.toContain('/home/dm');
    expect(JSON.stringify(reply)).not.toContain('secret');
    expect(t.logged).toHaveLength(1);
    expect(t.logged[0]?.channel).toBe('spells:list');
    expect((t.logged[0]?.error as Error).message).toBe(secret);
  });

  it('a handler throwing synchronously is handled the same way', async () => {
    t.close();
    t = createTestTransport({
      copyFrom: template,
      database: () => () => {
        throw new TypeError(secret);
      },
    });
    const reply = await method('db', 'status')();
    expect(reply).toMatchObject({ ok: false, error: { code: 'Internal', details: {} } });
    expect(JSON.stringify(reply)).not.toContain('secret');
    expect(t.logged.map((entry) => (entry.error as Error).message)).toEqual([secret]);
  });

  it('a closed database (a real failure inside the repository) becomes Internal, logged', async () => {
    t.connection.close();
    const reply = await method('spells', 'list')({});
    expect(reply).toMatchObject({ ok: false, error: { code: 'Internal', details: {} } });
    expect(t.logged).toHaveLength(1);
  });

  it('an AppError value from the database host passes through; an Internal one is replaced and logged', async () => {
    t.close();
    const busy: ErrorOf<'Busy'> = {
      code: 'Busy',
      message: 'The catalog database is busy with another operation. Try again in a moment.',
      details: {},
    };
    const internal: ErrorOf<'Internal'> = { code: 'Internal', message: secret, details: { reason: secret } };
    let next: unknown = busy;
    t = createTestTransport({ copyFrom: template, database: () => () => Promise.reject(next) });
    expect(await method('spells', 'count')({})).toEqual({ ok: false, error: busy });
    next = internal;
    const reply = await method('spells', 'count')({});
    expect(reply).toMatchObject({ ok: false, error: { code: 'Internal', details: {} } });
    expect(JSON.stringify(reply)).not.toContain('secret');
    expect(t.logged).toEqual([{ channel: 'spells:count', error: internal }]);
  });
});
