/**
 * The JSON column shapes: each accepts every form 5etools uses for the value, and refuses values
 * of the wrong type and codes outside the enumerations. (That the whole SRD fixture passes is
 * checked by src-main/import/5etools/real-data.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as shape from './index';

interface Case {
  name: string;
  schema: z.ZodType;
  valid: unknown[];
  invalid: unknown[];
}

const cases: Case[] = [
  {
    name: 'entries',
    schema: shape.entryList,
    valid: [
      [],
      ['text with {@dice 1d6}', { type: 'entries', name: 'Named', entries: ['nested', { type: 'list', items: ['a', { type: 'item', name: 'B', entry: 'b' }] }] }],
      [{ type: 'table', colLabels: ['d6', 'x'], rows: [['1', { type: 'cell', roll: { exact: 1 } }]] }],
      [{ type: 'refClassFeature', classFeature: 'Rage|Barbarian||1' }],
    ],
    invalid: ['not a list', [42], [null], [{ type: 7 }], [{ entries: 'not a list' }], [{ entries: [1] }], [{ type: 'list', items: [true] }]],
  },
  {
    name: 'speed',
    schema: shape.speed,
    valid: [30, { walk: 30 }, { walk: 20, fly: { number: 50, condition: '(hover)' }, canHover: true }, { walk: 30, swim: true }, { walk: 40, alternate: { fly: [60] } }, { walk: 30, choose: { from: ['climb', 'swim'], amount: 30 } }],
    invalid: ['30 ft.', -5, { run: 30 }, { walk: '30' }, { fly: { number: 50 } }, { walk: 30.5 }],
  },
  {
    name: 'ability bonuses',
    schema: shape.abilityBonuses,
    valid: [[{ str: 2, cha: 1 }], [{ cha: 2, choose: { from: ['str', 'dex'], count: 2 } }], [{ choose: { weighted: { from: ['str', 'dex'], weights: [2, 1] } } }], [{ dex: 2 }, { cha: 2 }]],
    invalid: [{ str: 2 }, [{ strength: 2 }], [{ str: '+2' }], [{ choose: { from: ['luck'] } }], [{ choose: { from: [] } }]],
  },
  {
    name: 'proficiency choices',
    schema: shape.proficiencyChoices,
    valid: [[{ insight: true, religion: true }], [{ anyStandard: 2 }], [{ common: true, choose: { from: ['elvish', 'dwarvish'], count: 1 } }], [{ "thieves' tools": true }], [{ any: 3 }]],
    invalid: [[{ insight: false }], [{ anyStandard: true }], [{ choose: true }], [{ common: 'yes' }], { insight: true }],
  },
  {
    name: 'equipment choices',
    schema: shape.equipmentChoices,
    valid: [[{ _: ['common clothes|phb', { item: 'pouch|phb', containsValue: 1500 }, { special: 'vestments' }] }, { a: [{ item: 'book|phb', displayName: 'prayer book' }], b: [{ equipmentType: 'weaponMartial', quantity: 2 }] }], [{ A: [{ value: 5000 }] }]],
    invalid: [[{ option1: ['x'] }], [{ _: [{ item: 'x', colour: 'red' }] }], [{ a: 'chain mail' }], [{ _: [{ quantity: 0 }] }]],
  },
  {
    name: 'creature alignment',
    schema: shape.alignment,
    valid: [['L', 'E'], ['U'], ['L', 'NX', 'C', 'NY', 'E'], [{ alignment: ['N', 'G'], chance: 50 }, { alignment: ['N', 'E'], chance: 50 }], [{ special: 'any alignment' }]],
    invalid: [[], ['LE'], ['lawful'], [{ alignment: ['X'] }], 'LE', [{ chance: 50 }]],
  },
  {
    name: 'armor class',
    schema: shape.armorClass,
    valid: [[15], [{ ac: 19, from: ['natural armor'] }], [12, { ac: 15, condition: 'with {@spell mage armor}', braces: true }], [{ special: 'varies' }]],
    invalid: [15, [], ['15'], [{ ac: '19' }], [{ ac: 19, from: 'natural armor' }], [{ armor: 19 }]],
  },
  {
    name: 'hit points',
    schema: shape.hitPoints,
    valid: [{ average: 52, formula: '8d8 + 16' }, { special: 'equal to the summoner' }],
    invalid: [52, { average: '52', formula: '8d8' }, { average: 52 }, { special: '' }],
  },
  {
    name: 'creature ability scores',
    schema: shape.abilityScores,
    valid: [{ str: 27, dex: 10, con: 25, int: 16, wis: 13, cha: 21 }],
    invalid: [{ str: 27, dex: 10, con: 25, int: 16, wis: 13 }, { str: '27', dex: 10, con: 25, int: 16, wis: 13, cha: 21 }, { str: 31, dex: 10, con: 25, int: 16, wis: 13, cha: 21 }],
  },
  {
    name: 'saving throws and skills',
    schema: shape.skills,
    valid: [{ perception: '+13', stealth: '+6' }, { 'sleight of hand': '+4', other: [{ oneOf: { arcana: '+5', history: '+5' } }] }],
    invalid: [{ perseption: '+13' }, { perception: 13 }],
  },
  {
    name: 'damage resistances',
    schema: shape.damageResistances,
    valid: [['fire'], ['cold', { resist: ['bludgeoning', 'piercing', 'slashing'], note: 'from nonmagical attacks', cond: true }], [{ special: 'damage from spells' }, { resist: ['piercing'], preNote: 'nonmagical', note: '(from stoneskin)', cond: true }]],
    invalid: [['fyre'], [{ immune: ['fire'] }], [{ resist: [] }], 'fire'],
  },
  {
    name: 'condition immunities',
    schema: shape.conditionImmunities,
    valid: [['poisoned', 'exhaustion'], [{ conditionImmune: ['charmed'], note: 'while raging', cond: true }]],
    invalid: [['sleepy'], [{ conditionImmune: 'charmed' }]],
  },
  {
    name: 'stat block sections',
    schema: shape.statBlock,
    valid: [
      [{ name: 'Bite', entries: ['{@atk mw} {@hit 14} to hit'] }],
      ['The dragon can take 3 legendary actions.', { name: 'Detect', entries: ['…'] }],
      [{ type: 'spellcasting', name: 'Innate Spellcasting', headerEntries: ['…'], will: ['{@spell light}'], daily: { '1e': ['{@spell fly}'], '3': ['{@spell fog cloud}'] }, ability: 'cha' }],
      [{ type: 'spellcasting', name: 'Spellcasting', spells: { '0': { spells: ['a'] }, '1': { slots: 4, spells: ['b'] } }, displayAs: 'action' }],
    ],
    invalid: [[{ type: 'spellcasting', name: 'Broken', daily: { often: ['x'] } }], [{ type: 'spellcasting', name: 'Bad', spells: { '10': { spells: [] } } }], [{ type: 'spellcasting', name: 'Bad', ability: 'luck' }], [7]],
  },
  {
    name: 'creature type',
    schema: shape.creatureType,
    valid: ['dragon', 'beast', 'monstrosity'],
    invalid: ['Dragon', 'swarm', '', 5],
  },
  {
    name: 'type tags',
    schema: shape.typeTags,
    valid: [['goblinoid'], [{ tag: 'elf', prefix: 'Drow', prefixHidden: true }]],
    invalid: [['' ], [{ tag: 'elf' }], 'goblinoid'],
  },
  {
    name: 'casting time',
    schema: shape.castingTime,
    valid: [[{ number: 1, unit: 'action' }], [{ number: 1, unit: 'reaction', condition: 'which you take when …' }], [{ number: 10, unit: 'minute' }, { number: 1, unit: 'action', note: 'ritual' }]],
    invalid: [[], [{ number: 1, unit: 'turn' }], [{ number: '1', unit: 'action' }], { number: 1, unit: 'action' }],
  },
  {
    name: 'spell range',
    schema: shape.spellRange,
    valid: [{ type: 'point', distance: { type: 'feet', amount: 150 } }, { type: 'point', distance: { type: 'touch' } }, { type: 'cone', distance: { type: 'feet', amount: 15 } }, { type: 'special' }, { type: 'emanation', distance: { type: 'feet', amount: 10 } }],
    invalid: [{ type: 'circle' }, { type: 'point', distance: { type: 'yards', amount: 5 } }, { type: 'point', distance: { type: 'feet', amount: '150' } }, '150 feet'],
  },
  {
    name: 'components',
    schema: shape.components,
    valid: [{ v: true, s: true, m: 'a pinch of salt' }, { s: true }, { v: true, m: { text: 'a diamond worth 500 gp', cost: 50000, consume: true } }, { v: true, m: true }],
    invalid: [{ v: 'yes' }, { m: { cost: 100 } }, { v: true, x: true }, ['v', 's']],
  },
  {
    name: 'duration',
    schema: shape.duration,
    valid: [[{ type: 'instant' }], [{ type: 'timed', duration: { type: 'minute', amount: 1 }, concentration: true }], [{ type: 'permanent', ends: ['dispel', 'trigger'] }], [{ type: 'timed', duration: { type: 'hour', amount: 8, upTo: true } }]],
    invalid: [[], [{ type: 'forever' }], [{ type: 'timed', duration: { type: 'decade', amount: 1 } }], [{ type: 'permanent', ends: ['sunrise'] }]],
  },
  {
    name: 'spell saving throws and damage types',
    schema: shape.spellSavingThrows,
    valid: [['dexterity'], ['wisdom', 'charisma']],
    invalid: [['dex'], ['Dexterity'], 'dexterity'],
  },
  {
    name: 'item damage',
    schema: shape.itemDamage,
    valid: [{ dice: '1d8', type: 'S', versatile: '1d10' }, { dice: '1', type: 'P' }, { dice: '2d6' }],
    invalid: [{ dice: 'd8', type: 'S' }, { dice: '1d8', type: 'slashing' }, { type: 'S' }, '1d8'],
  },
  {
    name: 'item properties',
    schema: shape.itemProperties,
    valid: [['F', 'L', 'T'], ['2H', 'H'], []],
    invalid: [['V|XPHB'], [''], 'V'],
  },
  {
    name: 'item type',
    schema: shape.itemType,
    valid: ['M', 'HA', 'WD', '$C', 'GV'],
    invalid: ['M|XPHB', 'Weapon', 'm', 'ZZZ'],
  },
  {
    name: 'primary abilities',
    schema: shape.primaryAbilities,
    valid: [[{ str: true }, { dex: true }], [{ str: true, cha: true }]],
    invalid: [[], [{}], [{ str: 13 }], [{ strength: true }]],
  },
  {
    name: 'class features',
    schema: shape.classFeatures,
    valid: [[{ name: 'Action Surge', level: 2, source: 'PHB', page: 72, entries: ['…'] }, { name: 'Champion', level: 3, source: 'PHB', entries: [], subclassShortName: 'Champion', subclassSource: 'PHB' }, { name: 'Martial Archetype feature', level: 7, source: 'PHB', entries: [], gainSubclassFeature: true }]],
    invalid: [[{ name: 'Action Surge', source: 'PHB', entries: [] }], [{ name: 'Action Surge', level: 21, source: 'PHB', entries: [] }], [{ name: 'X', level: 1, source: 'PHB|x', entries: [] }], [{ name: 'X', level: 1, source: 'PHB', entries: [], extra: 1 }]],
  },
  {
    name: 'class table groups',
    schema: shape.spellSlots,
    valid: [[{ title: 'Spell Slots', colLabels: ['1st', '2nd'], rowsSpellProgression: [[2, 0], [3, 0]] }], [{ colLabels: ['Rages', 'Rage Damage'], rows: [[2, { type: 'bonus', value: 2 }], ['Unlimited', { type: 'bonus', value: 4 }]] }]],
    invalid: [[{ colLabels: ['1st'] }], [{ colLabels: [], rows: [] }], [{ colLabels: ['1st'], rowsSpellProgression: [[-1]] }]],
  },
  {
    name: 'starting proficiencies',
    schema: shape.startingProficiencies,
    valid: [{ armor: ['light', { proficiency: 'shield', full: 'shields (no metal)' }], weapons: ['simple'], tools: ['{@item thieves\' tools|PHB}'], toolProficiencies: [{ "thieves' tools": true }], skills: [{ choose: { from: ['arcana'], count: 2 } }] }],
    invalid: [{ armour: ['light'] }, { weapons: 'simple' }, { skills: [{ choose: 'two' }] }],
  },
  {
    name: 'age',
    schema: shape.age,
    valid: [{ mature: 20, max: 180 }, { max: 750 }],
    invalid: [{ mature: '20' }, { mature: 20, min: 1 }, 20],
  },
  {
    name: 'prerequisites',
    schema: shape.prerequisites,
    valid: [[{ ability: [{ str: 13 }] }], [{ level: 4 }, { spellcasting: true }], [{ level: { level: 4, class: { name: 'Fighter' } } }], [{ race: [{ name: 'elf', subrace: 'high' }] }], [{ pact: 'Chain' }]],
    invalid: [[{ ability: [{ strength: 13 }] }], [{ level: 'fourth' }], [{ spellcasting: 'yes' }], { ability: [{ str: 13 }] }],
  },
];

/** Values of real 5etools data (v2.31.0 unless said) that the first shapes refused, each from its record. */
const realData: Case[] = [
  {
    name: '2024 Monk and Rogue weapon proficiencies: {all: {fromFilter}} (class-monk.json, Monk|XPHB)',
    schema: shape.startingProficiencies,
    valid: [
      {
        weapons: ['simple', 'Martial weapons that have the {@filter Light|items|type=martial weapon|property=light} property'],
        weaponProficiencies: [{ simple: true, all: { fromFilter: 'type=martial weapon|property=light' } }],
        toolProficiencies: [{ anyArtisansTool: 1 }, { anyMusicalInstrument: 1 }],
        skills: [{ choose: { from: ['acrobatics', 'athletics', 'history', 'insight', 'religion', 'stealth'], count: 2 } }],
      },
    ],
    invalid: [{ weaponProficiencies: [{ all: true }] }, { weaponProficiencies: [{ all: { fromFilter: '' } }] }, { weaponProficiencies: [{ martial: { fromFilter: 'x' } }] }],
  },
  {
    name: 'Monk|XPHB starting equipment: equipmentTypes',
    schema: shape.classStartingEquipment,
    valid: [{ defaultData: [{ A: ['spear|xphb', { item: 'dagger|xphb', quantity: 5 }, { equipmentTypes: ['instrumentMusical', 'toolArtisan'] }], B: [{ value: 5000 }] }] }],
    invalid: [{ defaultData: [{ A: [{ equipmentTypes: [] }] }] }, { defaultData: [{ A: [{ equipmentTypes: 'toolArtisan' }] }] }],
  },
  {
    name: 'Resilient (PHB, XPHB) and Potent Dragonmark (EFA): ability[].choose.entry',
    schema: shape.abilityBonuses,
    valid: [
      [{ choose: { from: ['str', 'dex', 'con', 'int', 'wis', 'cha'], amount: 1, entry: 'Increase the chosen ability score by 1, to a maximum of 20.' } }],
      [{ choose: { from: ['str', 'dex', 'con', 'int', 'wis', 'cha'], amount: 1, entry: 'Increase the spellcasting ability score used by your Dragonmark feat by 1, to a maximum of 20.' } }],
    ],
    invalid: [[{ choose: { from: ['str'], entry: 7 } }], [{ choose: { from: ['str'], entry: '' } }]],
  },
  {
    name: 'creature spell lists with {entry, hidden} (Zodar|BAM, Dzaan|IDRotF)',
    schema: shape.statBlock,
    valid: [
      [
        {
          type: 'spellcasting',
          name: 'Wish',
          headerEntries: ['The zodar casts the {@spell wish} spell, requiring no spell components and using Charisma as the spellcasting ability (spell save {@dc 17}).'],
          will: [{ entry: '{@spell wish}', hidden: true }],
          ability: 'cha',
          displayAs: 'action',
        },
      ],
      [{ type: 'spellcasting', name: 'Spellcasting', will: [{ entry: '{@spell Shocking Grasp}', hidden: true }, { entry: '{@spell Acid Splash}', hidden: true }], spells: { '0': { spells: ['{@spell acid splash} *'] } } }],
    ],
    invalid: [[{ type: 'spellcasting', name: 'Wish', will: [{ hidden: true }] }], [{ type: 'spellcasting', name: 'Wish', will: [{ entry: '{@spell wish}', hidden: 'yes' }] }]],
  },
];

describe.each([...cases, ...realData])('shape: $name', ({ schema, valid, invalid }) => {
  it.each(valid.map((value) => [JSON.stringify(value), value]))('accepts %s', (_label, value) => {
    const result = schema.safeParse(value);
    expect(result.success, result.success ? '' : JSON.stringify(result.error.issues)).toBe(true);
  });
  it.each(invalid.map((value) => [JSON.stringify(value), value]))('rejects %s', (_label, value) => {
    expect(schema.safeParse(value).success).toBe(false);
  });
});

describe('JSON depth bound', () => {
  const nested = (levels: number): unknown => {
    let value: unknown = 'x';
    for (let i = 0; i < levels; i++) value = [value];
    return value;
  };

  it(`measures depth iteratively: ${shape.MAX_JSON_DEPTH} levels pass, one more does not, a million levels do not overflow`, () => {
    expect(shape.exceedsJsonDepth(nested(shape.MAX_JSON_DEPTH))).toBe(false);
    expect(shape.exceedsJsonDepth(nested(shape.MAX_JSON_DEPTH + 1))).toBe(true);
    expect(shape.exceedsJsonDepth(nested(1_000_000))).toBe(true);
    expect(shape.exceedsJsonDepth('scalar')).toBe(false);
    expect(shape.exceedsJsonDepth({ a: [{ b: [] }] }, 4)).toBe(false);
    expect(shape.exceedsJsonDepth({ a: [{ b: [] }] }, 3)).toBe(true);
  });

  it.each([
    ['entries', shape.entryList],
    ['stat block', shape.statBlock],
    ['lair text', shape.lairText],
    ['item additional properties', shape.additionalProperties],
    ['class tables', shape.spellSlots],
    ['prerequisites', shape.prerequisites],
    ['damage resistances', shape.damageResistances],
  ])('%s: an over-deep value is one issue, checked before the recursive shape', (_name, schema) => {
    let value: unknown = 'x';
    for (let i = 0; i < 50_000; i++) value = { entries: [value] };
    const result = (schema as z.ZodType).safeParse(Array.isArray(value) ? value : [value]);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ message: shape.TOO_DEEP_MESSAGE })]);
  });
});
