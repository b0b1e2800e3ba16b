import { describe, expect, it } from 'vitest';
import { creatureEntity } from '../../../src-shared/catalog/entities';
import { mapCreatures, proficiencyBonusForCr } from './creatures';
import { expectValidRow, makeContext, resolved } from '../../../test/import-5etools';
import type { Raw } from './types';

const abilities = { str: 10, dex: 12, con: 10, int: 10, wis: 10, cha: 10 };

function creature(overrides: Raw): Raw {
  return {
    name: 'Test',
    source: 'MM',
    size: ['M'],
    type: 'humanoid',
    alignment: ['N'],
    ac: [12],
    hp: { average: 9, formula: '2d8' },
    speed: { walk: 30 },
    ...abilities,
    passive: 10,
    cr: '1/4',
    ...overrides,
  };
}

/** One creature per shape variant named in IMPORT-5ETOOLS.md. */
const variants: Raw[] = [
  creature({ name: 'Plain' }),
  creature({ name: 'Two Sizes', size: ['S', 'M'] }),
  creature({ name: 'Tagged', type: { type: 'humanoid', tags: ['goblinoid'] } }),
  creature({ name: 'Prefixed Tag', type: { type: 'humanoid', tags: [{ tag: 'elf', prefix: 'Drow', prefixHidden: true }] } }),
  creature({ name: 'Swarm', type: { type: 'beast', swarmSize: 'T' } }),
  creature({ name: 'Lair CR', cr: { cr: '21', lair: '22' } }),
  creature({ name: 'Coven CR', cr: { cr: '3', coven: '5' } }),
  creature({ name: 'XP CR', cr: { cr: '0', xp: 0 } }),
  creature({ name: 'No CR', cr: undefined, hp: { special: 'half the hit point maximum of its summoner' } }),
  creature({ name: 'Natural Armor', ac: [{ ac: 19, from: ['natural armor'] }] }),
  creature({ name: 'Mage Armor', ac: [12, { ac: 15, condition: 'with {@spell mage armor}', braces: true }] }),
  creature({ name: 'Special AC', ac: [{ special: 'varies' }] }),
  creature({ name: 'Chance Alignment', alignment: [{ alignment: ['N', 'G'], chance: 50 }, { alignment: ['N', 'E'], chance: 50 }] }),
  creature({ name: 'Special Alignment', alignment: [{ special: 'any alignment' }] }),
  creature({ name: 'Axis Alignment', alignment: ['L', 'NX', 'C', 'NY', 'E'] }),
  creature({ name: 'No Alignment', alignment: undefined }),
  creature({ name: 'Number Speed', speed: 30 }),
  creature({ name: 'Hover', speed: { walk: 20, fly: { number: 50, condition: '(hover)' }, canHover: true } }),
  creature({ name: 'Conditional Walk', speed: { walk: { number: 30, condition: '(20 ft. in bear form)' } } }),
  creature({
    name: 'Resistant',
    resist: [{ special: 'damage from spells' }, { resist: ['bludgeoning', 'piercing', 'slashing'], note: '(from stoneskin)', cond: true, preNote: 'nonmagical' }],
    immune: ['poison', { immune: ['fire'], note: 'while in lava', cond: true }],
    conditionImmune: ['poisoned', 'exhaustion'],
    vulnerable: ['bludgeoning', { vulnerable: ['fire'], note: 'when dry', cond: true }],
    save: { dex: '+6', con: '+13' },
    skill: { perception: '+13', 'sleight of hand': '+4', other: [{ oneOf: { arcana: '+5', history: '+5' } }] },
    senses: ['darkvision 60 ft.'],
    languages: ['Common', 'Draconic'],
    environment: ['forest', 'hill'],
  }),
];

describe('creatures', () => {
  it('maps every shape variant to a row the creatures schema accepts', () => {
    const ctx = makeContext();
    const { rows } = mapCreatures(variants, [], ctx);
    expect(rows.map((r) => r.name)).toEqual(variants.map((v) => v['name']));
    for (const row of rows) expectValidRow(creatureEntity, row);
    expect(ctx.skipped).toEqual([]);
  });

  it('keeps the values as 5etools gives them, with the documented reductions', () => {
    const rows = new Map(mapCreatures(variants, [], makeContext()).rows.map((r) => [r.name, r]));
    expect(rows.get('Plain')).toMatchObject({
      id: 'plain-mm',
      size: 'M',
      type: 'humanoid',
      typeTags: null,
      challengeRating: '1/4',
      proficiencyBonus: 2,
      abilityScores: abilities,
      senses: ['passive Perception 10'],
      entries: [],
    });
    expect(rows.get('Two Sizes')?.size).toBe('S');
    expect(rows.get('Tagged')).toMatchObject({ type: 'humanoid', typeTags: ['goblinoid'] });
    expect(rows.get('Swarm')).toMatchObject({ type: 'beast', typeTags: null });
    expect(rows.get('Lair CR')).toMatchObject({ challengeRating: '21', proficiencyBonus: 7, entries: [{ type: 'entries', name: 'Challenge', entries: ['Challenge 22 when encountered in its lair.'] }] });
    expect(rows.get('Coven CR')).toMatchObject({ challengeRating: '3', entries: [{ name: 'Challenge', entries: ['Challenge 5 when part of a coven.'] }] });
    expect(rows.get('XP CR')).toMatchObject({ challengeRating: '0', proficiencyBonus: 2, entries: [] });
    expect(rows.get('No CR')).toMatchObject({ challengeRating: null, proficiencyBonus: null, hitPoints: { special: 'half the hit point maximum of its summoner' } });
    expect(rows.get('No Alignment')?.alignment).toBeNull();
    expect(rows.get('Number Speed')?.speed).toBe(30);
    const resistant = rows.get('Resistant');
    expect(resistant?.damageResistances).toEqual(variants.at(-1)?.['resist']);
    expect(resistant?.senses).toEqual(['darkvision 60 ft.', 'passive Perception 10']);
    // Vulnerabilities have no column: they are kept, as text, in entries.
    expect(resistant?.entries).toEqual([{ type: 'entries', name: 'Damage Vulnerabilities', entries: ['bludgeoning; fire when dry'] }]);
  });

  it('proficiency bonus from CR (DMG table), or from pbNote when given', () => {
    expect(['0', '1/8', '1/2', '1', '4', '5', '8', '9', '13', '17', '20', '21', '25', '29', '30'].map(proficiencyBonusForCr)).toEqual([
      2, 2, 2, 2, 2, 3, 3, 4, 5, 6, 6, 7, 8, 9, 9,
    ]);
    const [row] = mapCreatures([creature({ pbNote: '+4' })], [], makeContext()).rows;
    expect(row?.proficiencyBonus).toBe(4);
  });

  it('an unknown challenge rating is stored as none with a warning, the creature is kept', () => {
    const ctx = makeContext();
    const [row] = mapCreatures([creature({ name: 'Odd', cr: 'Unknown' })], [], ctx).rows;
    expect(row).toMatchObject({ challengeRating: null, proficiencyBonus: null });
    expect(ctx.warnings).toEqual([{ kind: 'creatures', name: 'Odd', source: 'MM', message: 'its challenge rating "Unknown" is not a rating; stored as none' }]);
  });

  it('a creature type given as a choice keeps the first option and says so', () => {
    const ctx = makeContext();
    const [row] = mapCreatures([creature({ type: { type: { choose: ['celestial', 'fiend'] }, tags: ['shapechanger'] } })], [], ctx).rows;
    expect(row).toMatchObject({ type: 'celestial', typeTags: ['shapechanger'] });
    expect(ctx.warnings[0]?.message).toBe('its type is one of celestial, fiend; stored as celestial');
  });

  it('spellcasting blocks go to traits, or where displayAs says; bonus and mythic actions into their sections', () => {
    const casting = { name: 'Innate Spellcasting', type: 'spellcasting', headerEntries: ['…'], will: ['{@spell light}'], ability: 'cha' };
    const [row] = mapCreatures(
      [
        creature({
          trait: [{ name: 'Keen Sight', entries: ['…'] }],
          action: [{ name: 'Bite', entries: ['…'] }],
          bonus: [{ name: 'Nimble', entries: ['…'] }],
          reaction: [{ name: 'Parry', entries: ['…'] }],
          legendary: [{ name: 'Detect', entries: ['…'] }],
          legendaryHeader: ['The creature can take 1 legendary action.'],
          mythic: [{ name: 'Roar', entries: ['…'] }],
          spellcasting: [casting, { ...casting, name: 'Spellcasting', displayAs: 'action' }],
        }),
      ],
      [],
      makeContext(),
    ).rows;
    expectValidRow(creatureEntity, row);
    expect(row?.traits).toEqual([{ name: 'Keen Sight', entries: ['…'] }, casting]);
    expect(row?.actions).toEqual([
      { name: 'Bite', entries: ['…'] },
      { ...casting, name: 'Spellcasting', displayAs: 'action' },
      { type: 'entries', name: 'Bonus Actions', entries: [{ name: 'Nimble', entries: ['…'] }] },
    ]);
    expect(row?.reactions).toEqual([{ name: 'Parry', entries: ['…'] }]);
    expect(row?.legendaryActions).toEqual([
      'The creature can take 1 legendary action.',
      { name: 'Detect', entries: ['…'] },
      { type: 'entries', name: 'Mythic Actions', entries: [{ name: 'Roar', entries: ['…'] }] },
    ]);
  });

  it('legendary groups supply lair actions and regional effects; unresolvable groups are warnings', () => {
    const groups: Raw[] = [
      { name: 'Red Dragon', source: 'MM', lairActions: ['Magma erupts.'], regionalEffects: ['The land is warm.'] },
      { name: 'Green Hag', source: 'MM', _copy: { name: 'Hag', source: 'VGM', _mod: { lairActions: { mode: 'appendArr', items: ['More.'] } } } },
    ];
    const ctx = makeContext();
    const data = resolved(ctx, {
      monster: [
        creature({ name: 'Dragon', legendaryGroup: { name: 'Red Dragon', source: 'MM' } }),
        creature({ name: 'Hag', legendaryGroup: { name: 'Green Hag', source: 'MM' } }),
        creature({ name: 'Lonely', legendaryGroup: { name: 'Nobody', source: 'MM' } }),
      ],
      legendaryGroup: groups,
    });
    const rows = mapCreatures(data.monster, data.legendaryGroup, ctx, data.unresolved).rows;
    expect(rows.map((r) => [r.lairActions, r.regionalEffects])).toEqual([
      [['Magma erupts.'], ['The land is warm.']],
      [null, null],
      [null, null],
    ]);
    expect(ctx.warnings.map((w) => [w.name, w.message])).toEqual([
      ['Hag', 'its legendary group Green Hag|MM could not be resolved (it copies Hag|VGM, which is not in the data); lair actions and regional effects left empty'],
      ['Lonely', 'its legendary group Nobody|MM is not in the data; lair actions and regional effects left empty'],
    ]);
  });

  it('_versions become creatures of their own; _copy targets outside the data are skipped', () => {
    const ctx = makeContext();
    const data = resolved(ctx, {
      monster: [
        creature({
          name: 'Warhorse',
          variant: [{ type: 'variant', name: 'Variant: Barding', entries: ['…'] }],
          _versions: [{ name: 'Warhorse (Plate Barding)', source: 'MM', ac: [{ ac: 18, from: ['{@item plate barding|phb}'] }], variant: null }],
        }),
        creature({ name: 'Copycat', _copy: { name: 'Goblin', source: 'MM' } }),
      ],
    });
    const { rows, generated, read } = mapCreatures(data.monster, [], ctx);
    // The skipped copy never reaches the mapper: it reads the record and its version.
    expect({ read, generated }).toEqual({ read: 1, generated: 1 });
    expect(rows.map((r) => [r.id, r.armorClass, r.entries])).toEqual([
      ['warhorse-mm', [12], [{ type: 'variant', name: 'Variant: Barding', entries: ['…'] }]],
      ['warhorse-plate-barding-mm', [{ ac: 18, from: ['{@item plate barding|phb}'] }], []],
    ]);
    expect(ctx.skipped).toEqual([{ kind: 'creatures', name: 'Copycat', source: 'MM', reason: 'it copies Goblin|MM, which is not in the data' }]);
  });
});
