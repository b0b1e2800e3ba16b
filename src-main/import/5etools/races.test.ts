import { describe, expect, it } from 'vitest';
import { raceEntity } from '../../../src-shared/catalog/entities';
import { mapRaces, mergeSubrace } from './races';
import { expectValidRow, makeContext, resolved, subraceVersionsFor } from '../../../test/import-5etools';
import type { Raw } from './types';

const elf: Raw = {
  name: 'Elf',
  source: 'PHB',
  page: 21,
  size: ['M'],
  speed: 30,
  ability: [{ dex: 2 }],
  age: { mature: 100, max: 750 },
  traitTags: ['Improved Resting'],
  languageProficiencies: [{ common: true, elvish: true }],
  entries: [
    { type: 'entries', name: 'Keen Senses', entries: ['…'] },
    { type: 'entries', name: 'Languages', entries: ['Common and Elvish.'] },
  ],
};
const high: Raw = {
  name: 'High',
  source: 'PHB',
  page: 23,
  raceName: 'Elf',
  raceSource: 'PHB',
  ability: [{ int: 1 }],
  languageProficiencies: [{ common: true, elvish: true, anyStandard: 1 }],
  overwrite: { languageProficiencies: true },
  traitTags: ['Tool Proficiency'],
  entries: [
    { type: 'entries', name: 'Cantrip', entries: ['…'] },
    { type: 'entries', name: 'Extra Language', entries: ['One more.'], data: { overwrite: 'Languages' } },
  ],
};
const wood: Raw = { name: 'Wood', source: 'PHB', raceName: 'Elf', raceSource: 'PHB', ability: [{ wis: 1 }], speed: { walk: 35 } };
const human: Raw = { name: 'Human', source: 'PHB', size: ['M'], speed: 30, entries: [] };
const standardHuman: Raw = { source: 'PHB', raceName: 'Human', raceSource: 'PHB', ability: [{ str: 1, dex: 1, con: 1, int: 1, wis: 1, cha: 1 }] };
const dragonborn: Raw = {
  name: 'Dragonborn',
  source: 'PHB',
  size: ['M'],
  speed: 30,
  ability: [{ str: 2, cha: 1 }],
  entries: [{ type: 'entries', name: 'Draconic Ancestry', entries: ['…'] }, { type: 'entries', name: 'Breath Weapon', entries: ['…'] }],
};
const dragonbornColours: Raw = {
  source: 'PHB',
  raceName: 'Dragonborn',
  raceSource: 'PHB',
  _versions: [
    {
      _abstract: {
        name: 'Dragonborn ({{color}})',
        source: 'PHB',
        _mod: { entries: [{ mode: 'removeArr', names: 'Draconic Ancestry' }, { mode: 'replaceArr', replace: 'Breath Weapon', items: { type: 'entries', name: 'Breath Weapon', entries: ['{{damageType}}'] } }] },
      },
      _implementations: [
        { _variables: { color: 'Black', damageType: 'acid' }, resist: ['acid'] },
        { _variables: { color: 'Red', damageType: 'fire' }, resist: ['fire'] },
      ],
    },
  ],
};
const halfling: Raw = { name: 'Halfling', source: 'PHB', size: ['S'], speed: { walk: 25, swim: 25 }, ability: [{ dex: 2 }, { cha: 2 }] };
const choice: Raw = { name: 'Half-Elf', source: 'PHB', size: ['M'], speed: 30, ability: [{ cha: 2, choose: { from: ['str', 'dex', 'con', 'int', 'wis'], count: 2 } }] };

describe('races', () => {
  it('subraces merge with their race: child values win, ability index-merged, entries overwrite by name, tags combined', () => {
    const merged = mergeSubrace(elf, high);
    expect(merged).toMatchObject({
      name: 'Elf (High)',
      source: 'PHB',
      page: 23,
      size: ['M'],
      speed: 30,
      age: { mature: 100, max: 750 },
      ability: [{ dex: 2, int: 1 }],
      // `overwrite` replaces instead of merging.
      languageProficiencies: [{ common: true, elvish: true, anyStandard: 1 }],
      traitTags: ['Improved Resting', 'Tool Proficiency'],
    });
    expect((merged['entries'] as Raw[]).map((e) => e['name'])).toEqual(['Keen Senses', 'Extra Language', 'Cantrip']);
    expect(mergeSubrace(elf, wood)).toMatchObject({ name: 'Elf (Wood)', speed: { walk: 35 }, ability: [{ dex: 2, wis: 1 }] });
    // The race record itself is untouched.
    expect(elf['ability']).toEqual([{ dex: 2 }]);
  });

  it('rows: races, named subraces with their parent, nameless subraces folded into the race, versions as subraces', () => {
    const ctx = makeContext();
    const data = resolved(ctx, { race: [elf, human, dragonborn, halfling, choice], subrace: [high, wood, standardHuman, dragonbornColours] });
    const { rows, read, generated } = mapRaces(data.race, data.subrace, ctx, subraceVersionsFor(ctx));
    expect(ctx.skipped).toEqual([]);
    expect({ read, generated }).toEqual({ read: 9, generated: 2 });
    for (const row of rows) expectValidRow(raceEntity, row);
    expect(rows.map((r) => [r.id, r.name, r.raceType, r.parentRaceId])).toEqual([
      ['elf-phb', 'Elf', 'race', null],
      ['human-phb', 'Human', 'race', null],
      ['dragonborn-phb', 'Dragonborn', 'race', null],
      ['halfling-phb', 'Halfling', 'race', null],
      ['half-elf-phb', 'Half-Elf', 'race', null],
      ['dragonborn-black-phb', 'Dragonborn (Black)', 'subrace', 'dragonborn-phb'],
      ['dragonborn-red-phb', 'Dragonborn (Red)', 'subrace', 'dragonborn-phb'],
      ['elf-high-phb', 'Elf (High)', 'subrace', 'elf-phb'],
      ['elf-wood-phb', 'Elf (Wood)', 'subrace', 'elf-phb'],
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    // The standard (nameless) human subrace carries the +1 to every ability: it is the Human row.
    expect(byId.get('human-phb')?.abilityScores).toEqual([{ str: 1, dex: 1, con: 1, int: 1, wis: 1, cha: 1 }]);
    expect(byId.get('dragonborn-black-phb')).toMatchObject({ size: 'M', speed: 30, abilityScores: [{ str: 2, cha: 1 }], entries: [{ type: 'entries', name: 'Breath Weapon', entries: ['acid'] }] });
    expect(byId.get('elf-wood-phb')).toMatchObject({ size: 'M', speed: { walk: 35 }, age: { mature: 100, max: 750 }, languageProficiencies: elf['languageProficiencies'] });
    expect(byId.get('halfling-phb')).toMatchObject({ size: 'S', speed: { walk: 25, swim: 25 }, abilityScores: [{ dex: 2 }, { cha: 2 }] });
  });

  it('skips subraces whose race is not in the data, and subraces of skipped races', () => {
    const ctx = makeContext();
    const orphan: Raw = { name: 'Deep', source: 'PHB', raceName: 'Gnome', raceSource: 'PHB' };
    const fromTce: Raw = { ...elf, name: 'Sea Elf', source: 'MTF' };
    const subOfTce: Raw = { name: 'Coral', source: 'PHB', raceName: 'Sea Elf', raceSource: 'MTF' };
    const { rows } = mapRaces([elf, fromTce], [orphan, subOfTce], ctx);
    expect(rows.map((r) => r.id)).toEqual(['elf-phb']);
    expect(ctx.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['Deep', 'its race Gnome|PHB is not in the data'],
      ['Sea Elf', 'its source book MTF is not in the data (no book metadata for it)'],
      ['Sea Elf (Coral)', 'its race Sea Elf|MTF was not imported'],
    ]);
  });

  it('a version of a subrace whose race was not imported is reported, not silently lost', () => {
    const ctx = makeContext();
    // The race's book is not in the data: its row is skipped, and so are its subrace's versions, each by name.
    const lost: Raw = { ...dragonborn, source: 'MTF' };
    const colours: Raw = { ...dragonbornColours, raceSource: 'MTF', source: 'MTF' };
    const data = resolved(ctx, { race: [lost], subrace: [colours] });
    const { rows } = mapRaces(data.race, data.subrace, ctx, subraceVersionsFor(ctx));
    expect(rows).toEqual([]);
    expect(ctx.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['Dragonborn', 'its source book MTF is not in the data (no book metadata for it)'],
      ['Dragonborn (Black)', 'it is a version of Dragonborn, whose race Dragonborn|MTF was not imported'],
      ['Dragonborn (Red)', 'it is a version of Dragonborn, whose race Dragonborn|MTF was not imported'],
    ]);
  });
});
