import { describe, expect, it } from 'vitest';
import { itemEntity } from '../../../src-shared/catalog/entities';
import { bareCode, createSpecificVariant, editionMatches, mapItems, variantAffix, variantApplies, type ItemData } from './items';
import { expectValidRow, makeContext } from '../../../test/import-5etools';
import type { Raw } from './types';

const longsword: Raw = {
  name: 'Longsword',
  source: 'PHB',
  page: 149,
  srd: true,
  edition: 'classic',
  type: 'M',
  rarity: 'none',
  weight: 3,
  value: 1500,
  weaponCategory: 'martial',
  property: ['V'],
  dmg1: '1d8',
  dmgType: 'S',
  dmg2: '1d10',
  sword: true,
  weapon: true,
};
const net: Raw = { name: 'Net', source: 'PHB', edition: 'classic', type: 'R', rarity: 'none', weight: 3, value: 100, property: ['S', 'T'], net: true, weapon: true };
const chainMail: Raw = { name: 'Chain Mail', source: 'PHB', edition: 'classic', type: 'HA', rarity: 'none', weight: 55, value: 7500, ac: 16, strength: '13', stealth: true, armor: true, entries: ['Made of interlocking metal rings.'] };
const hide: Raw = { name: 'Hide Armor', source: 'PHB', edition: 'classic', type: 'MA', rarity: 'none', weight: 12, value: 1000, ac: 12, armor: true };
const arrow: Raw = { name: 'Arrow', source: 'PHB', edition: 'classic', type: 'A', rarity: 'none', weight: 0.05, value: 5, arrow: true };
const xLongsword: Raw = { ...longsword, source: 'XPHB', edition: 'one', type: 'M|XPHB', property: [{ uid: 'V|XPHB' }], value: 1500 };
const explorersPack: Raw = { name: "Explorer's Pack", source: 'PHB', type: 'G', rarity: 'none', value: 1000, packContents: ['backpack|phb'] };
const ballBearing: Raw = { name: 'Ball Bearing', source: 'PHB', type: 'G', rarity: 'none', weight: 0.002, value: 0.1 };

const plusOneWeapon: Raw = {
  name: '+1 Weapon',
  edition: 'classic',
  type: 'GV|DMG',
  requires: [{ weapon: true }],
  excludes: { net: true },
  inherits: {
    namePrefix: '+1 ',
    source: 'DMG',
    page: 213,
    srd: true,
    tier: 'major',
    rarity: 'uncommon',
    bonusWeapon: '+1',
    entries: ['You have a {=bonusWeapon} bonus to attack and damage rolls made with this magic weapon.'],
  },
};
const adamantine: Raw = {
  name: 'Adamantine Armor',
  edition: 'classic',
  type: 'GV|DMG',
  requires: [{ type: 'HA' }, { type: 'MA' }],
  excludes: { name: 'Hide Armor' },
  inherits: { namePrefix: 'Adamantine ', source: 'DMG', page: 150, rarity: 'uncommon', entries: ['This suit of armor is reinforced with adamantine.'] },
};
const acidResistance: Raw = {
  name: 'Armor of Acid Resistance',
  edition: 'classic',
  type: 'GV|DMG',
  requires: [{ armor: true }],
  inherits: { nameSuffix: ' of Acid Resistance', source: 'DMG', page: 152, resist: ['acid'], rarity: 'rare', reqAttune: true, entries: ['{#itemEntry Armor of Resistance}'] },
};
const slaying: Raw = {
  name: 'Arrow of Slaying (*)',
  edition: 'classic',
  type: 'GV|DMG',
  requires: [{ arrow: true }],
  inherits: { nameSuffix: ' of Slaying', source: 'DMG', page: 152, rarity: 'very rare', entries: ['{=baseName/at} {=baseName/l} of slaying; {=dmgType} damage.'] },
};
const barding: Raw = {
  name: 'Barding',
  type: 'GV|DMG',
  requires: [{ armor: true }],
  inherits: { nameSuffix: ' Barding', nameRemove: ' Armor', source: 'PHB', type: 'TAH', rarity: 'none', weightMult: 2, weightExpression: '[[baseItem.weight]] * 2', valueMult: 4, valueExpression: '[[baseItem.value]] * 4', barding: true },
};

const magicItems: Raw[] = [
  { name: 'Bag of Holding', source: 'DMG', rarity: 'uncommon', wondrous: true, weight: 15, entries: ['…'] },
  { name: 'Wand of the War Mage, +1', source: 'DMG', type: 'WD|DMG', rarity: 'uncommon', reqAttune: 'by a spellcaster', bonusSpellAttack: '+1', entries: ['…'] },
  { name: 'Sun Blade', source: 'DMG', baseItem: 'longsword|phb', type: 'M', rarity: 'rare', reqAttune: true, weight: 3, property: ['F', 'V'], dmg1: '1d8', dmgType: 'R', dmg2: '1d10', bonusWeapon: '+2', entries: ['…'] },
  { name: 'Dwarven Plate', source: 'DMG', baseItem: 'plate armor|phb', type: 'HA', rarity: 'very rare', ac: 18, bonusAc: '+2', entries: ['…'] },
  { name: 'Potion of Acid Resistance', source: 'DMG', type: 'P', rarity: 'uncommon', resist: ['acid'], entries: ['{#itemEntry Potion of Resistance}'] },
  { name: 'Candle', source: 'PHB', type: 'G', rarity: 'none', value: 1, entries: [] },
  { name: 'Torch', source: 'PHB', type: 'G', rarity: 'none', value: null },
  { name: 'Optional Ring', source: 'DMG', type: 'RG|DMG', rarity: 'rare', reqAttune: 'optional' },
];

const data = (overrides: Partial<ItemData> = {}): ItemData => ({
  baseItems: [longsword, net, chainMail, hide, arrow, xLongsword, explorersPack, ballBearing],
  items: magicItems,
  itemGroups: [{ name: 'Potion of Healing (*)', source: 'DMG', type: 'P', rarity: 'varies', items: ['Potion of Healing'] }],
  magicVariants: [plusOneWeapon, adamantine, acidResistance, slaying, barding],
  itemEntries: [{ name: 'Potion of Resistance', source: 'DMG', entriesTemplate: ['Resistance to {{item.resist}} damage for 1 hour.'] }],
  ...overrides,
});

describe('items: columns', () => {
  it('every row is valid for the items table', () => {
    const { rows } = mapItems(data(), makeContext());
    for (const row of rows) expectValidRow(itemEntity, row);
  });

  it('bare type codes, copper values, rarity "none" → NULL, attunement forms, magic bonus, damage', () => {
    const ctx = makeContext();
    const rows = new Map(mapItems(data(), ctx).rows.map((r) => [r.id, r]));
    expect(rows.get('longsword-phb')).toMatchObject({
      type: 'M',
      weightLb: 3,
      valueCp: 1500,
      rarity: null,
      damage: { dice: '1d8', type: 'S', versatile: '1d10' },
      properties: ['V'],
      requiresAttunement: false,
      attunementPrereq: null,
      magicBonus: null,
      additionalProperties: { weaponCategory: 'martial', sword: true, weapon: true },
    });
    expect(rows.get('longsword-xphb')).toMatchObject({ type: 'M', properties: ['V'], ruleSystemId: 'dnd5e-2024' });
    expect(rows.get('wand-of-the-war-mage-plus-1-dmg')).toMatchObject({ type: 'WD', requiresAttunement: true, attunementPrereq: 'by a spellcaster', magicBonus: 1, rarity: 'uncommon' });
    // Wondrous items have no type code: the flag is a column of its own (and stays in additional_properties).
    expect(rows.get('bag-of-holding-dmg')).toMatchObject({ type: null, valueCp: null, isWondrous: true, isCursed: false, additionalProperties: { wondrous: true } });
    expect(rows.get('longsword-phb')).toMatchObject({ isWondrous: false, isTattoo: false, isStaff: false, isCursed: false, isSentient: false, isPoison: false });
    expect(rows.get('torch-phb')).toMatchObject({ valueCp: null });
    expect(rows.get('candle-phb')).toMatchObject({ valueCp: 1 });
    expect(rows.get('optional-ring-dmg')).toMatchObject({ requiresAttunement: false, attunementPrereq: 'optional' });
    // 0.1 cp does not fit a whole-copper column: kept in additional_properties, with a warning.
    expect(rows.get('ball-bearing-phb')).toMatchObject({ valueCp: null, additionalProperties: { value: 0.1 } });
    expect(ctx.warnings.map((w) => w.name)).toContain('Ball Bearing');
    expect(bareCode('M|XPHB')).toBe('M');
    expect(bareCode({ uid: 'V|XPHB' })).toBe('V');
  });

  it('item flags: wondrous, tattoo, staff, curse, sentient, poison → the is… columns', () => {
    // Values as 5etools v2.31.0 writes them (items.json: Blackrazor, Eldritch Claw Tattoo, Staff of Power; items-base.json: Basic Poison).
    const flagged = data({
      items: [
        { name: 'Blackrazor', source: 'DMG', rarity: 'legendary', wondrous: false, sentient: true, curse: true, type: 'M', entries: ['…'] },
        { name: 'Eldritch Claw Tattoo', source: 'DMG', rarity: 'uncommon', wondrous: true, tattoo: true, entries: ['…'] },
        { name: 'Staff of Power', source: 'DMG', rarity: 'very rare', staff: true, type: 'M', entries: ['…'] },
        { name: 'Basic Poison', source: 'PHB', rarity: 'none', poison: true, poisonTypes: ['injury'], type: 'G', entries: ['…'] },
      ],
      magicVariants: [],
    });
    const rows = new Map(mapItems(flagged, makeContext()).rows.map((r) => [r.id, r]));
    const flags = (id: string) => {
      const r = rows.get(id);
      return r && [r.isWondrous, r.isTattoo, r.isStaff, r.isCursed, r.isSentient, r.isPoison];
    };
    expect(flags('blackrazor-dmg')).toEqual([false, false, false, true, true, false]);
    expect(flags('eldritch-claw-tattoo-dmg')).toEqual([true, true, false, false, false, false]);
    expect(flags('staff-of-power-dmg')).toEqual([false, false, true, false, false, false]);
    expect(flags('basic-poison-phb')).toEqual([false, false, false, false, false, true]);
    for (const row of rows.values()) expectValidRow(itemEntity, row);
  });

  it('specific items name their base item (base_item_id), a missing base is a warning', () => {
    const ctx = makeContext();
    const rows = new Map(mapItems(data(), ctx).rows.map((r) => [r.id, r]));
    expect(rows.get('sun-blade-dmg')).toMatchObject({ baseItemId: 'longsword-phb', magicBonus: 2, damage: { dice: '1d8', type: 'R', versatile: '1d10' } });
    expect(rows.get('dwarven-plate-dmg')).toMatchObject({ baseItemId: null, magicBonus: 2, armorClass: 18 });
    expect(ctx.warnings).toContainEqual({ kind: 'items', name: 'Dwarven Plate', source: 'DMG', message: 'its base item plate armor|phb is not in the data; stored without base_item_id' });
  });

  it('shared item entries are filled in; a missing template is reported once per variant', () => {
    const ctx = makeContext();
    const rows = new Map(mapItems(data(), ctx).rows.map((r) => [r.id, r]));
    expect(rows.get('potion-of-acid-resistance-dmg')?.entries).toEqual(['Resistance to acid damage for 1 hour.']);
    expect(rows.get('chain-mail-phb-of-acid-resistance-dmg')?.entries).toEqual(['{#itemEntry Armor of Resistance}', 'Made of interlocking metal rings.']);
    expect(ctx.warnings.filter((w) => w.name === 'Armor of Acid Resistance')).toHaveLength(1);
  });
});

describe('items: generic magic variants', () => {
  it('requires (any alternative), excludes (any key) and editions select the base items', () => {
    expect(variantApplies(longsword, plusOneWeapon)).toBe(true);
    expect(variantApplies(net, plusOneWeapon)).toBe(false);
    expect(variantApplies(chainMail, plusOneWeapon)).toBe(false);
    expect(variantApplies(chainMail, adamantine)).toBe(true);
    expect(variantApplies(hide, adamantine)).toBe(false);
    expect(variantApplies(xLongsword, plusOneWeapon)).toBe(false);
    expect(variantApplies(explorersPack, { ...plusOneWeapon, requires: undefined })).toBe(false);
    expect(editionMatches({}, { edition: 'classic' })).toBe(true);
    expect(editionMatches({ edition: 'one' }, {})).toBe(true);
    expect(editionMatches({ edition: 'classic' }, {})).toBe(false);
    expect(editionMatches({ edition: 'one' }, { edition: 'classic' })).toBe(false);
  });

  it('a specific variant is the base item with the inherited values, placeholders filled, magic value dropped', () => {
    const specific = createSpecificVariant(longsword, plusOneWeapon, () => undefined);
    expect(specific).toMatchObject({
      name: '+1 Longsword',
      source: 'DMG',
      page: 213,
      rarity: 'uncommon',
      bonusWeapon: '+1',
      dmg1: '1d8',
      property: ['V'],
      weight: 3,
      baseItem: 'Longsword|PHB',
      entries: ['You have a +1 bonus to attack and damage rolls made with this magic weapon.'],
    });
    expect(specific).not.toHaveProperty('value');
    const arrowOfSlaying = createSpecificVariant({ ...arrow, dmgType: 'P' }, slaying, () => undefined);
    expect(arrowOfSlaying['entries']).toEqual(['An arrow of slaying; piercing damage.']);
    const plateBarding = createSpecificVariant({ ...chainMail, name: 'Plate Armor', weight: 65, value: 150000 }, barding, () => undefined);
    expect(plateBarding).toMatchObject({ name: 'Plate Barding', type: 'TAH', rarity: 'none', weight: 130, value: 600000 });
  });

  it('expansion rows: one per applicable base item, with base_item_id; generic rows except "(*)" ones', () => {
    const ctx = makeContext();
    const { rows, generated, read } = mapItems(data(), ctx);
    const variantRows = rows.filter((r) => r.sourceId === 'DMG' && r.baseItemId !== null && r.id !== 'sun-blade-dmg');
    expect(variantRows.map((r) => [r.id, r.name, r.baseItemId])).toEqual([
      ['longsword-phb-plus-1-dmg', '+1 Longsword', 'longsword-phb'],
      ['chain-mail-phb-adamantine-dmg', 'Adamantine Chain Mail', 'chain-mail-phb'],
      ['chain-mail-phb-of-acid-resistance-dmg', 'Chain Mail of Acid Resistance', 'chain-mail-phb'],
      ['hide-armor-phb-of-acid-resistance-dmg', 'Hide Armor of Acid Resistance', 'hide-armor-phb'],
      ['arrow-phb-of-slaying-dmg', 'Arrow of Slaying', 'arrow-phb'],
    ]);
    expect(generated).toBe(5);
    expect(read).toBe(8 + 8 + 1 + 5);
    // Generic rows keep their requires/excludes; their type is "GV" unless inherits set one (barding: TAH).
    const generic = rows.filter((r) => r.additionalProperties?.['requires'] !== undefined).map((r) => [r.id, r.type]);
    expect(generic).toEqual([
      ['plus-1-weapon-dmg', 'GV'],
      ['adamantine-armor-dmg', 'GV'],
      ['armor-of-acid-resistance-dmg', 'GV'],
      ['barding-phb', 'TAH'],
    ]);
    expect(rows.find((r) => r.id === 'plus-1-weapon-dmg')).toMatchObject({ rarity: 'uncommon', magicBonus: 1, entries: ['You have a +1 bonus to attack and damage rolls made with this magic weapon.'] });
    expect(rows.find((r) => r.id === 'chain-mail-phb-of-acid-resistance-dmg')).toMatchObject({ requiresAttunement: true, additionalProperties: expect.objectContaining({ resist: ['acid'] }) });
    expect(variantAffix(slaying)).toBe('of Slaying');
    expect(variantAffix({ name: 'Odd Variant (*)', inherits: {} })).toBe('Odd Variant');
  });

  it('a variant without inherits is skipped with the reason', () => {
    const ctx = makeContext();
    mapItems(data({ magicVariants: [{ name: 'Broken Variant', requires: [{ weapon: true }] }] }), ctx);
    expect(ctx.skipped).toEqual([{ kind: 'items', name: 'Broken Variant', source: '(no source)', reason: 'the magic variant has no inherits' }]);
  });
});
