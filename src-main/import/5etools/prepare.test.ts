/**
 * The pipeline (prepare.ts) on small folders: what is skipped before mapping (not records,
 * over-deep, duplicates), names, sources without metadata, degraded columns, the per-record
 * guard, progress and cancellation. Every value that comes from real 5etools data says where.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogEntities } from '../../../src-shared/catalog/entities';
import { MAX_JSON_DEPTH, TOO_DEEP_MESSAGE } from '../../../src-shared/catalog/entities/shapes';
import { CatalogError } from '../../../src-shared/errors';
import { openMigrated, tempDir } from '../../../test/helpers';
import { ImportContext } from './context';
import { import5etools } from './index';
import { acceptRows, cleanName, prepareImport, type Row } from './prepare';
import type { ImportProgress, Raw } from './types';

function folder(files: Record<string, unknown>): string {
  const dir = tempDir('mimir-prep-');
  for (const [file, json] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), typeof json === 'string' ? json : JSON.stringify(json));
  }
  return dir;
}

const BOOKS = { book: [{ id: 'PHB', source: 'PHB', name: "Player's Handbook", published: '2014-08-19', group: 'core' }, { id: 'MM', source: 'MM', name: 'Monster Manual', published: '2014-09-30', group: 'core' }] };
const spell = (name: string, extra: Raw = {}): Raw => ({ name, source: 'PHB', level: 1, school: 'V', entries: [`${name}.`], ...extra });
const monster = (name: string, extra: Raw = {}): Raw => ({ name, source: 'MM', size: ['M'], type: 'humanoid', ac: [12], hp: { average: 7, formula: '2d6' }, speed: { walk: 30 }, str: 10, dex: 10, con: 10, int: 10, wis: 10, cha: 10, cr: '1', ...extra });

/** JSON text of a spell whose entries nest `levels` deep, written as text: JSON.stringify would overflow first. */
function deepSpellText(name: string, levels: number): string {
  return `{"name":${JSON.stringify(name)},"source":"PHB","level":1,"entries":[${'{"type":"entries","entries":['.repeat(levels)}"the bottom"${']}'.repeat(levels)}]}`;
}

function deep(levels: number): unknown {
  let value: unknown = 'the bottom';
  for (let i = 0; i < levels; i++) value = { type: 'entries', entries: [value] };
  return value;
}

describe('prepareImport: read', () => {
  it('a record that is not an object, and a collection that is not a list, are skips naming the file', () => {
    const dir = folder({ 'books.json': BOOKS, 'spells.json': { spell: [spell('Light'), 'Fireball', null, 7] }, 'feats.json': { feat: { name: 'Alert', source: 'PHB' } } });
    const prepared = prepareImport(dir);
    expect(prepared.rows.spells.map((r) => r.id)).toEqual(['light-phb']);
    expect(prepared.skipped).toEqual([
      { kind: 'feats', name: '(the feat collection)', source: '(unknown)', file: 'feats.json', reason: 'its "feat" collection is an object, not a list of records; nothing of it was read' },
      { kind: 'spells', name: '(spell entry 1)', source: '(unknown)', file: 'spells.json', reason: 'entry 1 of its "spell" collection is a string, not a record' },
      { kind: 'spells', name: '(spell entry 2)', source: '(unknown)', file: 'spells.json', reason: 'entry 2 of its "spell" collection is null, not a record' },
      { kind: 'spells', name: '(spell entry 3)', source: '(unknown)', file: 'spells.json', reason: 'entry 3 of its "spell" collection is a number, not a record' },
    ]);
  });

  it(`a record nested more than ${MAX_JSON_DEPTH} levels is skipped with that reason; its neighbours import (no stack overflow at any depth)`, () => {
    const text = `{"spell":[${JSON.stringify(spell('Light'))},${deepSpellText('Abyss', 100_000)},${JSON.stringify(spell('Shallow', { entries: [deep(40)] }))}]}`;
    const dir = folder({ 'books.json': BOOKS, 'spells.json': text });
    const { catalog } = openMigrated();
    const result = import5etools(catalog, dir);
    expect(catalog.spells.list({}).items.map((s) => s.id)).toEqual(['light-phb', 'shallow-phb']);
    expect(result.skipped).toEqual([
      { kind: 'spells', name: 'Abyss', source: 'PHB', file: 'spells.json', reason: `the record is ${TOO_DEEP_MESSAGE} (at most 100 levels of lists and objects are imported)` },
    ]);
    expect(catalog.connection.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('the same depth bound refuses an API write with ValidationFailed (the shapes are shared)', () => {
    const { catalog } = openMigrated();
    catalog.ruleSystems.batchUpsert([{ id: 'dnd5e-2014', name: 'D&D 5e (2014)', isActive: true }]);
    catalog.sources.create({ id: 'HB', ruleSystemId: 'dnd5e-2014', fullName: 'Homebrew', isOfficial: false, isSrd: false });
    const row = { id: 'abyss-hb', name: 'Abyss', ruleSystemId: 'dnd5e-2014', sourceId: 'HB', level: 1, entries: [deep(5_000)] };
    const issues = catalogEntities.spells.insert.safeParse(row);
    expect(issues.success).toBe(false);
    expect(issues.error?.issues[0]).toMatchObject({ path: ['entries'], message: TOO_DEEP_MESSAGE });
    let caught: unknown;
    try {
      catalog.spells.create(row as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CatalogError);
    expect((caught as CatalogError).code).toBe('ValidationFailed');
    expect(catalog.spells.count({})).toBe(0);
    // 100 levels of lists and objects pass.
    expect(catalogEntities.spells.insert.safeParse({ ...row, entries: [deep(49)] }).success).toBe(true);
  });

  it('a duplicate record (races.json copied beside itself) is skipped and the row kept is not damaged', () => {
    // The PHB Human of 5etools: the race, and its nameless standard subrace with the +1 to every ability.
    const races = {
      race: [{ name: 'Human', source: 'PHB', size: ['M'], speed: 30, entries: ['Humans.'] }],
      subrace: [{ raceName: 'Human', raceSource: 'PHB', source: 'PHB', ability: [{ str: 1, dex: 1, con: 1, int: 1, wis: 1, cha: 1 }] }],
    };
    const { catalog } = openMigrated();
    const result = import5etools(catalog, folder({ 'books.json': BOOKS, 'races.json': races, 'races-copy.json': races }));
    expect(catalog.races.get('human-phb').abilityScores).toEqual([{ str: 1, dex: 1, con: 1, int: 1, wis: 1, cha: 1 }]);
    expect(result.skipped.map((s) => [s.name, s.file, s.reason])).toEqual([
      ['Human', 'races.json', 'it is a second race record with the same name and source; the first one (from races-copy.json) is imported'],
      ['Human', 'races.json', 'it is a second subrace record with the same name and source; the first one (from races-copy.json) is imported'],
    ]);
  });
});

describe('prepareImport: names and sources', () => {
  it('control characters (NUL, bidi overrides) are removed from names, with a warning', () => {
    expect(cleanName('Fire\u0000ball')).toBe('Fireball');
    expect(cleanName('\u202eFireball\u202c')).toBe('Fireball');
    expect(cleanName('Fireball')).toBeUndefined();
    const prepared = prepareImport(folder({ 'books.json': BOOKS, 'spells.json': { spell: [spell('Fire\u0000ball'), spell('\u202eLight')] } }));
    expect(prepared.rows.spells.map((r) => [r.id, r.name])).toEqual([
      ['fireball-phb', 'Fireball'],
      ['light-phb', 'Light'],
    ]);
    expect(prepared.warnings.map((w) => [w.name, w.message])).toEqual([
      ['Fire\u0000ball', 'its name contains control or text-direction characters ("Fire\\u0000ball"); they were removed'],
      ['\u202eLight', 'its name contains control or text-direction characters ("\u202eLight"); they were removed'],
    ]);
  });

  it('records find their book by its source as well as its id (Plane Shift: Zendikar is id PS-Z, source PSZ)', () => {
    // books.json of 5etools v2.31.0.
    const books = { book: [{ id: 'PS-Z', source: 'PSZ', name: 'Plane Shift: Zendikar', group: 'setting-alt', published: '2016-04-27', author: 'Wizards RPG Team' }] };
    const prepared = prepareImport(folder({ 'books.json': books, 'bestiary/bestiary-psz.json': { monster: [monster('Baloth', { source: 'PSZ', srd: true })] } }));
    expect(prepared.skipped).toEqual([]);
    expect(prepared.rows.creatures.map((r) => [r.id, r.sourceId])).toEqual([['baloth-ps-z', 'PS-Z']]);
    expect(prepared.rows.sources).toEqual([expect.objectContaining({ id: 'PS-Z', abbreviation: 'PSZ', isSrd: true })]);
  });

  it('a parent of adventure parts (TftYP of TftYP-*), and a code without metadata (MFF), get inferred source rows', () => {
    // adventures.json of 5etools v2.31.0 lists only the parts; records say source "TftYP".
    const adventures = {
      adventure: [
        { id: 'TftYP-TSC', source: 'TftYP-TSC', name: 'Tales from the Yawning Portal: The Sunless Citadel', parentSource: 'TftYP', group: 'supplement', published: '2017-03-24', author: 'Wizards RPG Team' },
        { id: 'TftYP-AtG', source: 'TftYP-AtG', name: 'Tales from the Yawning Portal: Against the Giants', parentSource: 'TftYP', group: 'supplement', published: '2017-03-24', author: 'Wizards RPG Team' },
      ],
    };
    const prepared = prepareImport(
      folder({ 'books.json': BOOKS, 'adventures.json': adventures, 'bestiary/b.json': { monster: [monster('Amphisbaena', { source: 'TftYP' }), monster('Assassin Bug', { source: 'MFF' }), monster('Crab Folk', { source: 'MFF' })] } }),
    );
    expect(prepared.skipped).toEqual([]);
    expect(prepared.rows.creatures.map((r) => [r.id, r.sourceId])).toEqual([
      ['amphisbaena-tftyp', 'TftYP'],
      ['assassin-bug-mff', 'MFF'],
      ['crab-folk-mff', 'MFF'],
    ]);
    const byId = new Map(prepared.rows.sources.map((s) => [s.id, s]));
    expect(byId.get('TftYP')).toMatchObject({
      fullName: 'Tales from the Yawning Portal',
      publishedDate: '2017-03-24',
      isOfficial: true,
      metadata: { inferred: true, inferredFrom: 'from its parts in the book metadata: TftYP-TSC, TftYP-AtG', group: 'supplement', author: 'Wizards RPG Team' },
    });
    expect(byId.get('MFF')).toMatchObject({ fullName: 'MFF', ruleSystemId: 'dnd5e-2014', metadata: { inferred: true, inferredFrom: 'from its 2 records: the book metadata has no entry for MFF' } });
    expect(prepared.generated.sources).toBe(2);
  });
});

describe('prepareImport: check', () => {
  it('a value a typed column refuses degrades the column, keeps the original in unmapped and warns; the row is written', () => {
    const prepared = prepareImport(folder({ 'books.json': BOOKS, 'bestiary/b.json': { monster: [monster('Odd', { ac: ['12 (natural armor)'], alignment: ['Q'] })] } }));
    expect(prepared.skipped).toEqual([]);
    const [row] = prepared.rows.creatures;
    expect(row).toMatchObject({ id: 'odd-mm', armorClass: null, alignment: null, unmapped: { armorClass: ['12 (natural armor)'], alignment: ['Q'] } });
    expect(prepared.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^its alignment does not fit the column \(alignment\.0: .*\); stored as empty, the original kept in unmapped\.alignment$/),
      expect.stringMatching(/^its armorClass does not fit the column \(armorClass\.0: .*\); stored as empty, the original kept in unmapped\.armorClass$/),
    ]);
  });

  it('a list column keeps the items it accepts', () => {
    const prepared = prepareImport(folder({ 'books.json': BOOKS, 'bestiary/b.json': { monster: [monster('Polyglot', { languages: ['Common', 42, 'Elvish'] })] } }));
    expect(prepared.rows.creatures[0]).toMatchObject({ languages: ['Common', 'Elvish'], unmapped: { languages: ['Common', 42, 'Elvish'] } });
  });

  it('a row without a usable essential column is skipped, naming it', () => {
    const ctx = new ImportContext();
    const rows = [{ id: 'x-phb', name: '', sourceId: 'PHB', ruleSystemId: 'dnd5e-2014', level: 1, entries: [] }] as Row[];
    expect(acceptRows('spells', rows, catalogEntities.spells as never, ctx)).toEqual([]);
    expect(ctx.skipped).toEqual([{ kind: 'spells', name: '(unnamed)', source: 'PHB', reason: expect.stringMatching(/^invalid name: /) }]);
  });
});

describe('prepareImport: the per-record guard, progress, cancellation', () => {
  it('an exception nobody foresaw becomes a skip naming the record, its file and the error', () => {
    const ctx = new ImportContext([], { fileOf: () => 'spells/spells-phb.json' });
    const done: string[] = [];
    ctx.each('spells', [{ name: 'Light', source: 'PHB' }, { name: 'Boom', source: 'PHB' }, { name: 'Mend', source: 'PHB' }], (record) => {
      if (record['name'] === 'Boom') throw new TypeError("Cannot read properties of undefined (reading 'map')");
      done.push(record['name'] as string);
    });
    expect(done).toEqual(['Light', 'Mend']);
    expect(ctx.skipped).toEqual([
      { kind: 'spells', name: 'Boom', source: 'PHB', file: 'spells/spells-phb.json', reason: "it could not be mapped: Cannot read properties of undefined (reading 'map')" },
    ]);
  });

  it('emits reading, resolving and mapping progress; an aborted signal stops with Cancelled', () => {
    const dir = folder({ 'books.json': BOOKS, 'spells.json': { spell: [spell('Light'), spell('Mend')] } });
    const events: ImportProgress[] = [];
    prepareImport(dir, { onProgress: (p) => events.push(p) });
    expect([...new Set(events.map((e) => e.stage))]).toEqual(['reading', 'resolving', 'mapping']);
    expect(events.filter((e) => e.stage === 'mapping' && e.kind).map((e) => e.kind)).toEqual(['sources', 'races', 'classes', 'items', 'spells', 'creatures', 'backgrounds', 'feats', 'rulesTerms']);

    for (const stage of ['reading', 'resolving', 'mapping'] as const) {
      const controller = new AbortController();
      let caught: unknown;
      try {
        prepareImport(dir, { signal: controller.signal, onProgress: (p) => p.stage === stage && controller.abort() });
      } catch (error) {
        caught = error;
      }
      expect(caught, stage).toBeInstanceOf(CatalogError);
      expect((caught as CatalogError).code, stage).toBe('Cancelled');
    }
  });
});
