/**
 * The importer end to end on small hand-written data folders: one transaction, the import_log
 * row, idempotence, progress, both folder layouts, and failures that leave the catalog unchanged.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError } from '../../../src-shared/errors';
import { openMigrated, tempDir } from '../../../test/helpers';
import { snapshot } from '../../../test/entity-samples';
import type { Catalog } from '../../db';
import { IMPORT_KINDS, import5etools, ImportFailedError, type ImportProgress } from './index';
import type { Raw } from './types';

const TABLES = ['rule_systems', 'sources', 'races', 'classes', 'items', 'spells', 'creatures', 'backgrounds', 'feats'];

function dump(catalog: Catalog): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((table) => [table, snapshot(catalog.connection.sqlite, table)]));
}

const books: Raw[] = [
  { name: "Player's Handbook (2014)", id: 'PHB', source: 'PHB', group: 'core', published: '2014-08-19', author: 'Wizards RPG Team' },
  { name: 'Monster Manual (2014)', id: 'MM', source: 'MM', group: 'core', published: '2014-09-30' },
  { name: "Dungeon Master's Guide (2014)", id: 'DMG', source: 'DMG', group: 'core', published: '2014-12-09' },
];
const spell = (name: string, level: number, extra: Raw = {}): Raw => ({
  name,
  source: 'PHB',
  page: 200 + level,
  srd: true,
  level,
  school: 'V',
  time: [{ number: 1, unit: 'action' }],
  range: { type: 'point', distance: { type: 'feet', amount: 60 } },
  components: { v: true, s: true },
  duration: [{ type: 'instant' }],
  entries: [`${name} does things.`],
  ...extra,
});
const spells: Raw[] = [spell('Fireball', 3), spell('Fire Bolt', 0), spell('Light', 0), spell('Booming Blade', 0, { source: 'TCE' })];
const spellSources = {
  PHB: {
    Fireball: { class: [{ name: 'Sorcerer', source: 'PHB' }, { name: 'Wizard', source: 'PHB' }] },
    'Fire Bolt': { class: [{ name: 'Wizard', source: 'PHB' }] },
    Light: { class: [{ name: 'Cleric', source: 'PHB' }, { name: 'Wizard', source: 'PHB' }] },
  },
};
const monster = (name: string, extra: Raw = {}): Raw => ({
  name,
  source: 'MM',
  srd: true,
  size: ['M'],
  type: 'humanoid',
  alignment: ['N', 'E'],
  ac: [15],
  hp: { average: 7, formula: '2d6' },
  speed: { walk: 30 },
  str: 8,
  dex: 14,
  con: 10,
  int: 10,
  wis: 8,
  cha: 8,
  passive: 9,
  cr: '1/4',
  ...extra,
});
const monsters: Raw[] = [
  monster('Goblin', { type: { type: 'humanoid', tags: ['goblinoid'] } }),
  monster('Adult Red Dragon', { size: ['H'], type: 'dragon', cr: '17', legendaryGroup: { name: 'Red Dragon', source: 'MM' } }),
  monster('Green Hag', { type: 'fey', cr: { cr: '3', coven: '5' }, legendaryGroup: { name: 'Green Hag', source: 'MM' } }),
  monster('Warhorse', { type: 'beast', cr: '1/2', _versions: [{ name: 'Warhorse (Plate Barding)', source: 'MM', ac: [18] }] }),
];
const legendaryGroups: Raw[] = [
  { name: 'Red Dragon', source: 'MM', lairActions: ['Magma erupts.'], regionalEffects: ['Warm land.'] },
  { name: 'Green Hag', source: 'MM', _copy: { name: 'Hag', source: 'VGM', _mod: { lairActions: { mode: 'appendArr', items: ['More.'] } } } },
];
const races = { race: [{ name: 'Elf', source: 'PHB', srd: true, size: ['M'], speed: 30, ability: [{ dex: 2 }], entries: ['Elvish.'] }, { name: 'Human', source: 'PHB', srd: true, size: ['M'], speed: 30, entries: [] }], subrace: [{ name: 'High', source: 'PHB', raceName: 'Elf', raceSource: 'PHB', srd: true, ability: [{ int: 1 }] }, { source: 'PHB', raceName: 'Human', raceSource: 'PHB', srd: true, ability: [{ str: 1, dex: 1, con: 1, int: 1, wis: 1, cha: 1 }] }, { name: 'Deep', source: 'PHB', raceName: 'Gnome', raceSource: 'PHB', srd: true }] };
const classes = {
  class: [{ name: 'Fighter', source: 'PHB', srd: true, hd: { number: 1, faces: 10 }, proficiency: ['str', 'con'], classFeatures: ['Second Wind|Fighter||1', { classFeature: 'Martial Archetype|Fighter||3', gainSubclassFeature: true }], subclassTitle: 'Martial Archetype' }],
  subclass: [{ name: 'Champion', shortName: 'Champion', source: 'PHB', className: 'Fighter', classSource: 'PHB', srd: true, subclassFeatures: ['Champion|Fighter||Champion||3'] }],
  classFeature: [
    { name: 'Second Wind', source: 'PHB', className: 'Fighter', classSource: 'PHB', level: 1, entries: ['Heal.'] },
    { name: 'Martial Archetype', source: 'PHB', className: 'Fighter', classSource: 'PHB', level: 3, entries: ['Choose.'] },
  ],
  subclassFeature: [{ name: 'Champion', source: 'PHB', className: 'Fighter', classSource: 'PHB', subclassShortName: 'Champion', subclassSource: 'PHB', level: 3, entries: ['Crit on 19.'] }],
};
const baseItems: Raw[] = [
  { name: 'Longsword', source: 'PHB', srd: true, edition: 'classic', type: 'M', rarity: 'none', weight: 3, value: 1500, property: ['V'], dmg1: '1d8', dmgType: 'S', dmg2: '1d10', weapon: true, sword: true },
  { name: 'Dagger', source: 'PHB', srd: true, edition: 'classic', type: 'M', rarity: 'none', weight: 1, value: 200, property: ['F', 'L', 'T'], dmg1: '1d4', dmgType: 'P', weapon: true },
];
const items: Raw[] = [{ name: 'Bag of Holding', source: 'DMG', srd: true, rarity: 'uncommon', wondrous: true, weight: 15, entries: ['Roomy.'] }];
const magicVariants: Raw[] = [
  { name: '+1 Weapon', edition: 'classic', type: 'GV|DMG', requires: [{ weapon: true }], inherits: { namePrefix: '+1 ', source: 'DMG', srd: true, rarity: 'uncommon', bonusWeapon: '+1', entries: ['{=bonusWeapon} to hit.'] } },
];
const backgrounds = { background: [{ name: 'Acolyte', source: 'PHB', srd: true, skillProficiencies: [{ insight: true, religion: true }], entries: [{ type: 'entries', name: 'Feature: Shelter of the Faithful', entries: ['Free healing at a {@b temple}.'] }] }] };
const feats = { feat: [{ name: 'Grappler', source: 'PHB', srd: true, prerequisite: [{ ability: [{ str: 13 }] }], entries: ['Grab.'] }] };

function write(dir: string, file: string, json: unknown) {
  mkdirSync(join(dir, file, '..'), { recursive: true });
  writeFileSync(join(dir, file), JSON.stringify(json, null, '\t'));
}

/** The SRD fixture's flat layout. */
function flatFolder(overrides: Record<string, unknown> = {}): string {
  const dir = tempDir('mimir-5et-');
  const files: Record<string, unknown> = {
    'sources.json': { book: books },
    'spells.json': { spell: spells },
    'spell-sources.json': spellSources,
    'creatures.json': { monster: monsters },
    'legendarygroups.json': { legendaryGroup: legendaryGroups },
    'races.json': races,
    'classes.json': classes,
    'items.json': { item: items, baseitem: baseItems, magicvariant: magicVariants },
    'backgrounds.json': backgrounds,
    'feats.json': feats,
    ...overrides,
  };
  for (const [file, json] of Object.entries(files)) if (json !== undefined) write(dir, file, json);
  return dir;
}

/** A real 5etools data/ folder: split per book and kind. */
function splitFolder(): string {
  const dir = tempDir('mimir-5et-');
  write(dir, 'books.json', { book: books });
  write(dir, 'spells/spells-phb.json', { spell: spells.filter((s) => s['source'] === 'PHB') });
  write(dir, 'spells/spells-tce.json', { spell: spells.filter((s) => s['source'] === 'TCE') });
  write(dir, 'spells/sources.json', spellSources);
  write(dir, 'spells/fluff-spells-phb.json', { spellFluff: [{ name: 'Fireball', source: 'PHB' }] });
  write(dir, 'spells/index.json', { PHB: 'spells-phb.json' });
  write(dir, 'bestiary/bestiary-mm.json', { monster: monsters });
  write(dir, 'bestiary/legendarygroups.json', { legendaryGroup: legendaryGroups });
  write(dir, 'races.json', races);
  write(dir, 'class/class-fighter.json', classes);
  write(dir, 'items-base.json', { baseitem: baseItems });
  write(dir, 'items.json', { item: items });
  write(dir, 'magicvariants.json', { magicvariant: magicVariants });
  write(dir, 'backgrounds.json', backgrounds);
  write(dir, 'feats.json', feats);
  return dir;
}

/** Expected rows per kind of the hand-written folder, and the skips. */
const EXPECTED_ROWS = { sources: 4, races: 3, classes: 2, items: 6, spells: 4, creatures: 5, backgrounds: 1, feats: 1, rulesTerms: 0 };

describe('import5etools', () => {
  it('imports a folder in one go: rows per kind, skips and warnings in the result and in import_log', () => {
    const { catalog } = openMigrated();
    const dir = flatFolder();
    const result = import5etools(catalog, dir);

    expect(Object.fromEntries(IMPORT_KINDS.map((k) => [k, result.counts[k].imported]))).toEqual(EXPECTED_ROWS);
    for (const kind of IMPORT_KINDS) expect(catalog[kind].count({}), kind).toBe(EXPECTED_ROWS[kind]);
    expect(catalog.ruleSystems.list({}).items.map((r) => r.id)).toEqual(['dnd5e-2014', 'dnd5e-2024']);
    expect(result.skipped).toEqual([{ kind: 'races', name: 'Deep', source: 'PHB', reason: 'its race Gnome|PHB is not in the data', file: 'races.json' }]);
    expect(result.warnings).toEqual([
      {
        kind: 'creatures',
        name: 'Green Hag',
        source: 'MM',
        message: 'its legendary group Green Hag|MM could not be resolved (it copies Hag|VGM, which is not in the data); lair actions and regional effects left empty',
        file: 'creatures.json',
      },
    ]);
    // Booming Blade's book TCE has no metadata in the folder: a source row is made from its record.
    expect(catalog.sources.get('TCE')).toMatchObject({ fullName: 'TCE', isOfficial: true, metadata: { inferred: true } });
    expect(catalog.spells.get('booming-blade-tce')).toMatchObject({ sourceId: 'TCE' });
    expect(result.counts.races).toMatchObject({ read: 5, generated: 0, skipped: 1, inserted: 3, updated: 0, unchanged: 0 });
    expect(result.counts.items).toMatchObject({ read: 4, generated: 2, imported: 6 });
    expect(result.counts.creatures).toMatchObject({ read: 4, generated: 1, imported: 5, warnings: 1 });
    expect(result.status).toBe('partial');
    expect(result.recordsImported).toBe(26);
    expect(result.recordsProcessed).toBe(27);
    expect(result.files).toEqual(['backgrounds.json', 'classes.json', 'creatures.json', 'feats.json', 'items.json', 'legendarygroups.json', 'races.json', 'sources.json', 'spell-sources.json', 'spells.json']);

    const log = catalog.importLog.get(result.logId as number);
    expect(log).toMatchObject({ filePath: dir, fileType: '5etools', importStatus: 'partial', recordsProcessed: 27, recordsImported: 26, errorMessage: null });
    expect(log.completedAt).not.toBeNull();
    expect(log.metadata['skipped']).toEqual(result.skipped);
    expect(log.metadata['warnings']).toEqual(result.warnings);
    expect(log.metadata['counts']).toEqual(result.counts);

    // A few values end to end, through the repositories.
    expect(catalog.spells.list({ filter: { class: 'wizard', level: 0 } }).items.map((s) => s.id)).toEqual(['fire-bolt-phb', 'light-phb']);
    expect(catalog.creatures.get('adult-red-dragon-mm')).toMatchObject({ lairActions: ['Magma erupts.'], proficiencyBonus: 6 });
    expect(catalog.items.get('longsword-phb-plus-1-dmg')).toMatchObject({ name: '+1 Longsword', baseItemId: 'longsword-phb', isMagic: true, magicBonus: 1, entries: ['+1 to hit.'] });
    expect(catalog.races.get('elf-high-phb')).toMatchObject({ parentRaceId: 'elf-phb', abilityScores: [{ dex: 2, int: 1 }] });
    expect(catalog.classes.get('fighter-champion-phb').features.map((f) => f.name)).toEqual(['Second Wind', 'Martial Archetype', 'Champion']);
    expect(catalog.backgrounds.get('acolyte-phb')).toMatchObject({ featureName: 'Shelter of the Faithful', featureText: 'Free healing at a temple.' });
    expect(catalog.sources.get('PHB')).toMatchObject({ isSrd: true, ruleSystemId: 'dnd5e-2014', publishedDate: '2014-08-19' });
  });

  it('a clean folder imports with status success', () => {
    const { catalog } = openMigrated();
    const dir = flatFolder({
      'spells.json': { spell: spells.slice(0, 3) },
      'creatures.json': { monster: monsters.filter((m) => m['name'] !== 'Green Hag') },
      'races.json': { ...races, subrace: races.subrace.slice(0, 2) },
    });
    const result = import5etools(catalog, dir);
    expect(result.skipped).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.status).toBe('success');
    expect(catalog.importLog.get(result.logId as number).importStatus).toBe('success');
  });

  it('re-importing the same data changes nothing: same rows, same updated_at, all unchanged', () => {
    const { catalog } = openMigrated();
    const dir = flatFolder();
    import5etools(catalog, dir);
    const before = dump(catalog);
    const again = import5etools(catalog, dir);
    expect(dump(catalog)).toEqual(before);
    for (const kind of IMPORT_KINDS) {
      expect(again.counts[kind], kind).toMatchObject({ inserted: 0, updated: 0, unchanged: EXPECTED_ROWS[kind] });
    }
    expect(catalog.importLog.count({})).toBe(2);
  });

  it('changed data updates exactly the changed rows', () => {
    const { catalog } = openMigrated();
    import5etools(catalog, flatFolder());
    const fireballBefore = catalog.spells.get('fireball-phb');
    const changed = flatFolder({ 'spells.json': { spell: [spell('Fireball', 3, { page: 999 }), ...spells.slice(1)] } });
    const result = import5etools(catalog, changed);
    expect(result.counts.spells).toMatchObject({ inserted: 0, updated: 1, unchanged: 3 });
    expect(catalog.spells.get('fireball-phb')).toMatchObject({ page: 999, createdAt: fireballBefore.createdAt });
  });

  it('reads a 5etools data folder split per book the same way as the flat layout', () => {
    const flat = openMigrated();
    const split = openMigrated();
    const a = import5etools(flat.catalog, flatFolder());
    const b = import5etools(split.catalog, splitFolder());
    expect(b.counts).toEqual(a.counts);
    expect(b.skipped).toEqual(a.skipped);
    expect(b.files).toEqual(['backgrounds.json', 'books.json', 'feats.json', 'items-base.json', 'items.json', 'magicvariants.json', 'races.json', 'spells/sources.json', 'spells/spells-phb.json', 'spells/spells-tce.json', 'bestiary/bestiary-mm.json', 'bestiary/legendarygroups.json', 'class/class-fighter.json']);
    const strip = (rows: Record<string, unknown[]>) => Object.fromEntries(Object.entries(rows).map(([t, r]) => [t, (r as Record<string, unknown>[]).map(({ created_at: _c, updated_at: _u, ...rest }) => rest)]));
    expect(strip(dump(split.catalog))).toEqual(strip(dump(flat.catalog)));
  });

  it('reports progress at least once per kind and at most every 100 rows, ending at the total', () => {
    const { catalog } = openMigrated();
    const many = Array.from({ length: 250 }, (_, i) => spell(`Spell ${i}`, i % 10));
    const all: ImportProgress[] = [];
    const result = import5etools(catalog, flatFolder({ 'spells.json': { spell: many } }), { onProgress: (p) => all.push(p) });
    // Stages in order: reading, resolving, mapping (kind by kind), writing.
    const stages = all.map((e) => e.stage).filter((s, i, list) => s !== list[i - 1]);
    expect(stages).toEqual(['reading', 'resolving', 'mapping', 'writing']);
    expect(all.filter((e) => e.stage === 'mapping' && e.kind !== undefined).map((e) => e.kind)).toEqual([...IMPORT_KINDS]);
    const events = all.filter((e) => e.stage === 'writing');
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(IMPORT_KINDS));
    const total = IMPORT_KINDS.reduce((sum, kind) => sum + result.counts[kind].imported, 0);
    expect(events.every((e) => e.total === total)).toBe(true);
    expect(events.at(-1)?.done).toBe(total);
    for (let i = 1; i < events.length; i++) {
      const step = (events[i]?.done ?? 0) - (events[i - 1]?.done ?? 0);
      expect(step).toBeGreaterThanOrEqual(0);
      expect(step).toBeLessThanOrEqual(100);
    }
    expect(events.filter((e) => e.kind === 'spells').map((e) => e.done - (events.find((x) => x.kind === 'spells')?.done ?? 0))).toEqual([0, 100, 150]);
  });
});

describe('import5etools: failures', () => {
  function catalogWithData() {
    const opened = openMigrated();
    import5etools(opened.catalog, flatFolder());
    return { ...opened, before: dump(opened.catalog), logs: opened.catalog.importLog.count({}) };
  }

  function expectFailed(catalog: Catalog, fn: () => unknown, code: string) {
    let thrown: unknown;
    try {
      fn();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ImportFailedError);
    expect(thrown).toBeInstanceOf(CatalogError);
    const error = thrown as ImportFailedError;
    expect(error.code).toBe(code);
    expect(error.logId).toBeDefined();
    const log = catalog.importLog.get(error.logId as number);
    expect(log).toMatchObject({ importStatus: 'failed', recordsImported: 0, errorMessage: error.message });
    expect(log.metadata['error']).toMatchObject({ code });
    return error;
  }

  it('a write that fails half-way rolls everything back, then logs the failure', () => {
    const { catalog, before, logs } = catalogWithData();
    // Creatures are written after sources, races, classes, items and spells: make them fail.
    catalog.connection.sqlite.exec("CREATE TRIGGER no_creatures BEFORE INSERT ON creatures BEGIN SELECT RAISE(ABORT, 'creatures are closed'); END");
    const changed = flatFolder({ 'spells.json': { spell: [spell('Fireball', 3, { page: 1 }), spell('Brand New', 1)] }, 'creatures.json': { monster: [monster('Kobold')] } });
    const events: ImportProgress[] = [];
    const error = expectFailed(catalog, () => import5etools(catalog, changed, { onProgress: (p) => events.push(p) }), 'ConstraintViolation');
    expect(error.message).toMatch(/failed, nothing was imported/);
    // Spells had been written inside the transaction before the failure.
    expect(events.some((e) => e.kind === 'spells')).toBe(true);
    expect(dump(catalog)).toEqual(before);
    expect(catalog.importLog.count({})).toBe(logs + 1);
  });

  it('a progress callback that throws aborts the import the same way', () => {
    const { catalog, before } = catalogWithData();
    const changed = flatFolder({ 'feats.json': { feat: [{ name: 'Alert', source: 'PHB', entries: ['!'] }] } });
    expectFailed(
      catalog,
      () =>
        import5etools(catalog, changed, {
          onProgress: (p) => {
            if (p.kind === 'backgrounds') throw new Error('cancelled by the user');
          },
        }),
      'Internal',
    );
    expect(dump(catalog)).toEqual(before);
  });

  it('an unreadable file fails before anything is written, naming the file', () => {
    const { catalog, before } = catalogWithData();
    const dir = flatFolder();
    writeFileSync(join(dir, 'feats.json'), '{"feat": [');
    const error = expectFailed(catalog, () => import5etools(catalog, dir), 'ValidationFailed');
    expect(error.message).toMatch(/Cannot read feats\.json/);
    expect(dump(catalog)).toEqual(before);
  });

  it('a path that is not a folder fails with a typed error', () => {
    const { catalog, before } = catalogWithData();
    const error = expectFailed(catalog, () => import5etools(catalog, join(tempDir(), 'missing')), 'ValidationFailed');
    expect(error.message).toMatch(/is not a folder/);
    expect(dump(catalog)).toEqual(before);
  });

  it('a folder without 5etools data fails instead of importing nothing', () => {
    const { catalog, before } = catalogWithData();
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), '{"name": "not-5etools"}');
    const error = expectFailed(catalog, () => import5etools(catalog, dir), 'ValidationFailed');
    expect(error.message).toMatch(/holds no 5etools data/);
    expect(error.error.details).toEqual({ issues: [{ path: ['dataDir'], message: 'no 5etools data in this folder' }] });
    expect(dump(catalog)).toEqual(before);
  });
});
