/**
 * Every filter users have, per entity table, on hand-made rows whose right answer is known:
 * name search (prefix and substring, case-insensitive, LIKE wildcards literal), rule system and
 * source, and each table's own filters. Also the generated columns and the spell_classes lookup
 * that answers "spells of class X".
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE, type InsertOf } from '../../src-shared/catalog/define';
import type { CatalogEntities, EntityKey } from '../../src-shared/catalog/entities';
import { SIZE_CODES } from '../../src-shared/catalog/enums';
import { catchError, openMigrated, seedRuleSystemAndSource, type MigratedCatalog } from '../../test/helpers';
import { ENTITY_TABLES, idsOf, repositoryOf, samples, snapshot, type AnyRepository } from '../../test/entity-samples';
import type { Catalog } from './catalog';

/** What `matching` needs of a repository. */
interface Lister {
  list(input: never): { items: { id: unknown }[]; total: number };
  count(filter: never): number;
}
type FilterFor<R extends Lister> = NonNullable<Parameters<R['count']>[0]>;

/**
 * The rows matching `filter`, as a sorted id list; list's total and count must agree with it.
 * The filter is typed by the repository, so a misspelt filter name is a compile error.
 */
function matching<R extends Lister>(repo: R, filter: FilterFor<R>): string[] {
  const untyped = repo as unknown as { list(input: unknown): ReturnType<R['list']>; count(filter: unknown): number };
  const page = untyped.list({ filter, limit: MAX_PAGE_SIZE });
  const ids = idsOf(page).map(String);
  expect(page.total, 'list total').toBe(ids.length);
  expect(untyped.count(filter), 'count').toBe(ids.length);
  return [...ids].sort();
}

const sorted = (ids: string[]) => [...ids].sort();

type Book = 'PHB' | 'XPHB' | 'TCE';
/** A row to insert, before `inBook` adds its source and rule system. */
type Draft<K extends EntityKey> = Omit<InsertOf<CatalogEntities[K]>, 'ruleSystemId' | 'sourceId'> & { sourceId?: Book };
/** Adds the row's book (default PHB) and that book's rule system. */
function inBook<R extends { sourceId?: Book }>(row: R) {
  const sourceId = row.sourceId ?? 'PHB';
  return { ...row, sourceId, ruleSystemId: sourceId === 'XPHB' ? 'dnd5e-2024' : 'dnd5e-2014' };
}

function useCatalog(seed: (catalog: Catalog) => void) {
  const state = {} as { ctx: MigratedCatalog; catalog: Catalog; sqlite: Database.Database };
  beforeAll(() => {
    state.ctx = openMigrated();
    state.catalog = state.ctx.catalog;
    state.sqlite = state.ctx.connection.sqlite;
    seedRuleSystemAndSource(state.catalog);
    state.catalog.sources.create({ id: 'TCE', ruleSystemId: 'dnd5e-2014', fullName: "Tasha's Cauldron of Everything" });
    seed(state.catalog);
  });
  afterAll(() => state.ctx.connection.close());
  return state;
}

// ---------------------------------------------------------------------------------------------

describe.each(ENTITY_TABLES)('%s: name search, rule system and source', (key) => {
  let repo: AnyRepository;
  const names: [id: string, name: string, source: 'PHB' | 'XPHB'][] = [
    ['fireball-phb', 'Fireball', 'PHB'],
    ['fire-shield-phb', 'fire shield', 'PHB'],
    ['wall-of-fire-xphb', 'Wall of Fire', 'XPHB'],
    ['100-pure-xphb', '100% Pure', 'XPHB'],
    ['100-pure-plain-phb', '100 Pure', 'PHB'],
    ['a-b-phb', 'A_B Tome', 'PHB'],
    ['axb-phb', 'AxB Tome', 'PHB'],
    ['back-slash-phb', 'Back\\Slash', 'PHB'],
  ];
  const all = sorted(names.map(([id]) => id));
  const phb = sorted(names.filter(([, , s]) => s === 'PHB').map(([id]) => id));
  const xphb = sorted(names.filter(([, , s]) => s === 'XPHB').map(([id]) => id));
  const state = useCatalog((catalog) => {
    repo = repositoryOf(catalog, key);
    repo.batchUpsert(names.map(([id, name, sourceId]) => samples[key].minimal({ id, name, sourceId })));
  });

  it('nameStartsWith: case-insensitive prefix', () => {
    expect(matching(repo, { nameStartsWith: 'fire' })).toEqual(['fire-shield-phb', 'fireball-phb']);
    expect(matching(repo, { nameStartsWith: 'FIRE' })).toEqual(['fire-shield-phb', 'fireball-phb']);
    expect(matching(repo, { nameStartsWith: 'Fire S' })).toEqual(['fire-shield-phb']);
    expect(matching(repo, { nameStartsWith: 'wall OF f' })).toEqual(['wall-of-fire-xphb']);
    expect(matching(repo, { nameStartsWith: 'ire' })).toEqual([]);
    expect(matching(repo, { nameStartsWith: 'Fireballs' })).toEqual([]);
  });

  it('nameContains: case-insensitive substring', () => {
    expect(matching(repo, { nameContains: 'FIRE' })).toEqual(['fire-shield-phb', 'fireball-phb', 'wall-of-fire-xphb']);
    expect(matching(repo, { nameContains: 'ire' })).toEqual(['fire-shield-phb', 'fireball-phb', 'wall-of-fire-xphb']);
    expect(matching(repo, { nameContains: 'L OF F' })).toEqual(['wall-of-fire-xphb']);
    expect(matching(repo, { nameContains: 'tome' })).toEqual(['a-b-phb', 'axb-phb']);
  });

  it('% and _ in the search text are literal characters, not LIKE wildcards', () => {
    expect(matching(repo, { nameContains: '%' })).toEqual(['100-pure-xphb']);
    expect(matching(repo, { nameContains: '100%' })).toEqual(['100-pure-xphb']);
    expect(matching(repo, { nameStartsWith: '100%' })).toEqual(['100-pure-xphb']);
    expect(matching(repo, { nameContains: '_' })).toEqual(['a-b-phb']);
    expect(matching(repo, { nameContains: 'a_b' })).toEqual(['a-b-phb']);
    expect(matching(repo, { nameStartsWith: 'a_' })).toEqual(['a-b-phb']);
    expect(matching(repo, { nameContains: '\\' })).toEqual(['back-slash-phb']);
    expect(matching(repo, { nameContains: '\\s' })).toEqual(['back-slash-phb']);
  });

  it('ruleSystemId and sourceId: one value or several', () => {
    expect(matching(repo, { ruleSystemId: 'dnd5e-2024' })).toEqual(xphb);
    expect(matching(repo, { ruleSystemId: ['dnd5e-2014'] })).toEqual(phb);
    expect(matching(repo, { ruleSystemId: ['dnd5e-2014', 'dnd5e-2024'] })).toEqual(all);
    expect(matching(repo, { sourceId: 'PHB' })).toEqual(phb);
    expect(matching(repo, { sourceId: ['XPHB', 'TCE'] })).toEqual(xphb);
    expect(matching(repo, { sourceId: 'TCE' })).toEqual([]);
    // Book codes are exact (binary), as 5etools writes them.
    expect(matching(repo, { sourceId: 'phb' })).toEqual([]);
  });

  it('filters combine with AND', () => {
    expect(matching(repo, { sourceId: 'PHB', nameContains: 'fire' })).toEqual(['fire-shield-phb', 'fireball-phb']);
    expect(matching(repo, { ruleSystemId: 'dnd5e-2024', nameStartsWith: 'fire' })).toEqual([]);
    expect(matching(repo, { ruleSystemId: 'dnd5e-2024', sourceId: 'XPHB', nameContains: 'pure' })).toEqual(['100-pure-xphb']);
  });

  it('refuses malformed filter values; nothing is read or written', () => {
    const before = snapshot(state.sqlite, key);
    catchError('ValidationFailed', () => repo.list({ filter: { sourceId: 'P H B' } }));
    catchError('ValidationFailed', () => repo.list({ filter: { ruleSystemId: 'D&D' } }));
    catchError('ValidationFailed', () => repo.list({ filter: { nameContains: 42 } as never }));
    expect(snapshot(state.sqlite, key)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------

describe('spells', () => {
  const rows: Draft<'spells'>[] = [
    { id: 'fireball-phb', name: 'Fireball', level: 3, school: 'V', classes: ['wizard', 'sorcerer'] },
    { id: 'detect-magic-phb', name: 'Detect Magic', level: 1, school: 'D', classes: ['bard', 'cleric', 'druid', 'paladin', 'ranger', 'sorcerer', 'wizard'], isRitual: true, isConcentration: true },
    { id: 'bless-phb', name: 'Bless', level: 1, school: 'E', classes: ['cleric', 'paladin'], isConcentration: true },
    { id: 'light-phb', name: 'Light', level: 0, school: 'V', classes: ['bard', 'cleric', 'sorcerer', 'wizard'] },
    { id: 'wish-phb', name: 'Wish', level: 9, school: 'C', classes: ['sorcerer', 'wizard'] },
    { id: 'alarm-phb', name: 'Alarm', level: 1, school: 'A', classes: ['ranger', 'wizard'], isRitual: true },
    { id: 'hex-xphb', name: 'Hex', level: 1, school: 'N', classes: ['warlock'], isConcentration: true, sourceId: 'XPHB' },
    { id: 'mystery-phb', name: 'Mystery', level: 5, school: null, classes: [] },
  ];
  const state = useCatalog((catalog) => {
    catalog.spells.batchUpsert(rows.map(inBook));
  });
  const spells = () => state.catalog.spells;

  it('level: one, several, and ranges', () => {
    expect(matching(spells(), { level: 1 })).toEqual(sorted(['detect-magic-phb', 'bless-phb', 'alarm-phb', 'hex-xphb']));
    expect(matching(spells(), { level: [0, 9] })).toEqual(['light-phb', 'wish-phb']);
    expect(matching(spells(), { levelMin: 3 })).toEqual(['fireball-phb', 'mystery-phb', 'wish-phb']);
    expect(matching(spells(), { levelMax: 0 })).toEqual(['light-phb']);
    expect(matching(spells(), { levelMin: 1, levelMax: 3 })).toEqual(
      sorted(['detect-magic-phb', 'bless-phb', 'alarm-phb', 'hex-xphb', 'fireball-phb']),
    );
    expect(matching(spells(), { levelMin: 4, levelMax: 2 })).toEqual([]);
    catchError('ValidationFailed', () => spells().list({ filter: { level: 10 } }));
    catchError('ValidationFailed', () => spells().list({ filter: { levelMin: -1 } }));
    catchError('ValidationFailed', () => spells().list({ filter: { level: 1.5 } }));
  });

  it('school: one or several one-letter codes', () => {
    expect(matching(spells(), { school: 'V' })).toEqual(['fireball-phb', 'light-phb']);
    expect(matching(spells(), { school: ['A', 'N'] })).toEqual(['alarm-phb', 'hex-xphb']);
    expect(matching(spells(), { school: 'T' })).toEqual([]);
    catchError('ValidationFailed', () => spells().list({ filter: { school: 'X' as never } }));
    catchError('ValidationFailed', () => spells().list({ filter: { school: 'v' as never } }));
  });

  it('class: exact class name, any capitalisation', () => {
    const wizard = sorted(['fireball-phb', 'detect-magic-phb', 'light-phb', 'wish-phb', 'alarm-phb']);
    expect(matching(spells(), { class: 'wizard' })).toEqual(wizard);
    expect(matching(spells(), { class: 'WIZARD' })).toEqual(wizard);
    expect(matching(spells(), { class: 'Wizard' })).toEqual(wizard);
    expect(matching(spells(), { class: 'warlock' })).toEqual(['hex-xphb']);
    expect(matching(spells(), { class: 'wiz' })).toEqual([]);
    expect(matching(spells(), { class: 'artificer' })).toEqual([]);
  });

  it('isRitual and isConcentration', () => {
    expect(matching(spells(), { isRitual: true })).toEqual(['alarm-phb', 'detect-magic-phb']);
    expect(matching(spells(), { isRitual: false })).toHaveLength(6);
    expect(matching(spells(), { isConcentration: true })).toEqual(['bless-phb', 'detect-magic-phb', 'hex-xphb']);
    expect(matching(spells(), { isConcentration: false })).toHaveLength(5);
    catchError('ValidationFailed', () => spells().list({ filter: { isRitual: 1 as never } }));
  });

  it('combinations', () => {
    expect(matching(spells(), { class: 'cleric', level: 1 })).toEqual(['bless-phb', 'detect-magic-phb']);
    expect(matching(spells(), { class: 'wizard', isRitual: true })).toEqual(['alarm-phb', 'detect-magic-phb']);
    expect(matching(spells(), { class: 'paladin', isConcentration: true, school: 'E' })).toEqual(['bless-phb']);
    expect(matching(spells(), { levelMin: 1, ruleSystemId: 'dnd5e-2024' })).toEqual(['hex-xphb']);
  });

  it('sorts by level numerically, then id', () => {
    expect(idsOf(spells().list({ sort: { by: 'level' } }))).toEqual([
      'light-phb',
      'alarm-phb',
      'bless-phb',
      'detect-magic-phb',
      'hex-xphb',
      'fireball-phb',
      'mystery-phb',
      'wish-phb',
    ]);
  });

  it('classesDisplay is computed from classes (NULL when there are none)', () => {
    expect(spells().get('fireball-phb').classesDisplay).toBe('wizard, sorcerer');
    expect(spells().get('hex-xphb').classesDisplay).toBe('warlock');
    expect(spells().get('mystery-phb').classesDisplay).toBeNull();
  });
});

describe('spells: the spell_classes lookup follows spells.classes', () => {
  const state = useCatalog(() => undefined);
  const lookup = () =>
    state.sqlite.prepare("SELECT class_name || ':' || spell_id FROM spell_classes ORDER BY 1").pluck().all() as string[];
  /** What the lookup must hold: derived from the JSON column, the source of truth. */
  const derived = () =>
    state.sqlite
      .prepare(`SELECT DISTINCT lower(j.value) || ':' || s.id FROM spells s, json_each(s.classes) j ORDER BY 1`)
      .pluck()
      .all() as string[];
  const spell = (id: string, classes: string[]) => ({ id, name: id, ruleSystemId: 'dnd5e-2014', sourceId: 'PHB', level: 1, classes });

  it('on create, update of classes, update of other columns, delete and batch upsert', () => {
    const spells = state.catalog.spells;
    spells.create(spell('shield-phb', ['wizard', 'sorcerer']));
    expect(lookup()).toEqual(['sorcerer:shield-phb', 'wizard:shield-phb']);

    const updated = spells.update('shield-phb', { classes: ['cleric'] });
    expect(updated.classesDisplay).toBe('cleric');
    expect(lookup()).toEqual(['cleric:shield-phb']);
    expect(matching(spells, { class: 'wizard' })).toEqual([]);
    expect(matching(spells, { class: 'Cleric' })).toEqual(['shield-phb']);

    spells.update('shield-phb', { name: 'Shield', level: 2 });
    expect(lookup()).toEqual(['cleric:shield-phb']);

    spells.update('shield-phb', { classes: [] });
    expect(lookup()).toEqual([]);
    expect(spells.get('shield-phb').classesDisplay).toBeNull();

    expect(spells.batchUpsert([spell('shield-phb', ['wizard']), spell('sleep-phb', ['bard', 'wizard'])])).toEqual({
      inserted: 1,
      updated: 1,
      unchanged: 0,
    });
    expect(lookup()).toEqual(['bard:sleep-phb', 'wizard:shield-phb', 'wizard:sleep-phb']);
    expect(matching(spells, { class: 'wizard' })).toEqual(['shield-phb', 'sleep-phb']);

    expect(spells.batchUpsert([spell('shield-phb', ['wizard']), spell('sleep-phb', ['sorcerer'])])).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
    expect(lookup()).toEqual(['sorcerer:sleep-phb', 'wizard:shield-phb']);

    spells.delete('sleep-phb');
    expect(lookup()).toEqual(['wizard:shield-phb']);
    expect(lookup()).toEqual(derived());
  });

  it('a failed batch leaves the lookup as it was', () => {
    const spells = state.catalog.spells;
    spells.batchUpsert([spell('a-phb', ['wizard'])]);
    const before = lookup();
    catchError('ForeignKeyViolation', () =>
      spells.batchUpsert([spell('a-phb', ['druid']), spell('b-phb', ['bard']), { ...spell('c-phb', ['bard']), sourceId: 'MM' }]),
    );
    expect(lookup()).toEqual(before);
    expect(lookup()).toEqual(derived());
  });
});

// ---------------------------------------------------------------------------------------------

describe('creatures', () => {
  const rows: Draft<'creatures'>[] = [
    { id: 'rat-phb', name: 'Rat', challengeRating: '0', type: 'beast', size: 'T', environment: ['forest', 'urban'] },
    { id: 'kobold-phb', name: 'Kobold', challengeRating: '1/8', type: 'humanoid', size: 'S', environment: ['forest', 'hill', 'mountain'] },
    { id: 'goblin-phb', name: 'Goblin', challengeRating: '1/4', type: 'humanoid', size: 'S', environment: ['forest', 'grassland', 'hill', 'underdark'] },
    { id: 'acolyte-phb', name: 'Acolyte', challengeRating: '1/4', type: 'humanoid', size: 'M', environment: ['urban'], isNpc: true },
    { id: 'shadow-phb', name: 'Shadow', challengeRating: '1/2', type: 'undead', size: 'M', environment: ['underdark', 'urban'] },
    { id: 'bugbear-phb', name: 'Bugbear', challengeRating: '1', type: 'humanoid', size: 'M', environment: ['forest', 'underdark'] },
    { id: 'ogre-phb', name: 'Ogre', challengeRating: '2', type: 'giant', size: 'L', environment: ['hill', 'mountain'] },
    { id: 'mage-phb', name: 'Mage', challengeRating: '6', type: 'humanoid', size: 'M', environment: ['urban'], isNpc: true },
    { id: 'young-red-dragon-phb', name: 'Young Red Dragon', challengeRating: '10', type: 'dragon', size: 'L', environment: ['mountain'], legendaryActions: [] },
    {
      id: 'adult-red-dragon-phb',
      name: 'Adult Red Dragon',
      challengeRating: '17',
      type: 'dragon',
      size: 'H',
      environment: ['mountain'],
      legendaryActions: [{ name: 'Detect', entries: ['The dragon makes a Wisdom (Perception) check.'] }],
    },
    { id: 'avatar-of-death-phb', name: 'Avatar of Death', type: 'undead', size: 'M' },
  ];
  const state = useCatalog((catalog) => {
    catalog.creatures.batchUpsert(rows.map(inBook));
  });
  const creatures = () => state.catalog.creatures;
  const fromQuarter = sorted(['goblin-phb', 'acolyte-phb', 'shadow-phb', 'bugbear-phb', 'ogre-phb', 'mage-phb', 'young-red-dragon-phb', 'adult-red-dragon-phb']);

  it('crMin / crMax compare numerically: 1/8 < 1/4 < 1/2 < 1 < 2 < 10 < 17', () => {
    expect(matching(creatures(), { crMin: '1/4' })).toEqual(fromQuarter);
    expect(matching(creatures(), { crMin: 0.25 })).toEqual(fromQuarter);
    expect(matching(creatures(), { crMin: 0.2 })).toEqual(fromQuarter);
    expect(matching(creatures(), { crMax: '1' })).toEqual(
      sorted(['rat-phb', 'kobold-phb', 'goblin-phb', 'acolyte-phb', 'shadow-phb', 'bugbear-phb']),
    );
    // As text, "10" < "2": a string comparison would return nothing or the wrong rows here.
    expect(matching(creatures(), { crMin: '2', crMax: '10' })).toEqual(['mage-phb', 'ogre-phb', 'young-red-dragon-phb']);
    expect(matching(creatures(), { crMin: 2, crMax: 10 })).toEqual(['mage-phb', 'ogre-phb', 'young-red-dragon-phb']);
    expect(matching(creatures(), { crMin: '1/2', crMax: '1/2' })).toEqual(['shadow-phb']);
    expect(matching(creatures(), { crMax: '1/8' })).toEqual(['kobold-phb', 'rat-phb']);
    expect(matching(creatures(), { crMax: 0.125 })).toEqual(['kobold-phb', 'rat-phb']);
    expect(matching(creatures(), { crMin: '10' })).toEqual(['adult-red-dragon-phb', 'young-red-dragon-phb']);
    expect(matching(creatures(), { crMin: 17, crMax: 30 })).toEqual(['adult-red-dragon-phb']);
    // A creature without a challenge rating is in no CR range.
    expect(matching(creatures(), { crMin: 0 })).toHaveLength(rows.length - 1);
  });

  it.each([['banana'], ['1/3'], [31], [-1], ['31'], ['01']])('refuses the CR bound %s', (bound) => {
    catchError('ValidationFailed', () => creatures().list({ filter: { crMin: bound as never } }));
  });

  it('sorts by CR numerically (crValue), NULL first, then id', () => {
    const ascending = [
      'avatar-of-death-phb',
      'rat-phb',
      'kobold-phb',
      'acolyte-phb',
      'goblin-phb',
      'shadow-phb',
      'bugbear-phb',
      'ogre-phb',
      'mage-phb',
      'young-red-dragon-phb',
      'adult-red-dragon-phb',
    ];
    expect(idsOf(creatures().list({ sort: { by: 'crValue' } }))).toEqual(ascending);
    expect(idsOf(creatures().list({ sort: { by: 'crValue', direction: 'desc' } }))).toEqual([...ascending].reverse());
  });

  it('sorts by size in rank order (SIZE_CODES: Tiny → Huge), not alphabetically, then id', () => {
    const ascending = [
      'rat-phb',
      'goblin-phb',
      'kobold-phb',
      'acolyte-phb',
      'avatar-of-death-phb',
      'bugbear-phb',
      'mage-phb',
      'shadow-phb',
      'ogre-phb',
      'young-red-dragon-phb',
      'adult-red-dragon-phb',
    ];
    expect(idsOf(creatures().list({ sort: { by: 'size' } }))).toEqual(ascending);
    // Pages of a ranked sort agree with the whole list.
    const paged = [0, 4, 8].flatMap((offset) => idsOf(creatures().list({ sort: { by: 'size' }, limit: 4, offset })));
    expect(paged).toEqual(ascending);
    const ranks = creatures()
      .list({ sort: { by: 'size', direction: 'desc' } })
      .items.map((row) => SIZE_CODES.indexOf(row.size as (typeof SIZE_CODES)[number]));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it('crValue is computed from the challenge rating', () => {
    expect(creatures().get('kobold-phb').crValue).toBe(0.125);
    expect(creatures().get('shadow-phb').crValue).toBe(0.5);
    expect(creatures().get('adult-red-dragon-phb').crValue).toBe(17);
    expect(creatures().get('rat-phb').crValue).toBe(0);
    expect(creatures().get('avatar-of-death-phb').crValue).toBeNull();
  });

  it('type, size, environment, isNpc', () => {
    expect(matching(creatures(), { type: 'dragon' })).toEqual(['adult-red-dragon-phb', 'young-red-dragon-phb']);
    expect(matching(creatures(), { type: ['giant', 'undead'] })).toEqual(['avatar-of-death-phb', 'ogre-phb', 'shadow-phb']);
    expect(matching(creatures(), { size: 'T' })).toEqual(['rat-phb']);
    expect(matching(creatures(), { size: ['L', 'H'] })).toEqual(['adult-red-dragon-phb', 'ogre-phb', 'young-red-dragon-phb']);
    expect(matching(creatures(), { environment: 'underdark' })).toEqual(['bugbear-phb', 'goblin-phb', 'shadow-phb']);
    expect(matching(creatures(), { environment: 'urban' })).toEqual(['acolyte-phb', 'mage-phb', 'rat-phb', 'shadow-phb']);
    expect(matching(creatures(), { environment: 'desert' })).toEqual([]);
    expect(matching(creatures(), { isNpc: true })).toEqual(['acolyte-phb', 'mage-phb']);
    expect(matching(creatures(), { isNpc: false })).toHaveLength(rows.length - 2);
    expect(matching(creatures(), { type: 'humanoid', crMax: '1/4', size: 'S' })).toEqual(['goblin-phb', 'kobold-phb']);
    catchError('ValidationFailed', () => creatures().list({ filter: { size: 'Q' as never } }));
  });

  it('isLegendary: has legendary actions (an empty or missing list is none)', () => {
    expect(matching(creatures(), { isLegendary: true })).toEqual(['adult-red-dragon-phb']);
    expect(matching(creatures(), { isLegendary: false })).toHaveLength(rows.length - 1);
    expect(matching(creatures(), { isLegendary: true, crMax: '10' })).toEqual([]);
    catchError('ValidationFailed', () => creatures().list({ filter: { isLegendary: 'yes' as never } }));
  });
});

// ---------------------------------------------------------------------------------------------

describe('items', () => {
  const damage = { dice: '1d8', type: 'S', versatile: '1d10' } as const;
  const rows: Draft<'items'>[] = [
    { id: 'longsword-phb', name: 'Longsword', type: 'M', weightLb: 3, valueCp: 1500, damage, properties: ['V'] },
    { id: 'dagger-phb', name: 'Dagger', type: 'M', weightLb: 1, valueCp: 200, damage: { dice: '1d4', type: 'P' }, properties: ['F', 'L', 'T'] },
    { id: 'plate-armor-phb', name: 'Plate Armor', type: 'HA', weightLb: 65, valueCp: 150000, armorClass: 18 },
    { id: 'torch-phb', name: 'Torch', type: 'G', weightLb: 1, valueCp: 1 },
    { id: '+1-longsword-phb', name: '+1 Longsword', type: 'M', baseItemId: 'longsword-phb', rarity: 'uncommon', magicBonus: 1, weightLb: 3, damage },
    { id: 'adamantine-plate-armor-phb', name: 'Adamantine Plate Armor', type: 'HA', baseItemId: 'plate-armor-phb', rarity: 'uncommon', weightLb: 65, valueCp: 650000, armorClass: 18 },
    { id: '+1-wand-of-the-war-mage-phb', name: '+1 Wand of the War Mage', type: 'WD', rarity: 'uncommon', requiresAttunement: true, attunementPrereq: 'by a spellcaster', weightLb: 1 },
    { id: 'ring-of-protection-phb', name: 'Ring of Protection', type: 'RG', rarity: 'rare', requiresAttunement: true },
    { id: 'potion-of-healing-phb', name: 'Potion of Healing', type: 'P', rarity: 'common', valueCp: 5000, weightLb: 0.5 },
    { id: 'bag-of-holding-phb', name: 'Bag of Holding', rarity: 'uncommon', weightLb: 15 },
  ];
  const state = useCatalog((catalog) => {
    catalog.items.batchUpsert(rows.map(inBook));
  });
  const items = () => state.catalog.items;
  const magic = sorted(['+1-longsword-phb', 'adamantine-plate-armor-phb', '+1-wand-of-the-war-mage-phb', 'ring-of-protection-phb', 'potion-of-healing-phb', 'bag-of-holding-phb']);
  const mundane = sorted(['longsword-phb', 'dagger-phb', 'plate-armor-phb', 'torch-phb']);

  it('type', () => {
    expect(matching(items(), { type: 'M' })).toEqual(['+1-longsword-phb', 'dagger-phb', 'longsword-phb']);
    expect(matching(items(), { type: ['HA', 'P'] })).toEqual(['adamantine-plate-armor-phb', 'plate-armor-phb', 'potion-of-healing-phb']);
    // Codes outside the column's set (a source suffix, an unknown code) are refused, not unmatched.
    for (const type of ['M|XPHB', 'NOPE']) {
      const error = catchError('ValidationFailed', () => items().list({ filter: { type } as never }));
      expect(error.details.issues[0]?.path).toEqual(['filter', 'type']);
    }
  });

  it('rarity, isMagic (generated) and requiresAttunement', () => {
    expect(matching(items(), { rarity: 'rare' })).toEqual(['ring-of-protection-phb']);
    expect(matching(items(), { rarity: ['common', 'uncommon'] })).toEqual(
      sorted(['potion-of-healing-phb', '+1-longsword-phb', 'adamantine-plate-armor-phb', '+1-wand-of-the-war-mage-phb', 'bag-of-holding-phb']),
    );
    expect(matching(items(), { isMagic: true })).toEqual(magic);
    expect(matching(items(), { isMagic: false })).toEqual(mundane);
    expect(matching(items(), { requiresAttunement: true })).toEqual(['+1-wand-of-the-war-mage-phb', 'ring-of-protection-phb']);
    expect(matching(items(), { requiresAttunement: false })).toHaveLength(rows.length - 2);
    catchError('ValidationFailed', () => items().list({ filter: { rarity: 'mythic' as never } }));
    catchError('ValidationFailed', () => items().list({ filter: { rarity: 'none' as never } }));
  });

  it('baseItemId (variants of X) and isVariant', () => {
    expect(matching(items(), { baseItemId: 'longsword-phb' })).toEqual(['+1-longsword-phb']);
    expect(matching(items(), { baseItemId: ['longsword-phb', 'plate-armor-phb'] })).toEqual(['+1-longsword-phb', 'adamantine-plate-armor-phb']);
    expect(matching(items(), { baseItemId: 'dagger-phb' })).toEqual([]);
    expect(matching(items(), { isVariant: true })).toEqual(['+1-longsword-phb', 'adamantine-plate-armor-phb']);
    expect(matching(items(), { isVariant: false })).toHaveLength(rows.length - 2);
  });

  it('hasVariants: the base items of at least one variant, following the catalog', () => {
    expect(matching(items(), { hasVariants: true })).toEqual(['longsword-phb', 'plate-armor-phb']);
    expect(matching(items(), { hasVariants: false })).toHaveLength(rows.length - 2);
    expect(matching(items(), { hasVariants: true, type: 'M' })).toEqual(['longsword-phb']);
    // A variant that is itself a base item, then no longer one once its variant is gone.
    const variant = { id: '+2-longsword-phb', name: '+2 Longsword', ruleSystemId: 'dnd5e-2014', sourceId: 'PHB', type: 'M', baseItemId: '+1-longsword-phb' } as const;
    items().create(variant);
    expect(matching(items(), { hasVariants: true })).toEqual(['+1-longsword-phb', 'longsword-phb', 'plate-armor-phb']);
    items().delete(variant.id);
    expect(matching(items(), { hasVariants: true })).toEqual(['longsword-phb', 'plate-armor-phb']);
    catchError('ValidationFailed', () => items().list({ filter: { hasVariants: 1 as never } }));
  });

  it('value and weight ranges (inclusive; rows without a value are in no range)', () => {
    expect(matching(items(), { valueMinCp: 1500 })).toEqual(
      sorted(['longsword-phb', 'plate-armor-phb', 'adamantine-plate-armor-phb', 'potion-of-healing-phb']),
    );
    expect(matching(items(), { valueMaxCp: 200 })).toEqual(['dagger-phb', 'torch-phb']);
    expect(matching(items(), { valueMinCp: 200, valueMaxCp: 5000 })).toEqual(['dagger-phb', 'longsword-phb', 'potion-of-healing-phb']);
    expect(matching(items(), { weightMinLb: 15 })).toEqual(['adamantine-plate-armor-phb', 'bag-of-holding-phb', 'plate-armor-phb']);
    expect(matching(items(), { weightMaxLb: 1 })).toEqual(
      sorted(['dagger-phb', 'torch-phb', '+1-wand-of-the-war-mage-phb', 'potion-of-healing-phb']),
    );
    expect(matching(items(), { weightMinLb: 0.5, weightMaxLb: 0.5 })).toEqual(['potion-of-healing-phb']);
    catchError('ValidationFailed', () => items().list({ filter: { weightMaxLb: -1 } }));
    catchError('ValidationFailed', () => items().list({ filter: { valueMinCp: 1.5 } }));
  });

  it('sorts by value numerically, NULL first, then id', () => {
    expect(idsOf(items().list({ sort: { by: 'valueCp' }, filter: { isMagic: false } }))).toEqual([
      'torch-phb',
      'dagger-phb',
      'longsword-phb',
      'plate-armor-phb',
    ]);
  });

  it('sorts by rarity in rank order (ITEM_RARITIES: common → rare), mundane (NULL) first, then id', () => {
    expect(idsOf(items().list({ sort: { by: 'rarity' } }))).toEqual([
      'dagger-phb',
      'longsword-phb',
      'plate-armor-phb',
      'torch-phb',
      'potion-of-healing-phb',
      '+1-longsword-phb',
      '+1-wand-of-the-war-mage-phb',
      'adamantine-plate-armor-phb',
      'bag-of-holding-phb',
      'ring-of-protection-phb',
    ]);
    expect(idsOf(items().list({ sort: { by: 'rarity', direction: 'desc' }, filter: { isMagic: true }, limit: 2 }))).toEqual([
      'ring-of-protection-phb',
      'bag-of-holding-phb',
    ]);
  });

  it('isMagic follows rarity on create, update and batch upsert', () => {
    expect(items().get('longsword-phb').isMagic).toBe(false);
    expect(items().get('+1-longsword-phb').isMagic).toBe(true);
    const base = { id: 'shield-phb', name: 'Shield', ruleSystemId: 'dnd5e-2014', sourceId: 'PHB', type: 'S' } as const;
    expect(items().create(base).isMagic).toBe(false);
    expect(items().update('shield-phb', { rarity: 'rare' }).isMagic).toBe(true);
    expect(items().update('shield-phb', { rarity: null }).isMagic).toBe(false);
    items().batchUpsert([{ ...base, rarity: 'very rare' }]);
    expect(items().get('shield-phb')).toMatchObject({ rarity: 'very rare', isMagic: true });
    items().delete('shield-phb');
  });
});

// ---------------------------------------------------------------------------------------------

describe('races', () => {
  const state = useCatalog((catalog) => {
    const race = (id: string, name: string, size: 'S' | 'M', parentRaceId?: string, sourceId = 'PHB') => ({
      id,
      name,
      size,
      sourceId,
      ruleSystemId: sourceId === 'XPHB' ? 'dnd5e-2024' : 'dnd5e-2014',
      raceType: parentRaceId ? ('subrace' as const) : ('race' as const),
      ...(parentRaceId ? { parentRaceId } : {}),
      speed: size === 'S' ? 25 : { walk: 30 },
    });
    catalog.races.batchUpsert([
      race('dwarf-phb', 'Dwarf', 'M'),
      race('dwarf-hill-phb', 'Hill Dwarf', 'M', 'dwarf-phb'),
      race('dwarf-mountain-phb', 'Mountain Dwarf', 'M', 'dwarf-phb'),
      race('elf-phb', 'Elf', 'M'),
      race('elf-high-phb', 'High Elf', 'M', 'elf-phb'),
      race('halfling-phb', 'Halfling', 'S'),
      race('halfling-lightfoot-phb', 'Lightfoot Halfling', 'S', 'halfling-phb'),
      race('dragonborn-phb', 'Dragonborn', 'M'),
      race('human-xphb', 'Human', 'M', undefined, 'XPHB'),
    ]);
  });
  const races = () => state.catalog.races;
  const base = ['dragonborn-phb', 'dwarf-phb', 'elf-phb', 'halfling-phb', 'human-xphb'];
  const sub = ['dwarf-hill-phb', 'dwarf-mountain-phb', 'elf-high-phb', 'halfling-lightfoot-phb'];

  it('raceType: base races vs subraces', () => {
    expect(matching(races(), { raceType: 'race' })).toEqual(base);
    expect(matching(races(), { raceType: 'subrace' })).toEqual(sub);
    expect(matching(races(), { raceType: ['race', 'subrace'] })).toEqual(sorted([...base, ...sub]));
    catchError('ValidationFailed', () => races().list({ filter: { raceType: 'nation' as never } }));
  });

  it('parentRaceId: the children of one or several races', () => {
    expect(matching(races(), { parentRaceId: 'dwarf-phb' })).toEqual(['dwarf-hill-phb', 'dwarf-mountain-phb']);
    expect(matching(races(), { parentRaceId: ['elf-phb', 'halfling-phb'] })).toEqual(['elf-high-phb', 'halfling-lightfoot-phb']);
    expect(matching(races(), { parentRaceId: 'human-xphb' })).toEqual([]);
  });

  it('size', () => {
    expect(matching(races(), { size: 'S' })).toEqual(['halfling-lightfoot-phb', 'halfling-phb']);
    expect(matching(races(), { size: ['S', 'M'] })).toHaveLength(9);
  });

  it('the race/subrace kind must agree with the parent: ConstraintViolation, or ForeignKeyViolation for a missing parent', () => {
    const before = snapshot(state.sqlite, 'races');
    const row = { id: 'elf-wood-phb', name: 'Wood Elf', ruleSystemId: 'dnd5e-2014', sourceId: 'PHB' };
    catchError('ConstraintViolation', () => races().create({ ...row, raceType: 'subrace' }));
    catchError('ConstraintViolation', () => races().create({ ...row, raceType: 'race', parentRaceId: 'elf-phb' }));
    const missing = catchError('ForeignKeyViolation', () => races().create({ ...row, raceType: 'subrace', parentRaceId: 'elf-xphb' }));
    expect(missing.message).toContain("parent_race_id 'elf-xphb' does not exist in races");
    catchError('ConstraintViolation', () => races().update('elf-high-phb', { parentRaceId: null }));
    catchError('ForeignKeyViolation', () => races().update('elf-high-phb', { parentRaceId: 'nope-phb' }));
    expect(snapshot(state.sqlite, 'races')).toEqual(before);
  });
});

describe('classes', () => {
  const state = useCatalog((catalog) => {
    type Progression = 'full' | '1/2' | '1/3' | 'pact' | 'artificer';
    type Ability = 'int' | 'wis' | 'cha';
    const cls = (id: string, name: string, caster: [Progression, Ability] | null, parentClassId?: string, sourceId = 'PHB') => ({
      id,
      name,
      sourceId,
      ruleSystemId: 'dnd5e-2014',
      classType: parentClassId ? ('subclass' as const) : ('class' as const),
      ...(parentClassId ? { parentClassId } : {}),
      ...(caster ? { casterProgression: caster[0], spellAbility: caster[1] } : {}),
    });
    catalog.classes.batchUpsert([
      cls('wizard-phb', 'Wizard', ['full', 'int']),
      cls('wizard-evocation-phb', 'School of Evocation', ['full', 'int'], 'wizard-phb'),
      cls('fighter-phb', 'Fighter', null),
      cls('fighter-champion-phb', 'Champion', null, 'fighter-phb'),
      cls('fighter-eldritch-knight-phb', 'Eldritch Knight', ['1/3', 'int'], 'fighter-phb'),
      cls('cleric-phb', 'Cleric', ['full', 'wis']),
      cls('cleric-life-phb', 'Life Domain', ['full', 'wis'], 'cleric-phb'),
      cls('paladin-phb', 'Paladin', ['1/2', 'cha']),
      cls('warlock-phb', 'Warlock', ['pact', 'cha']),
      cls('artificer-tce', 'Artificer', ['artificer', 'int'], undefined, 'TCE'),
    ]);
  });
  const classes = () => state.catalog.classes;

  it('classType and parentClassId', () => {
    expect(matching(classes(), { classType: 'class' })).toEqual(
      sorted(['wizard-phb', 'fighter-phb', 'cleric-phb', 'paladin-phb', 'warlock-phb', 'artificer-tce']),
    );
    expect(matching(classes(), { classType: 'subclass' })).toEqual(
      sorted(['wizard-evocation-phb', 'fighter-champion-phb', 'fighter-eldritch-knight-phb', 'cleric-life-phb']),
    );
    expect(matching(classes(), { parentClassId: 'fighter-phb' })).toEqual(['fighter-champion-phb', 'fighter-eldritch-knight-phb']);
    expect(matching(classes(), { parentClassId: ['wizard-phb', 'cleric-phb'] })).toEqual(['cleric-life-phb', 'wizard-evocation-phb']);
    expect(matching(classes(), { parentClassId: 'warlock-phb' })).toEqual([]);
  });

  it('casterProgression and spellAbility', () => {
    expect(matching(classes(), { casterProgression: 'full' })).toEqual(
      sorted(['wizard-phb', 'wizard-evocation-phb', 'cleric-phb', 'cleric-life-phb']),
    );
    expect(matching(classes(), { casterProgression: '1/3' })).toEqual(['fighter-eldritch-knight-phb']);
    expect(matching(classes(), { casterProgression: ['1/2', 'pact', 'artificer'] })).toEqual(['artificer-tce', 'paladin-phb', 'warlock-phb']);
    expect(matching(classes(), { spellAbility: 'int' })).toEqual(
      sorted(['wizard-phb', 'wizard-evocation-phb', 'fighter-eldritch-knight-phb', 'artificer-tce']),
    );
    expect(matching(classes(), { spellAbility: ['cha'] })).toEqual(['paladin-phb', 'warlock-phb']);
    expect(matching(classes(), { classType: 'subclass', spellAbility: 'int' })).toEqual(['fighter-eldritch-knight-phb', 'wizard-evocation-phb']);
    catchError('ValidationFailed', () => classes().list({ filter: { casterProgression: 'quarter' as never } }));
    catchError('ValidationFailed', () => classes().list({ filter: { spellAbility: 'luck' as never } }));
  });

  it('the class/subclass kind must agree with the parent', () => {
    const before = snapshot(state.sqlite, 'classes');
    const row = { id: 'wizard-divination-phb', name: 'School of Divination', ruleSystemId: 'dnd5e-2014', sourceId: 'PHB' };
    catchError('ConstraintViolation', () => classes().create({ ...row, classType: 'subclass' }));
    catchError('ConstraintViolation', () => classes().create({ ...row, classType: 'class', parentClassId: 'wizard-phb' }));
    const missing = catchError('ForeignKeyViolation', () => classes().create({ ...row, classType: 'subclass', parentClassId: 'wizard-xphb' }));
    expect(missing.message).toContain("parent_class_id 'wizard-xphb' does not exist in classes");
    expect(snapshot(state.sqlite, 'classes')).toEqual(before);
  });
});

describe('feats', () => {
  const state = useCatalog((catalog) => {
    const rows: Draft<'feats'>[] = [
      { id: 'grappler-phb', name: 'Grappler', prerequisites: [{ ability: [{ str: 13 }] }] },
      { id: 'alert-phb', name: 'Alert' },
      { id: 'lucky-phb', name: 'Lucky', prerequisites: [] },
      { id: 'alert-xphb', name: 'Alert', featType: 'origin', sourceId: 'XPHB' },
      { id: 'great-weapon-fighting-xphb', name: 'Great Weapon Fighting', featType: 'fighting-style', prerequisites: [{ featureType: ['FS:F'] }], sourceId: 'XPHB' },
      { id: 'boon-of-speed-xphb', name: 'Boon of Speed', featType: 'epic', prerequisites: [{ level: 19 }], sourceId: 'XPHB' },
      { id: 'grappler-xphb', name: 'Grappler', featType: 'general', prerequisites: [{ level: 4, ability: [{ str: 13 }, { dex: 13 }] }], sourceId: 'XPHB' },
    ];
    catalog.feats.batchUpsert(rows.map(inBook));
  });
  const feats = () => state.catalog.feats;

  it('featType', () => {
    expect(matching(feats(), { featType: 'origin' })).toEqual(['alert-xphb']);
    expect(matching(feats(), { featType: ['general', 'epic'] })).toEqual(['boon-of-speed-xphb', 'grappler-xphb']);
    catchError('ValidationFailed', () => feats().list({ filter: { featType: 'legendary' as never } }));
  });

  it('hasPrerequisites (an empty or missing list is none)', () => {
    expect(matching(feats(), { hasPrerequisites: true })).toEqual(
      sorted(['grappler-phb', 'great-weapon-fighting-xphb', 'boon-of-speed-xphb', 'grappler-xphb']),
    );
    expect(matching(feats(), { hasPrerequisites: false })).toEqual(['alert-phb', 'alert-xphb', 'lucky-phb']);
    expect(matching(feats(), { hasPrerequisites: false, ruleSystemId: 'dnd5e-2024' })).toEqual(['alert-xphb']);
  });
});

describe('backgrounds', () => {
  const state = useCatalog((catalog) => {
    const background = (id: string, name: string, featureName?: string, featureText?: string) => ({
      id,
      name,
      ruleSystemId: 'dnd5e-2014',
      sourceId: 'PHB',
      ...(featureName ? { featureName, featureText } : {}),
    });
    catalog.backgrounds.batchUpsert([
      background('acolyte-phb', 'Acolyte', 'Shelter of the Faithful', 'You can expect free healing and care at a temple, shrine, or other established presence of your faith.'),
      background('criminal-phb', 'Criminal', 'Criminal Contact', 'You have a reliable and trustworthy contact who acts as your liaison to a network of other criminals.'),
      background('sage-phb', 'Sage', 'Researcher', 'When you attempt to learn or recall a piece of lore, 50% of the time you know where to find it.'),
      background('soldier-phb', 'Soldier'),
    ]);
  });
  const backgrounds = () => state.catalog.backgrounds;

  it('featureTextContains: case-insensitive substring, wildcards literal, rows without a feature never match', () => {
    expect(matching(backgrounds(), { featureTextContains: 'TEMPLE' })).toEqual(['acolyte-phb']);
    expect(matching(backgrounds(), { featureTextContains: 'trust' })).toEqual(['criminal-phb']);
    expect(matching(backgrounds(), { featureTextContains: '50%' })).toEqual(['sage-phb']);
    expect(matching(backgrounds(), { featureTextContains: '%' })).toEqual(['sage-phb']);
    expect(matching(backgrounds(), { featureTextContains: 'you' })).toEqual(['acolyte-phb', 'criminal-phb', 'sage-phb']);
    expect(matching(backgrounds(), { featureTextContains: 'dragon' })).toEqual([]);
  });

  it('featureNameContains', () => {
    expect(matching(backgrounds(), { featureNameContains: 'contact' })).toEqual(['criminal-phb']);
    expect(matching(backgrounds(), { featureNameContains: 'RESEARCH' })).toEqual(['sage-phb']);
    expect(matching(backgrounds(), { featureNameContains: 'of the' })).toEqual(['acolyte-phb']);
  });
});

// ---------------------------------------------------------------------------------------------
// Editions and item flags

describe.each(ENTITY_TABLES)('%s: isReprinted', (key) => {
  const state = useCatalog((catalog) => {
    const repo = repositoryOf(catalog, key);
    const row = (id: string, supersededBy: string | null, sourceId: Book = 'PHB') =>
      samples[key].minimal({ id, name: id, sourceId, ...(sourceId === 'XPHB' ? { ruleSystemId: 'dnd5e-2024' } : {}) }) as Record<string, unknown> & { supersededBy?: string | null };
    repo.batchUpsert([
      { ...row('new-xphb', null, 'XPHB') },
      { ...row('old-phb', null), supersededBy: 'new-xphb' },
      // Its newer printing is not in the catalog: it is the newest printing present.
      { ...row('orphan-phb', null), supersededBy: 'missing-xphb' },
      { ...row('plain-phb', null) },
    ]);
  });

  it('true: superseded by a row present in the same table; false: everything else', () => {
    const repo = repositoryOf(state.catalog, key);
    expect(matching(repo, { isReprinted: true } as never)).toEqual(['old-phb']);
    expect(matching(repo, { isReprinted: false } as never)).toEqual(['new-xphb', 'orphan-phb', 'plain-phb']);
    expect(matching(repo, { isReprinted: false, sourceId: 'PHB' } as never)).toEqual(['orphan-phb', 'plain-phb']);
  });

  it('follows the catalog: once the newer row is gone, the older one is the newest again', () => {
    const repo = repositoryOf(state.catalog, key);
    repo.update('old-phb', { supersededBy: 'missing-xphb' });
    expect(matching(repo, { isReprinted: true } as never)).toEqual([]);
    repo.update('old-phb', { supersededBy: 'new-xphb' });
  });

  it('refuses a value that is not a boolean', () => {
    catchError('ValidationFailed', () => repositoryOf(state.catalog, key).list({ filter: { isReprinted: 'no' } }));
  });

  it('supersededBy: the older printings of one or several rows', () => {
    const repo = repositoryOf(state.catalog, key);
    expect(matching(repo, { supersededBy: 'new-xphb' } as never)).toEqual(['old-phb']);
    expect(matching(repo, { supersededBy: ['new-xphb', 'missing-xphb'] } as never)).toEqual(['old-phb', 'orphan-phb']);
    expect(matching(repo, { supersededBy: 'plain-phb' } as never)).toEqual([]);
    catchError('ValidationFailed', () => repo.list({ filter: { supersededBy: 'Not An Id' } }));
  });
});

describe('items: flag filters', () => {
  const state = useCatalog((catalog) => {
    const flagged: Draft<'items'>[] = [
      { id: 'bag-of-holding-phb', name: 'Bag of Holding', rarity: 'uncommon', isWondrous: true },
      { id: 'staff-of-power-phb', name: 'Staff of Power', rarity: 'very rare', isStaff: true, requiresAttunement: true },
      { id: 'demon-armor-phb', name: 'Demon Armor', rarity: 'very rare', isCursed: true },
      { id: 'blackrazor-phb', name: 'Blackrazor', rarity: 'legendary', isSentient: true, isCursed: false },
      { id: 'masquerade-tattoo-phb', name: 'Masquerade Tattoo', rarity: 'common', isTattoo: true, isWondrous: true },
      { id: 'serpent-venom-phb', name: 'Serpent Venom', isPoison: true },
      { id: 'longsword-phb', name: 'Longsword' },
    ];
    catalog.items.batchUpsert(flagged.map(inBook));
  });

  it.each([
    ['isWondrous', ['bag-of-holding-phb', 'masquerade-tattoo-phb']],
    ['isTattoo', ['masquerade-tattoo-phb']],
    ['isStaff', ['staff-of-power-phb']],
    ['isCursed', ['demon-armor-phb']],
    ['isSentient', ['blackrazor-phb']],
    ['isPoison', ['serpent-venom-phb']],
  ])('%s: true gives the flagged rows, false the others', (flag, expected) => {
    const all = matching(state.catalog.items, {});
    expect(matching(state.catalog.items, { [flag]: true })).toEqual(sorted(expected));
    expect(matching(state.catalog.items, { [flag]: false })).toEqual(all.filter((id) => !expected.includes(id)));
  });

  it('combine with the others: rare-or-better wondrous items that need attunement', () => {
    expect(matching(state.catalog.items, { isWondrous: true, rarity: ['uncommon', 'rare'] })).toEqual(['bag-of-holding-phb']);
    expect(matching(state.catalog.items, { isStaff: true, requiresAttunement: true })).toEqual(['staff-of-power-phb']);
  });

  it('a flag defaults to false and refuses a non-boolean', () => {
    expect(state.catalog.items.get('longsword-phb')).toMatchObject({ isWondrous: false, isTattoo: false, isStaff: false, isCursed: false, isSentient: false, isPoison: false });
    catchError('ValidationFailed', () => state.catalog.items.list({ filter: { isWondrous: 1 as unknown as boolean } }));
    catchError('ValidationFailed', () => state.catalog.items.create({ ...inBook<Draft<'items'>>({ id: 'x-phb', name: 'X' }), isWondrous: 'yes' as unknown as boolean }));
  });
});
