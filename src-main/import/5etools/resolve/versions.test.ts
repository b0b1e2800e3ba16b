/**
 * `_versions`, against 5etools `DataUtil.generic.getVersions`, `_getVersions_template`,
 * `_getVersions_basic`, `_getVersions_mutExpandCopy`, `_getVersion`, and
 * `DataUtil.monster._getAdditionalVersionsData` (implicit creature versions).
 */
import { describe, expect, it } from 'vitest';
import type { Raw } from '../types';
import { preserveOnlyFor } from './copy';
import { resolveDataSet, versionsOf } from './index';
import { collectingReporter } from '../../../../test/resolve-5etools';
import { expandVersions, variantVersionDrafts } from './versions';

const options = { preserveOnly: preserveOnlyFor('monster'), templates: new Map() };

const horse: Raw = {
  name: 'Warhorse', source: 'MM', page: 340, srd: true, hasToken: true, hasFluff: true,
  otherSources: [{ source: 'XYZ' }, { source: 'ABC' }],
  ac: [11],
  variant: [{ type: 'inset', name: 'Variant: Barding' }],
  trait: [{ name: 'Trampling Charge' }, { name: 'Keen Smell' }],
  _versions: [
    { name: 'Warhorse (Plate Barding)', source: 'XYZ', ac: [{ ac: 18, from: ['{@item plate barding|phb}'] }], variant: null },
    { name: 'Warhorse (Scentless)', source: 'MM', _mod: { trait: { mode: 'removeArr', names: 'Keen Smell' } }, _preserve: { srd: true } },
  ],
};

describe('plain versions', () => {
  it('are copies of the parent: everything preserved by default, own values and null win, then _mod; _versionOf names the parent', () => {
    const warnings: string[] = [];
    const { versions, failed } = expandVersions(horse, options, (_v, m) => warnings.push(m));
    expect({ failed, warnings }).toEqual({ failed: [], warnings: [] });
    expect(versions[0]).toEqual({
      name: 'Warhorse (Plate Barding)', source: 'XYZ', ac: [{ ac: 18, from: ['{@item plate barding|phb}'] }],
      page: 340, srd: true, otherSources: [{ source: 'ABC' }], trait: horse['trait'],
      _versionOf: { name: 'Warhorse', source: 'MM' },
    });
    // A version's own _preserve replaces the default "everything": page (and, for creatures,
    // variant) are then not taken.
    expect(versions[1]).toEqual({
      name: 'Warhorse (Scentless)', source: 'MM', srd: true, ac: [11], trait: [{ name: 'Trampling Charge' }],
      _versionOf: { name: 'Warhorse', source: 'MM' },
    });
    // Never taken: _versions, hasToken, hasFluff, hasFluffImages.
    for (const v of versions) for (const key of ['_versions', 'hasToken', 'hasFluff']) expect(v).not.toHaveProperty(key);
  });
});

describe('_abstract + _implementations', () => {
  // Shaped like races.json "Dragonborn" (PHB) subrace versions.
  const dragonborn: Raw = {
    name: 'Dragonborn', source: 'PHB',
    entries: [{ name: 'Draconic Ancestry' }, { name: 'Breath Weapon', entries: ['old'] }],
    _versions: [
      {
        _abstract: {
          name: 'Dragonborn ({{color}})', source: 'PHB',
          _mod: {
            entries: [
              { mode: 'removeArr', names: 'Draconic Ancestry' },
              { mode: 'replaceArr', replace: 'Breath Weapon', items: { name: 'Breath Weapon', entries: ['{{damageType}} in a {{area}}'] } },
            ],
          },
        },
        _implementations: [
          { _variables: { color: 'Black', damageType: 'acid', area: 'line' }, resist: ['acid'] },
          { _variables: { color: 'Gold', damageType: 'fire' }, resist: ['fire'] },
        ],
      },
    ],
  };

  it('one version per implementation, {{variables}} filled in the abstract and its patches, implementation values over it', () => {
    const messages: string[] = [];
    const { versions } = expandVersions(dragonborn, preserveOptions(), (v, m) => messages.push(`${String(v['name'])}: ${m}`));
    expect(versions.map((v) => [v['name'], v['entries'], v['resist']])).toEqual([
      ['Dragonborn (Black)', [{ name: 'Breath Weapon', entries: ['acid in a line'] }], ['acid']],
      ['Dragonborn (Gold)', [{ name: 'Breath Weapon', entries: ['fire in a {{area}}'] }], ['fire']],
    ]);
    // 5etools writes "undefined" for a variable an implementation lacks; it is kept and reported.
    expect(messages).toEqual(['Dragonborn (Gold): its _versions template leaves {{area}} unfilled']);
  });

  it('an _abstract without implementations, or a version that is not an object, is a failed version', () => {
    const { versions, failed } = expandVersions({ name: 'R', source: 'PHB', _versions: [{ _abstract: { name: 'R ({{x}})' }, _implementations: [] }, 'oops'] }, preserveOptions(), () => {});
    expect(versions).toEqual([]);
    expect(failed.map((f) => f.reason)).toEqual(['its _abstract version has no _implementations', 'a _versions entry is not an object ("oops")']);
  });

  function preserveOptions() {
    return { preserveOnly: preserveOnlyFor('race'), templates: new Map() };
  }

  it('versionsOf builds the versions of a record merged outside the stage (a subrace with its race), reporting problems', () => {
    const { reporter, skipped, warnings } = collectingReporter();
    const merged: Raw = { ...dragonborn, _versions: [...(dragonborn['_versions'] as unknown[]), 7] };
    const versions = versionsOf('subrace', merged, reporter);
    expect(versions.map((v) => v['name'])).toEqual(['Dragonborn (Black)', 'Dragonborn (Gold)']);
    expect(warnings.map((w) => w.message)).toEqual(['its _versions template leaves {{area}} unfilled']);
    expect(skipped).toEqual([{ collection: 'subrace', name: 'Dragonborn (version)', source: undefined, message: 'a _versions entry is not an object (7)' }]);
  });
});

describe('versions in the resolve stage', () => {
  it('follow their (resolved) parent; a copy does not inherit its target’s versions; subrace versions wait for the race merge', () => {
    const copy: Raw = { name: 'Riding Horse', source: 'XYZ', _copy: { name: 'Warhorse', source: 'MM' }, _versions: [{ name: 'Riding Horse (Old)', source: 'XYZ', ac: [9] }] };
    const subrace: Raw = { name: 'Black', source: 'PHB', raceName: 'Dragonborn', raceSource: 'PHB', _versions: [{ name: 'x', source: 'PHB' }] };
    const { reporter, skipped, warnings } = collectingReporter();
    const out = resolveDataSet({ monster: [horse, copy], subrace: [subrace] }, reporter);
    expect({ skipped, warnings }).toEqual({ skipped: [], warnings: [] });
    expect(out['monster']?.map((r) => [r['name'], r['_versionOf']])).toEqual([
      ['Warhorse', undefined],
      ['Warhorse (Plate Barding)', { name: 'Warhorse', source: 'MM' }],
      ['Warhorse (Scentless)', { name: 'Warhorse', source: 'MM' }],
      ['Riding Horse', undefined],
      ['Riding Horse (Old)', { name: 'Riding Horse', source: 'XYZ' }],
    ]);
    expect(out['monster']?.[0]).not.toHaveProperty('_versions');
    expect(out['monster']?.[4]).toMatchObject({ ac: [9], trait: horse['trait'] });
    expect(out['subrace']).toEqual([subrace]);
  });
});

describe('implicit creature versions (variant[]._version)', () => {
  const mummyLord: Raw = {
    name: 'Mummy Lord', source: 'MM', trait: [{ name: 'Rejuvenation' }], action: [{ name: 'Fist' }],
    variant: [
      { type: 'variant', name: 'Variant: Lord’s Bite', source: 'XYZ', page: 3, _version: { name: 'Mummy Lord (Bite)', addAs: 'action' }, entries: ['It bites.'] },
      { type: 'variant', name: 'Variant: Auras', _version: { addHeadersAs: 'trait' }, entries: ['Intro text.', { type: 'entries', name: 'Aura of Dread', entries: ['Dread.'] }] },
      { type: 'inset', name: 'Plain inset', entries: [] },
    ],
  };

  it('an inset with addAs is appended (without type, source, page, _version) to that property; addHeadersAs appends its named entries; versions have no variants', () => {
    expect(variantVersionDrafts(mummyLord)).toHaveLength(2);
    const { reporter } = collectingReporter();
    const off = resolveDataSet({ monster: [mummyLord] }, reporter);
    expect(off['monster']).toHaveLength(1);
    const on = resolveDataSet({ monster: [mummyLord] }, reporter, { variantVersions: true });
    expect(on['monster']?.slice(1)).toEqual([
      { name: 'Mummy Lord (Bite)', source: 'XYZ', trait: [{ name: 'Rejuvenation' }], action: [{ name: 'Fist' }, { name: 'Variant: Lord’s Bite', entries: ['It bites.'] }], _versionOf: { name: 'Mummy Lord', source: 'MM' } },
      { name: 'Variant: Auras', source: 'MM', trait: [{ name: 'Rejuvenation' }, { name: 'Aura of Dread', entries: ['Dread.'] }], action: [{ name: 'Fist' }], _versionOf: { name: 'Mummy Lord', source: 'MM' } },
    ]);
  });
});
