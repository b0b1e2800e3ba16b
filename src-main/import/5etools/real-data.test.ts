/**
 * The importer on real 5etools data: the SRD 5.1 fixture (flat layout: sources.json,
 * spells.json, spell-sources.json, creatures.json, …). Runs only when MIMIR_5ETOOLS_DIR names
 * the folder, e.g. `MIMIR_5ETOOLS_DIR=/work/shared/fixtures/5etools-srd51 npx vitest run src-main/import`.
 *
 * Expected values are computed here from the JSON files with plain code, independent of the
 * importer's modules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openMigrated } from '../../../test/helpers';
import { snapshot } from '../../../test/entity-samples';
import type { Catalog } from '../../db';
import { IMPORT_KINDS, import5etools, type ImportKind, type ImportResult } from './index';

const dir = process.env['MIMIR_5ETOOLS_DIR'];
const SKIP_REASON = 'skipped: MIMIR_5ETOOLS_DIR not set (point it at the 5etools SRD fixture folder)';
if (!dir) console.log(`real-data.test.ts: ${SKIP_REASON}`);

type J = Record<string, unknown>;
const read = (file: string): J => JSON.parse(readFileSync(join(dir as string, file), 'utf8')) as J;
const arr = (value: unknown): J[] => (Array.isArray(value) ? (value as J[]) : []);
const TABLES = ['rule_systems', 'sources', 'races', 'classes', 'items', 'spells', 'creatures', 'backgrounds', 'feats'];
const dump = (catalog: Catalog) => Object.fromEntries(TABLES.map((t) => [t, snapshot(catalog.connection.sqlite, t)]));

/** Versions a record's `_versions` describe: plain ones, and one per `_implementations` entry of a template. */
function versionsOf(record: J): J[] {
  const out: J[] = [];
  for (const version of arr(record['_versions'])) {
    if (version['_abstract']) {
      for (const impl of arr(version['_implementations'])) {
        const vars = (impl['_variables'] ?? {}) as Record<string, string>;
        const name = String((version['_abstract'] as J)['name']).replace(/\{\{(\w+)\}\}/g, (_m, k: string) => vars[k] ?? '');
        out.push({ ...impl, name });
      }
    } else out.push(version);
  }
  return out;
}

const crNumber = (cr: unknown): number | undefined => {
  const text = typeof cr === 'object' && cr !== null ? (cr as J)['cr'] : cr;
  if (typeof text !== 'string') return undefined;
  const [a, b] = text.split('/');
  return b === undefined ? Number(a) : Number(a) / Number(b);
};

describe.runIf(dir)('5etools SRD fixture, imported for real', () => {
  let catalog: Catalog;
  let result: ImportResult;
  const files = dir
    ? {
        sources: read('sources.json'),
        spells: read('spells.json'),
        spellSources: read('spell-sources.json'),
        creatures: read('creatures.json'),
        races: read('races.json'),
        classes: read('classes.json'),
        items: read('items.json'),
        backgrounds: read('backgrounds.json'),
        feats: read('feats.json'),
      }
    : undefined;

  beforeAll(() => {
    ({ catalog } = openMigrated());
    result = import5etools(catalog, dir as string);
  });

  it('imports every kind; every record is a row or a listed skip with a reason', () => {
    const f = files as NonNullable<typeof files>;
    const monsters = arr(f.creatures['monster']);
    const subraces = arr(f.races['subrace']);
    const variants = arr(f.items['magicvariant']);
    const bases = arr(f.items['baseitem']);
    // Generic variants on base items: requires (any alternative, all keys equal), excludes (any key equal), editions.
    let expansions = 0;
    for (const variant of variants) {
      for (const base of bases) {
        if (base['packContents']) continue;
        if (base['edition'] === 'classic' && variant['edition'] !== 'classic') continue;
        if (base['edition'] === 'one' && variant['edition'] === 'classic') continue;
        const requires = arr(variant['requires']);
        if (!requires.some((req) => Object.entries(req).every(([k, v]) => base[k] === v))) continue;
        if (Object.entries((variant['excludes'] ?? {}) as J).some(([k, v]) => base[k] === v)) continue;
        expansions += 1;
      }
    }
    const expected: Record<ImportKind, number> = {
      sources: arr(f.sources['book']).length,
      spells: arr(f.spells['spell']).length,
      creatures: monsters.length + monsters.reduce((n, m) => n + versionsOf(m).length, 0),
      // Nameless subraces are their race's standard form (merged into the race row); their versions are rows.
      races: arr(f.races['race']).length + subraces.filter((s) => s['name']).length + [...arr(f.races['race']), ...subraces].reduce((n, r) => n + versionsOf(r).length, 0),
      classes: arr(f.classes['class']).length + arr(f.classes['subclass']).length,
      // "(*)" generic variants are represented by the items they make only.
      items: bases.length + arr(f.items['item']).length + arr(f.items['itemGroup']).length + variants.filter((v) => !String(v['name']).endsWith('(*)')).length + expansions,
      backgrounds: arr(f.backgrounds['background']).length,
      feats: arr(f.feats['feat']).length,
      // The SRD fixture has no rules-term files.
      rulesTerms: 0,
    };
    for (const kind of IMPORT_KINDS) {
      const skipped = result.skipped.filter((s) => s.kind === kind).length;
      expect(result.counts[kind].imported, kind).toBe(expected[kind] - skipped);
      expect(result.counts[kind].skipped, kind).toBe(skipped);
      expect(catalog[kind].count({}), kind).toBe(expected[kind] - skipped);
    }
    for (const entry of [...result.skipped, ...result.warnings]) {
      expect(entry.name.length).toBeGreaterThan(0);
      expect('reason' in entry ? entry.reason : entry.message).toMatch(/\w{3}/);
    }
    // No record was refused by a column's zod shape: every shape in the fixture is accepted.
    expect(result.skipped.filter((s) => s.reason.startsWith('invalid'))).toEqual([]);
    // The one skip of the SRD data: an item group whose id is that of the item it groups.
    expect(result.skipped).toEqual([{ kind: 'items', name: 'Potion of Healing (*)', source: 'DMG', reason: 'its id potion-of-healing-dmg is already taken by Potion of Healing|DMG', file: 'items.json' }]);
    expect(result.status).toBe('partial');
    const log = catalog.importLog.get(result.logId as number);
    expect(log).toMatchObject({ importStatus: 'partial', recordsImported: result.recordsImported, recordsProcessed: result.recordsProcessed });
    expect(log.metadata['skipped']).toEqual(result.skipped);
  });

  it('spot checks: values equal their 5etools fields', () => {
    expect(catalog.spells.get('fireball-phb')).toMatchObject({ level: 3, school: 'V', isConcentration: false, damageType: ['fire'], savingThrow: ['dexterity'], ruleSystemId: 'dnd5e-2014' });
    expect(catalog.spells.get('fireball-phb').classes).toEqual(expect.arrayContaining(['wizard', 'sorcerer']));
    expect(catalog.spells.get('detect-magic-phb')).toMatchObject({ level: 1, school: 'D', isRitual: true, isConcentration: true });
    expect(catalog.spells.get('wish-phb')).toMatchObject({ level: 9, school: 'C', classes: ['sorcerer', 'wizard'] });
    expect(catalog.spells.get('counterspell-phb').castingTime).toEqual([{ number: 1, unit: 'reaction', condition: 'which you take when you see a creature within 60 feet of you casting a spell' }]);

    const dragon = catalog.creatures.get('adult-red-dragon-mm');
    expect(dragon).toMatchObject({ challengeRating: '17', crValue: 17, proficiencyBonus: 6, size: 'H', type: 'dragon', hitPoints: { average: 256, formula: '19d12 + 133' }, armorClass: [{ ac: 19, from: ['natural armor'] }], alignment: ['C', 'E'] });
    expect(dragon.legendaryActions).toHaveLength(3);
    expect(dragon.lairActions?.[0]).toMatch(/^On initiative count 20/);
    expect(dragon.senses).toEqual(['blindsight 60 ft.', 'darkvision 120 ft.', 'passive Perception 23']);
    expect(catalog.creatures.get('goblin-mm')).toMatchObject({ challengeRating: '1/4', crValue: 0.25, proficiencyBonus: 2, typeTags: ['goblinoid'] });
    expect(catalog.creatures.get('lich-mm')).toMatchObject({ challengeRating: '21', proficiencyBonus: 7, entries: expect.arrayContaining([{ type: 'entries', name: 'Challenge', entries: ['Challenge 22 when encountered in its lair.'] }]) });
    expect(catalog.creatures.get('avatar-of-death-dmg')).toMatchObject({ challengeRating: null, proficiencyBonus: null, hitPoints: { special: 'half the hit point maximum of its summoner' } });
    expect(catalog.creatures.get('cloud-giant-mm').alignment).toEqual([{ alignment: ['N', 'G'], chance: 50 }, { alignment: ['N', 'E'], chance: 50 }]);
    expect(catalog.creatures.get('warhorse-plate-barding-mm')).toMatchObject({ name: 'Warhorse (Plate Barding)', armorClass: [{ ac: 18, from: ['{@item plate barding|phb}'] }], challengeRating: '1/2' });
    expect(catalog.creatures.get('green-hag-mm')).toMatchObject({ challengeRating: '3', lairActions: null });

    expect(catalog.races.get('elf-high-phb')).toMatchObject({ raceType: 'subrace', parentRaceId: 'elf-phb', abilityScores: [{ dex: 2, int: 1 }], size: 'M', speed: 30 });
    expect(catalog.races.get('human-phb').abilityScores).toEqual([{ str: 1, dex: 1, con: 1, int: 1, wis: 1, cha: 1 }]);
    expect(catalog.races.get('dwarf-hill-phb')).toMatchObject({ abilityScores: [{ con: 2, wis: 1 }], speed: 25 });
    expect(catalog.races.get('dragonborn-red-phb')).toMatchObject({ raceType: 'subrace', parentRaceId: 'dragonborn-phb', abilityScores: [{ str: 2, cha: 1 }] });

    expect(catalog.classes.get('fighter-phb')).toMatchObject({ hitDie: 10, savingThrows: ['str', 'con'], subclassLevel: 3, subclassTitle: 'Martial Archetype', primaryAbilities: [{ str: true }, { dex: true }] });
    expect(catalog.classes.get('wizard-phb')).toMatchObject({ hitDie: 6, spellAbility: 'int', casterProgression: 'full', subclassLevel: 2 });
    const champion = catalog.classes.get('fighter-champion-phb').features.find((f) => f.name === 'Champion');
    expect(JSON.stringify(champion?.entries)).toContain('Improved Critical');

    expect(catalog.items.get('longsword-phb')).toMatchObject({ type: 'M', valueCp: 1500, weightLb: 3, damage: { dice: '1d8', type: 'S', versatile: '1d10' }, properties: ['V'], rarity: null, isMagic: false });
    expect(catalog.items.get('chain-mail-phb')).toMatchObject({ type: 'HA', armorClass: 16, valueCp: 7500, weightLb: 55 });
    expect(catalog.items.get('longsword-phb-plus-1-dmg')).toMatchObject({ name: '+1 Longsword', baseItemId: 'longsword-phb', rarity: 'uncommon', isMagic: true, magicBonus: 1, valueCp: null });
    expect(catalog.items.get('bag-of-holding-dmg')).toMatchObject({ rarity: 'uncommon', type: null, weightLb: 15 });
    expect(catalog.items.get('plus-1-wand-of-the-war-mage-dmg')).toMatchObject({ type: 'WD', requiresAttunement: true, attunementPrereq: 'by a spellcaster' });
    expect(catalog.items.get('potion-of-fire-resistance-dmg').entries).toEqual(['When you drink this potion, you gain resistance to fire damage for 1 hour.']);
    expect(catalog.items.get('ball-bearing-phb')).toMatchObject({ valueCp: null, additionalProperties: expect.objectContaining({ value: 0.1 }) });

    expect(catalog.backgrounds.get('acolyte-phb')).toMatchObject({ featureName: 'Shelter of the Faithful', skillProficiencies: [{ insight: true, religion: true }] });
    expect(catalog.backgrounds.get('acolyte-phb').featureText).toMatch(/^As an acolyte, you command the respect/);
    expect(catalog.feats.get('grappler-phb')).toMatchObject({ prerequisites: [{ ability: [{ str: 13 }] }], featType: null });
    expect(catalog.sources.list({}).items.map((s) => [s.id, s.ruleSystemId, s.isSrd])).toEqual([
      ['DMG', 'dnd5e-2014', true],
      ['MM', 'dnd5e-2014', true],
      ['PHB', 'dnd5e-2014', true],
    ]);
  });

  it('merged subraces, subclasses and variants carry their parent’s fields', () => {
    const f = files as NonNullable<typeof files>;
    const racesByName = new Map(arr(f.races['race']).map((r) => [r['name'], r]));
    for (const sub of arr(f.races['subrace']).filter((s) => s['name'])) {
      const parent = racesByName.get(sub['raceName']) as J;
      const row = catalog.races.list({ filter: { nameStartsWith: `${String(parent['name'])} (${String(sub['name'])})` } }).items[0];
      expect(row, String(sub['name'])).toBeDefined();
      if (!row) continue;
      expect(row.parentRaceId).toBe(catalog.races.list({ filter: { nameStartsWith: String(parent['name']), raceType: 'race' } }).items[0]?.id);
      expect(row.size).toBe(arr(sub['size'])[0] ?? arr(parent['size'])[0]);
      expect(row.speed).toEqual(sub['speed'] ?? parent['speed']);
      expect(row.age).toEqual(sub['age'] ?? parent['age'] ?? null);
      expect(row.abilityScores).toEqual([{ ...(arr(parent['ability'])[0] ?? {}), ...(arr(sub['ability'])[0] ?? {}) }]);
      if (!sub['languageProficiencies']) expect(row.languageProficiencies).toEqual(parent['languageProficiencies'] ?? null);
    }
    for (const colour of catalog.races.list({ filter: { nameStartsWith: 'Dragonborn (' } }).items) {
      expect(colour).toMatchObject({ parentRaceId: 'dragonborn-phb', size: 'M', speed: 30, abilityScores: [{ str: 2, cha: 1 }] });
    }

    const classesByName = new Map(arr(f.classes['class']).map((c) => [c['name'], c]));
    for (const sub of arr(f.classes['subclass'])) {
      const parent = classesByName.get(sub['className']) as J;
      const parentRow = catalog.classes.list({ filter: { nameStartsWith: String(parent['name']), classType: 'class' } }).items[0];
      const row = catalog.classes.list({ filter: { parentClassId: parentRow?.id ?? '-' } }).items.find((r) => r.name === sub['name']);
      expect(row, String(sub['name'])).toBeDefined();
      if (!row || !parentRow) continue;
      expect(row).toMatchObject({ hitDie: (parent['hd'] as J)['faces'], savingThrows: parent['proficiency'], startingProficiencies: parent['startingProficiencies'], subclassTitle: parent['subclassTitle'] });
      const features = row.features.map((feat) => `${feat.level}:${feat.name}`);
      for (const feat of parentRow.features) expect(features).toContain(`${feat.level}:${feat.name}`);
      for (const uid of arr(sub['subclassFeatures']) as unknown as string[]) {
        const [name, , , , , level, source] = String(uid).split('|');
        if (source && source !== 'PHB') continue; // features from books outside the SRD are reported, not imported
        expect(features).toContain(`${level}:${name}`);
      }
      const levels = row.features.map((feat) => feat.level);
      expect(levels).toEqual([...levels].sort((a, b) => a - b));
    }

    const specificNames = new Set(arr(f.items['item']).map((i) => `${String(i['name'])}|${String(i['source'])}`));
    const expanded = catalog.items.list({ filter: { isVariant: true }, limit: 500 }).items.filter((i) => !specificNames.has(`${i.name}|${i.sourceId}`));
    expect(expanded.length).toBeGreaterThan(300);
    for (const item of expanded) {
      const base = catalog.items.get(item.baseItemId as string);
      expect(item.name, item.id).toContain(base.name.replace(/ Armor$/, ''));
      expect(item, item.id).toMatchObject({ damage: base.damage, properties: base.properties, armorClass: base.armorClass, type: base.type, weightLb: base.weightLb });
    }
  });

  it('"wizard spells of level 3" are exactly the spell-source lookup’s', () => {
    const f = files as NonNullable<typeof files>;
    const levels = new Map(arr(f.spells['spell']).map((s) => [`${String(s['name'])}|${String(s['source'])}`, s['level']]));
    const expected: string[] = [];
    for (const [source, spells] of Object.entries(f.spellSources)) {
      for (const [name, info] of Object.entries(spells as J)) {
        const isWizard = arr((info as J)['class']).some((c) => c['name'] === 'Wizard');
        if (isWizard && levels.get(`${name}|${source}`) === 3) expected.push(name);
      }
    }
    const page = catalog.spells.list({ filter: { class: 'wizard', level: 3 }, limit: 500 });
    expect(page.items.map((s) => s.name).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(10);
  });

  it('"creatures CR 1/4 to 2 of type beast" are exactly the bestiary’s (versions included)', () => {
    const f = files as NonNullable<typeof files>;
    const expected: string[] = [];
    for (const monster of arr(f.creatures['monster'])) {
      for (const m of [monster, ...versionsOf(monster).map((v) => ({ ...monster, ...v }))]) {
        const type = typeof m['type'] === 'string' ? m['type'] : (m['type'] as J | undefined)?.['type'];
        const cr = crNumber(m['cr']);
        if (type === 'beast' && cr !== undefined && cr >= 0.25 && cr <= 2) expected.push(String(m['name']));
      }
    }
    const page = catalog.creatures.list({ filter: { crMin: '1/4', crMax: 2, type: 'beast' }, limit: 500 });
    expect(page.items.map((c) => c.name).sort()).toEqual(expected.sort());
    expect(expected).toContain('Warhorse (Plate Barding)');
  });

  it('a second import changes nothing', () => {
    const before = dump(catalog);
    const again = import5etools(catalog, dir as string);
    expect(dump(catalog)).toEqual(before);
    for (const kind of IMPORT_KINDS) {
      expect(again.counts[kind], kind).toMatchObject({ inserted: 0, updated: 0, unchanged: result.counts[kind].imported });
    }
    expect(again.skipped).toEqual(result.skipped);
  });
});

// Without the folder, say so in the run's list of skipped tests.
if (!dir) {
  describe('5etools SRD fixture, imported for real', () => {
    it.skip(SKIP_REASON, () => undefined);
  });
}
