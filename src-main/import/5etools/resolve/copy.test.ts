/**
 * `_copy`, against 5etools `DataUtil.generic._pMergeCopy` (target lookup, chains) and
 * `copyApplier.getCopy` (what is copied, `_preserve`, `null`, templates, variables, mods).
 */
import { describe, expect, it } from 'vitest';
import type { Raw } from '../types';
import { buildCopy, CopyResolver, preserveOnlyFor } from './copy';
import { SkipError } from './errors';

// Real records (5etools v2.31.0): bestiary-mm.json "Merfolk", bestiary-jttrc.json "Nightsea
// Chil-liren" (copies Merfolk) and "Zisatta" (copies Nightsea Chil-liren): a chain with "*" mods.
const merfolk: Raw = {
  name: 'Merfolk', source: 'MM', page: 218, srd: true, basicRules: true, referenceSources: ['GoS', 'JttRC', 'SKT', 'TTP', 'WBtW', 'WDH'], reprintedAs: ['Merfolk Skirmisher|XMM'],
  size: ['M'], type: { type: 'humanoid', tags: ['merfolk'] }, alignment: ['N'], ac: [11], hp: { average: 11, formula: '2d8 + 2' }, speed: { walk: 10, swim: 40 },
  str: 10, dex: 13, con: 12, int: 11, wis: 11, cha: 12, skill: { perception: '+2' }, passive: 12, languages: ['Aquan', 'Common'], cr: '1/8',
  trait: [{ name: 'Amphibious', entries: ['The merfolk can breathe air and water.'] }],
  action: [{ name: 'Spear', entries: ['{@atk mw,rw} {@hit 2} to hit, reach 5 ft. or range 20/60 ft., one target. {@h}3 ({@damage 1d6}) piercing damage, or 4 ({@damage 1d8}) piercing damage if used with two hands to make a melee attack.'] }],
  environment: ['underwater', 'coastal'], soundClip: { type: 'internal', path: 'bestiary/merfolk.opus' }, attachedItems: ['spear|phb'], traitTags: ['Amphibious'], languageTags: ['AQ', 'C'], damageTags: ['P'], miscTags: ['MLW', 'MW', 'RW', 'THW'], hasToken: true, hasFluff: true, hasFluffImages: true,
};
const chilLiren: Raw = {
  name: 'Nightsea Chil-liren', source: 'JttRC', page: 177,
  _copy: { name: 'Merfolk', source: 'MM', _mod: { '*': { mode: 'replaceTxt', replace: 'merfolk', with: 'Nightsea Chil-liren' }, trait: { mode: 'replaceArr', replace: 'Amphibious', items: { name: 'Water Breathing', entries: ['Nightsea Chil-liren can breathe only underwater.'] } } } },
  senses: ['darkvision 60 ft.'], tokenCustom: true, traitTags: ['Water Breathing'], hasToken: true, hasFluff: true,
};
const zisatta: Raw = {
  name: 'Zisatta', isNpc: true, isNamedCreature: true, source: 'JttRC', page: 177,
  _copy: { name: 'Nightsea Chil-liren', source: 'JttRC', _mod: { '*': { mode: 'replaceTxt', replace: 'Nightsea Chil-liren', with: 'Zisatta', flags: 'i' } } },
  alignment: ['L', 'N'], hasToken: true, hasFluffImages: true,
};

function resolver(pool: Raw[], collection = 'monster') {
  const warnings: string[] = [];
  const r = new CopyResolver(pool, { preserveOnly: preserveOnlyFor(collection), templates: new Map() }, (record, message) => warnings.push(`${String(record['name'])}: ${message}`));
  return { r, warnings };
}

describe('a real _copy chain (Merfolk → Nightsea Chil-liren → Zisatta)', () => {
  it('copies what the copy lacks, not the per-printing or per-creature facts, and applies each link’s mods', () => {
    const before = structuredClone([merfolk, chilLiren, zisatta]);
    const { r, warnings } = resolver([merfolk, chilLiren, zisatta]);
    const out = r.resolve(zisatta);
    expect(warnings).toEqual([]);
    expect(out).toEqual({
      name: 'Zisatta', isNpc: true, isNamedCreature: true, source: 'JttRC', page: 177, alignment: ['L', 'N'], hasToken: true, hasFluffImages: true,
      senses: ['darkvision 60 ft.'], traitTags: ['Water Breathing'],
      size: ['M'], type: { type: 'humanoid', tags: ['merfolk'] }, ac: [11], hp: { average: 11, formula: '2d8 + 2' }, speed: { walk: 10, swim: 40 },
      str: 10, dex: 13, con: 12, int: 11, wis: 11, cha: 12, skill: { perception: '+2' }, passive: 12, languages: ['Aquan', 'Common'], cr: '1/8',
      trait: [{ name: 'Water Breathing', entries: ['Zisatta can breathe only underwater.'] }],
      action: merfolk['action'],
      attachedItems: ['spear|phb'], languageTags: ['AQ', 'C'], damageTags: ['P'], miscTags: ['MLW', 'MW', 'RW', 'THW'],
    });
    // Not copied: page, srd, basicRules, referenceSources, reprintedAs, hasFluff, tokenCustom
    // (every kind); environment, soundClip (creatures). The inputs are untouched.
    expect([merfolk, chilLiren, zisatta]).toEqual(before);
  });
});

describe('what a copy takes', () => {
  const base: Raw = { name: 'Base', source: 'MM', page: 3, srd: true, legendaryGroup: { name: 'G', source: 'MM' }, tier: 'major', ac: [12], trait: [{ name: 'T' }], _versions: [{ name: 'V' }] };

  it('_preserve keeps named per-printing facts, "*" all of them', () => {
    const named = buildCopy(base, { name: 'C', source: 'X' }, { _preserve: { page: true, legendaryGroup: true } }, { preserveOnly: preserveOnlyFor('monster'), templates: new Map() }, () => {});
    expect(named).toEqual({ name: 'C', source: 'X', page: 3, legendaryGroup: { name: 'G', source: 'MM' }, tier: 'major', ac: [12], trait: [{ name: 'T' }] });
    const all = buildCopy(base, { name: 'C', source: 'X' }, { _preserve: { '*': true } }, { preserveOnly: preserveOnlyFor('monster'), templates: new Map() }, () => {});
    expect(all).toEqual({ ...base, name: 'C', source: 'X' });
  });

  it('per-collection facts: items do not take lootTables/tier, creatures do not take legendaryGroup; others take both', () => {
    const item = buildCopy(base, { name: 'C', source: 'X' }, {}, { preserveOnly: preserveOnlyFor('item'), templates: new Map() }, () => {});
    expect(item).not.toHaveProperty('tier');
    expect(item).toHaveProperty('legendaryGroup');
    const feat = buildCopy(base, { name: 'C', source: 'X' }, {}, { preserveOnly: preserveOnlyFor('feat'), templates: new Map() }, () => {});
    expect(feat).toMatchObject({ tier: 'major', legendaryGroup: { name: 'G', source: 'MM' } });
    expect(feat).not.toHaveProperty('_versions');
  });

  it('null removes a property of the target, and a patch setting null removes it too', () => {
    const out = buildCopy(base, { name: 'C', source: 'X', trait: null }, { _mod: { _: { mode: 'setProp', prop: 'ac', value: null } } }, { preserveOnly: preserveOnlyFor('monster'), templates: new Map() }, () => {});
    expect(out).toEqual({ name: 'C', source: 'X', tier: 'major' });
  });
});

describe('finding the target', () => {
  it('matches every identifying key _copy gives, case-insensitively (subclass: className, classSource)', () => {
    const phb: Raw = { name: 'Thief', source: 'PHB', className: 'Rogue', classSource: 'PHB', marker: 'phb' };
    const xphb: Raw = { name: 'Thief', source: 'PHB', className: 'Rogue', classSource: 'XPHB', marker: 'xphb' };
    const copy: Raw = { name: 'Thief', source: 'XGE', className: 'Rogue', classSource: 'XPHB', _copy: { name: 'thief', source: 'phb', className: 'Rogue', classSource: 'xphb' } };
    expect(resolver([phb, xphb, copy], 'subclass').r.resolve(copy)).toMatchObject({ source: 'XGE', classSource: 'XPHB', marker: 'xphb' });
  });

  it('the first matching record wins ("earlier = better")', () => {
    const a: Raw = { name: 'A', source: 'MM', marker: 1 };
    const b: Raw = { name: 'A', source: 'MM', marker: 2 };
    const copy: Raw = { name: 'C', source: 'MM', _copy: { name: 'A', source: 'MM' } };
    expect(resolver([a, b, copy]).r.resolve(copy)['marker']).toBe(1);
  });

  it('a missing target, a circular chain and a chain through a missing target are SkipErrors naming record and target', () => {
    const hag: Raw = { name: 'Green Hag', source: 'MM', _copy: { name: 'Hag', source: 'VGM' } };
    const onTop: Raw = { name: 'C', source: 'MM', _copy: { name: 'Green Hag', source: 'MM' } };
    const loopA: Raw = { name: 'A', source: 'MM', _copy: { name: 'B', source: 'MM' } };
    const loopB: Raw = { name: 'B', source: 'MM', _copy: { name: 'A', source: 'MM' } };
    const self: Raw = { name: 'S', source: 'MM', _copy: { name: 'S', source: 'MM' } };
    const notObject: Raw = { name: 'N', source: 'MM', _copy: 'Goblin' };
    const { r } = resolver([hag, onTop, loopA, loopB, self, notObject]);
    expect(() => r.resolve(hag)).toThrow(new SkipError('it copies Hag|VGM, which is not in the data'));
    expect(() => r.resolve(onTop)).toThrow(new SkipError('it copies Green Hag|MM, which could not be resolved: it copies Hag|VGM, which is not in the data'));
    expect(() => r.resolve(loopA)).toThrow(/circular \(A\|MM → B\|MM → A\|MM\)/);
    expect(() => r.resolve(self)).toThrow(new SkipError('it copies S|MM, which is not in the data'));
    expect(() => r.resolve(notObject)).toThrow(new SkipError('its _copy is not an object ("Goblin")'));
  });
});
