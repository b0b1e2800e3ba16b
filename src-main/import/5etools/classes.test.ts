import { describe, expect, it } from 'vitest';
import { classEntity } from '../../../src-shared/catalog/entities';
import { classFeatureKey, mapClasses, primaryAbilitiesFromRequirements, subclassFeatureKey, type ClassData } from './classes';
import { expectValidRow, makeContext } from '../../../test/import-5etools';
import type { Raw } from './types';

const fighter: Raw = {
  name: 'Fighter',
  source: 'PHB',
  page: 70,
  edition: 'classic',
  hd: { number: 1, faces: 10 },
  proficiency: ['str', 'con'],
  startingProficiencies: {
    armor: ['light', 'medium', 'heavy', 'shield'],
    weapons: ['simple', 'martial'],
    skills: [{ choose: { from: ['acrobatics', 'athletics'], count: 2 } }],
  },
  startingEquipment: { additionalFromBackground: true, default: ['(a) {@item chain mail|phb}'], defaultData: [{ a: ['chain mail|phb'], b: [{ equipmentType: 'weaponMartial', quantity: 2 }] }] },
  multiclassing: { requirements: { or: [{ str: 13, dex: 13 }] } },
  subclassTitle: 'Martial Archetype',
  classFeatures: [
    'Fighting Style|Fighter||1',
    'Second Wind|Fighter||1',
    { classFeature: 'Martial Archetype|Fighter||3', gainSubclassFeature: true },
    'Martial Versatility|Fighter||4|TCE',
    { classFeature: 'Martial Archetype feature|Fighter||7', gainSubclassFeature: true },
  ],
};
const wizard: Raw = {
  name: 'Wizard',
  source: 'PHB',
  hd: { number: 1, faces: 6 },
  proficiency: ['int', 'wis'],
  spellcastingAbility: 'int',
  casterProgression: 'full',
  startingProficiencies: { skills: [{ any: 3 }] },
  multiclassing: { requirements: { int: 13 } },
  classTableGroups: [{ title: 'Spell Slots per Spell Level', colLabels: ['1st'], rowsSpellProgression: [[2], [3]] }],
  classFeatures: ['Spellcasting|Wizard||1', { classFeature: 'Arcane Tradition|Wizard||2', gainSubclassFeature: true }],
};
const champion: Raw = {
  name: 'Champion',
  shortName: 'Champion',
  source: 'PHB',
  className: 'Fighter',
  classSource: 'PHB',
  page: 72,
  subclassFeatures: ['Champion|Fighter||Champion||3', 'Remarkable Athlete|Fighter||Champion||7', 'Lost Feature|Fighter||Champion||10'],
};
const eldritchKnight: Raw = {
  name: 'Eldritch Knight',
  shortName: 'Eldritch Knight',
  source: 'PHB',
  className: 'Fighter',
  classSource: 'PHB',
  spellcastingAbility: 'int',
  casterProgression: '1/3',
  subclassTableGroups: [{ title: 'Spell Slots', colLabels: ['1st'], rowsSpellProgression: [[0], [2]] }],
  subclassFeatures: [],
};

const feature = (name: string, className: string, level: number, entries: unknown[] = ['…'], extra: Raw = {}): Raw => ({
  name,
  source: 'PHB',
  page: 72,
  className,
  classSource: 'PHB',
  level,
  entries,
  ...extra,
});

const data = (): ClassData => ({
  classes: [fighter, wizard],
  subclasses: [champion, eldritchKnight, { name: 'Psi Warrior', shortName: 'Psi Warrior', source: 'TCE', className: 'Fighter', classSource: 'PHB' }, { name: 'Oath of Nowhere', source: 'PHB', className: 'Paladin', classSource: 'PHB' }],
  classFeatures: [
    feature('Fighting Style', 'Fighter', 1, [{ type: 'options', entries: [{ type: 'refOptionalfeature', optionalfeature: 'Archery' }, { type: 'refOptionalfeature', optionalfeature: 'Blind Fighting|TCE' }] }]),
    feature('Second Wind', 'Fighter', 1),
    feature('Martial Archetype', 'Fighter', 3),
    feature('Martial Archetype feature', 'Fighter', 7),
    feature('Spellcasting', 'Wizard', 1),
    feature('Arcane Tradition', 'Wizard', 2),
  ],
  subclassFeatures: [
    feature('Champion', 'Fighter', 3, ['intro', { type: 'refSubclassFeature', subclassFeature: 'Improved Critical|Fighter||Champion||3' }], { subclassShortName: 'Champion', subclassSource: 'PHB' }),
    feature('Improved Critical', 'Fighter', 3, ['19 or 20'], { subclassShortName: 'Champion', subclassSource: 'PHB' }),
    feature('Remarkable Athlete', 'Fighter', 7, ['…'], { subclassShortName: 'Champion', subclassSource: 'PHB' }),
  ],
  optionalFeatures: [{ name: 'Archery', source: 'PHB', featureType: ['FS:F'], entries: ['+2 to ranged attacks'] }],
});

describe('classes', () => {
  it('feature uids: class source defaults to PHB, feature source to the class (subclass) source', () => {
    expect(classFeatureKey('Action Surge|Fighter||2')).toMatchObject({ key: 'action surge|fighter|phb|2|phb', level: 2, source: 'PHB' });
    expect(classFeatureKey('Martial Versatility|Fighter||4|TCE')).toMatchObject({ level: 4, source: 'TCE' });
    expect(subclassFeatureKey('Champion|Fighter||Champion||3')).toMatchObject({ key: 'champion|fighter|phb|champion|phb|3|phb', level: 3 });
  });

  it('primary abilities from multiclassing requirements: "or" lists alternatives, plain keys all apply', () => {
    expect(primaryAbilitiesFromRequirements({ or: [{ str: 13, dex: 13 }] })).toEqual([{ str: true }, { dex: true }]);
    expect(primaryAbilitiesFromRequirements({ str: 13, cha: 13 })).toEqual([{ str: true, cha: true }]);
    expect(primaryAbilitiesFromRequirements(undefined)).toBeNull();
  });

  it('class rows: columns from their fields, features with their level, subclass level from the first subclass feature', () => {
    const ctx = makeContext();
    const { rows } = mapClasses(data(), ctx);
    for (const row of rows) expectValidRow(classEntity, row);
    const fighterRow = rows.find((r) => r.id === 'fighter-phb');
    expect(fighterRow).toMatchObject({
      classType: 'class',
      parentClassId: null,
      hitDie: 10,
      savingThrows: ['str', 'con'],
      primaryAbilities: [{ str: true }, { dex: true }],
      skillProficiencyCount: 2,
      skillProficiencyChoices: [{ choose: { from: ['acrobatics', 'athletics'], count: 2 } }],
      subclassTitle: 'Martial Archetype',
      subclassLevel: 3,
      spellAbility: null,
      spellSlots: null,
    });
    expect(fighterRow?.features?.map((f) => [f.level, f.name, f.gainSubclassFeature ?? false])).toEqual([
      [1, 'Fighting Style', false],
      [1, 'Second Wind', false],
      [3, 'Martial Archetype', true],
      [7, 'Martial Archetype feature', true],
    ]);
    // Optional features referenced in the text are inlined; missing ones stay as references.
    expect(fighterRow?.features?.[0]?.entries).toEqual([
      { type: 'options', entries: [{ type: 'entries', name: 'Archery', entries: ['+2 to ranged attacks'] }, { type: 'refOptionalfeature', optionalfeature: 'Blind Fighting|TCE' }] },
    ]);
    expect(rows.find((r) => r.id === 'wizard-phb')).toMatchObject({ skillProficiencyCount: 3, skillProficiencyChoices: [{ any: 3 }], primaryAbilities: [{ int: true }], casterProgression: 'full', subclassLevel: 2 });
  });

  it('subclass rows: the class merged with the subclass, class features then subclass features by level', () => {
    const { rows } = mapClasses(data(), makeContext());
    const championRow = rows.find((r) => r.id === 'fighter-champion-phb');
    expect(championRow).toMatchObject({ name: 'Champion', classType: 'subclass', parentClassId: 'fighter-phb', hitDie: 10, savingThrows: ['str', 'con'], subclassLevel: 3, page: 72 });
    expect(championRow?.features?.map((f) => [f.level, f.name, f.subclassShortName ?? null])).toEqual([
      [1, 'Fighting Style', null],
      [1, 'Second Wind', null],
      [3, 'Martial Archetype', null],
      [3, 'Champion', 'Champion'],
      [7, 'Martial Archetype feature', null],
      [7, 'Remarkable Athlete', 'Champion'],
    ]);
    // A nested subclass feature reference is replaced by that feature's text.
    expect(championRow?.features?.[3]?.entries).toEqual(['intro', { type: 'entries', name: 'Improved Critical', entries: ['19 or 20'] }]);
    const ek = rows.find((r) => r.id === 'fighter-eldritch-knight-phb');
    expect(ek).toMatchObject({ spellAbility: 'int', casterProgression: '1/3', spellSlots: [{ title: 'Spell Slots', colLabels: ['1st'], rowsSpellProgression: [[0], [2]] }] });
  });

  it('features outside the data are warnings (left out), subclasses of missing classes are skipped', () => {
    const ctx = makeContext();
    const { rows } = mapClasses(data(), ctx);
    expect(rows.map((r) => r.id)).toEqual(['fighter-phb', 'wizard-phb', 'fighter-champion-phb', 'fighter-eldritch-knight-phb']);
    expect(ctx.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['Psi Warrior', 'its source book TCE is not in the data (no book metadata for it)'],
      ['Oath of Nowhere', 'its class Paladin|PHB is not in the data'],
    ]);
    expect(ctx.warnings.map((w) => [w.name, w.message])).toEqual([
      ['Fighter', 'in Fighting Style: optional feature Blind Fighting|TCE is not in the data; its reference is kept unresolved'],
      ['Fighter', 'class feature Martial Versatility|Fighter||4|TCE (level 4) is not in the data; left out of the features'],
      ['Champion', 'subclass feature Lost Feature|Fighter||Champion||10 (level 10) is not in the data; left out of the features'],
    ]);
  });
});
