import { describe, expect, it } from 'vitest';
import { featEntity } from '../../../src-shared/catalog/entities';
import { featType, mapFeats } from './feats';
import { expectValidRow, makeContext } from '../../../test/import-5etools';

describe('feats', () => {
  it('prerequisite → prerequisites, ability → ability_increases, 2024 category → feat_type', () => {
    const ctx = makeContext();
    const { rows } = mapFeats(
      [
        { name: 'Grappler', source: 'PHB', page: 167, prerequisite: [{ ability: [{ str: 13 }] }], entries: ['…'] },
        { name: 'Resilient', source: 'PHB', ability: [{ choose: { from: ['str', 'dex', 'con', 'int', 'wis', 'cha'], amount: 1 } }], entries: ['…'] },
        { name: 'Alert', source: 'XPHB', category: 'O', entries: ['…'] },
        { name: 'Archery', source: 'XPHB', category: 'FS', prerequisite: [{ feature: ['Fighting Style'] }], entries: ['…'] },
        { name: 'Boon of Fate', source: 'XPHB', category: 'EB', prerequisite: [{ level: 19 }], ability: [{ choose: { from: ['str', 'dex'], amount: 1 }, max: 30 }], entries: ['…'] },
        { name: 'Odd', source: 'XPHB', category: 'ZZ', entries: ['…'] },
      ],
      ctx,
    );
    for (const row of rows) expectValidRow(featEntity, row);
    expect(rows.map((r) => [r.id, r.featType, r.prerequisites, r.abilityIncreases])).toEqual([
      ['grappler-phb', null, [{ ability: [{ str: 13 }] }], null],
      ['resilient-phb', null, null, [{ choose: { from: ['str', 'dex', 'con', 'int', 'wis', 'cha'], amount: 1 } }]],
      ['alert-xphb', 'origin', null, null],
      ['archery-xphb', 'fighting-style', [{ feature: ['Fighting Style'] }], null],
      ['boon-of-fate-xphb', 'epic', [{ level: 19 }], [{ choose: { from: ['str', 'dex'], amount: 1 }, max: 30 }]],
      ['odd-xphb', null, null, null],
    ]);
    expect(ctx.warnings).toEqual([{ kind: 'feats', name: 'Odd', source: 'XPHB', message: 'its category "ZZ" is not a known feat type; stored as none' }]);
    expect(featType('G')).toBe('general');
    expect(featType('FS:P')).toBe('fighting-style');
    expect(featType('FS:R')).toBe('fighting-style');
  });

  it('Dragonmark (EFA, "D") and Dark Gift (RHW, "DG") categories; Resilient\'s choose.entry is kept', () => {
    // feats.json of 5etools v2.31.0.
    const ctx = makeContext([{ id: 'EFA', source: 'EFA', name: 'Eberron: Forge of the Artificer' }, { id: 'RHW', source: 'RHW', name: 'Ravenloft: The Horrors Within' }, { id: 'PHB', source: 'PHB', name: 'PHB' }]);
    const { rows } = mapFeats(
      [
        { name: 'Aberrant Dragonmark', source: 'EFA', category: 'D', entries: ['…'] },
        { name: 'Echoing Soul', source: 'RHW', category: 'DG', entries: ['…'] },
        {
          name: 'Resilient',
          source: 'PHB',
          ability: [{ choose: { from: ['str', 'dex', 'con', 'int', 'wis', 'cha'], amount: 1, entry: 'Increase the chosen ability score by 1, to a maximum of 20.' } }],
          reprintedAs: ['Resilient|XPHB'],
          entries: ['…'],
        },
      ],
      ctx,
    );
    for (const row of rows) expectValidRow(featEntity, row);
    expect(rows.map((r) => [r.id, r.featType, r.supersededBy])).toEqual([
      ['aberrant-dragonmark-efa', 'dragonmark', null],
      ['echoing-soul-rhw', 'dark-gift', null],
      ['resilient-phb', null, 'resilient-xphb'],
    ]);
    expect(ctx.warnings).toEqual([]);
  });
});
