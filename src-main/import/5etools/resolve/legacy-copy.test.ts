import { describe, expect, it } from 'vitest';
import { applyMods, CopyError, expandVersions, resolveCopies } from './legacy-copy';
import type { Raw } from '../types';

function resolve(records: Raw[]) {
  const skipped: { name: unknown; reason: string }[] = [];
  const out = resolveCopies(records, (record, reason) => skipped.push({ name: record['name'], reason }));
  return { out, skipped };
}

const goblin: Raw = {
  name: 'Goblin',
  source: 'MM',
  page: 166,
  srd: true,
  environment: ['forest'],
  ac: [15],
  trait: [{ name: 'Nimble Escape', entries: ['…'] }],
  action: [
    { name: 'Scimitar', entries: ['slash'] },
    { name: 'Shortbow', entries: ['shoot'] },
  ],
};

describe('_copy', () => {
  it('copies the target, own values win, per-book facts are not copied, null deletes', () => {
    const boss: Raw = { name: 'Goblin Boss', source: 'XGE', page: 5, ac: [17], trait: null, _copy: { name: 'Goblin', source: 'MM' } };
    const { out, skipped } = resolve([goblin, boss]);
    expect(skipped).toEqual([]);
    expect(out[1]).toEqual({ name: 'Goblin Boss', source: 'XGE', page: 5, ac: [17], action: goblin['action'] });
    // The target itself is untouched.
    expect(out[0]).toBe(goblin);
  });

  it('_preserve keeps named per-book facts; chains resolve in order', () => {
    const a: Raw = { name: 'A', source: 'MM', _copy: { name: 'Goblin', source: 'MM', _preserve: { environment: true } } };
    const b: Raw = { name: 'B', source: 'MM', _copy: { name: 'A', source: 'MM' } };
    const { out } = resolve([b, a, goblin]);
    expect(out[0]).toMatchObject({ name: 'B', ac: [15] });
    expect(out[0]).not.toHaveProperty('environment');
    expect(out[1]).toMatchObject({ name: 'A', environment: ['forest'], ac: [15] });
  });

  it('matches further identifying keys of _copy (subclass: className, classSource; feature: level)', () => {
    const phb: Raw = { name: 'Thief', source: 'PHB', className: 'Rogue', classSource: 'PHB', page: 97 };
    const xphb: Raw = { name: 'Thief', source: 'PHB', className: 'Rogue', classSource: 'XPHB', marker: 'right one' };
    const copy: Raw = { name: 'Thief', source: 'XGE', _copy: { name: 'Thief', source: 'PHB', className: 'Rogue', classSource: 'XPHB' } };
    expect(resolve([phb, xphb, copy]).out[2]).toMatchObject({ name: 'Thief', source: 'XGE', marker: 'right one' });
  });

  it('skips a record whose target is not in the data, or whose chain is circular, with the reason', () => {
    const hag: Raw = { name: 'Green Hag', source: 'MM', _copy: { name: 'Hag', source: 'VGM', _mod: {} } };
    const loopA: Raw = { name: 'A', source: 'MM', _copy: { name: 'B', source: 'MM' } };
    const loopB: Raw = { name: 'B', source: 'MM', _copy: { name: 'A', source: 'MM' } };
    const onTop: Raw = { name: 'C', source: 'MM', _copy: { name: 'Green Hag', source: 'MM' } };
    const { out, skipped } = resolve([hag, loopA, loopB, onTop, goblin]);
    expect(out).toEqual([goblin]);
    expect(skipped[0]).toEqual({ name: 'Green Hag', reason: 'it copies Hag|VGM, which is not in the data' });
    expect(skipped[1]?.reason).toMatch(/circular/);
    expect(skipped[2]?.reason).toMatch(/circular/);
    expect(skipped[3]).toEqual({ name: 'C', reason: 'it copies Green Hag|MM, which could not be resolved: it copies Hag|VGM, which is not in the data' });
  });

  it('refuses creature templates and unknown _mod modes with a reason (skipped, not a crash)', () => {
    const templated: Raw = { name: 'Ghost Goblin', source: 'MM', _copy: { name: 'Goblin', source: 'MM', _templates: [{ name: 'Ghost', source: 'X' }] } };
    const oddMod: Raw = { name: 'Odd', source: 'MM', _copy: { name: 'Goblin', source: 'MM', _mod: { trait: { mode: 'doSomethingNew' } } } };
    const { skipped } = resolve([goblin, templated, oddMod]);
    expect(skipped.map((s) => s.reason)).toEqual([
      'it applies creature templates (_templates), which this importer does not resolve',
      'its _mod uses mode "doSomethingNew" on trait, which this importer does not apply',
    ]);
  });
});

describe('_mod', () => {
  const base = (): Raw => structuredClone(goblin);

  it.each<[string, unknown, (r: Raw) => unknown, unknown]>([
    ['appendArr', { action: { mode: 'appendArr', items: { name: 'Bite', entries: [] } } }, (r) => (r['action'] as Raw[]).map((a) => a['name']), ['Scimitar', 'Shortbow', 'Bite']],
    ['prependArr', { action: { mode: 'prependArr', items: [{ name: 'Bite' }] } }, (r) => (r['action'] as Raw[]).map((a) => a['name']), ['Bite', 'Scimitar', 'Shortbow']],
    ['insertArr', { action: { mode: 'insertArr', index: 1, items: { name: 'Bite' } } }, (r) => (r['action'] as Raw[]).map((a) => a['name']), ['Scimitar', 'Bite', 'Shortbow']],
    ['removeArr by name', { action: [{ mode: 'removeArr', names: 'Shortbow' }] }, (r) => (r['action'] as Raw[]).map((a) => a['name']), ['Scimitar']],
    ['removeArr of a missing name leaves the rest', { action: { mode: 'removeArr', names: ['Nope'] } }, (r) => (r['action'] as Raw[]).length, 2],
    ['replaceArr', { action: { mode: 'replaceArr', replace: 'Scimitar', items: { name: '+1 Scimitar' } } }, (r) => (r['action'] as Raw[]).map((a) => a['name']), ['+1 Scimitar', 'Shortbow']],
    ['replaceOrAppendArr', { action: { mode: 'replaceOrAppendArr', replace: 'Claw', items: { name: 'Claw' } } }, (r) => (r['action'] as Raw[]).map((a) => a['name']), ['Scimitar', 'Shortbow', 'Claw']],
    ['appendIfNotExistsArr', { environment: { mode: 'appendIfNotExistsArr', items: ['forest', 'hill'] } }, (r) => r['environment'], ['forest', 'hill']],
    ['replaceTxt', { action: { mode: 'replaceTxt', replace: 'slash', with: 'cut' } }, (r) => (r['action'] as Raw[])[0], { name: 'Scimitar', entries: ['cut'] }],
    ['"remove"', { trait: 'remove' }, (r) => 'trait' in r, false],
    ['scalarAddProp on "_"', { _: { mode: 'scalarAddProp', prop: 'str', scalar: 2 } }, (r) => r['str'], 10],
  ])('%s', (_label, mods, read, expected) => {
    const record = { ...base(), str: 8 };
    applyMods(record, mods);
    expect(read(record)).toEqual(expected);
  });

  it('addSpells adds to the first spellcasting block', () => {
    const mage: Raw = { name: 'Mage', spellcasting: [{ name: 'Spellcasting', will: ['a'], spells: { '1': { slots: 4, spells: ['x'] } }, daily: { '1e': ['d'] } }] };
    applyMods(mage, { _: { mode: 'addSpells', spells: { '1': { spells: ['y'] }, '2': { slots: 2, spells: ['z'] } }, will: ['b'], daily: { '1e': ['e'], '3e': ['f'] } } });
    expect(mage['spellcasting']).toEqual([
      { name: 'Spellcasting', will: ['a', 'b'], spells: { '1': { slots: 4, spells: ['x', 'y'] }, '2': { slots: 2, spells: ['z'] } }, daily: { '1e': ['d', 'e'], '3e': ['f'] } },
    ]);
    expect(() => applyMods({ name: 'No caster' }, { _: { mode: 'addSpells', will: ['b'] } })).toThrow(CopyError);
  });
});

describe('_versions', () => {
  it('plain versions: the record with overrides, null deleting, and _mod applied', () => {
    const horse: Raw = {
      name: 'Warhorse',
      source: 'MM',
      ac: [11],
      variant: [{ type: 'inset', name: 'Variant: Barding' }],
      trait: [{ name: 'Trampling Charge' }, { name: 'Keen Smell' }],
      _versions: [
        { name: 'Warhorse (Plate Barding)', source: 'MM', ac: [{ ac: 18, from: ['{@item plate barding|phb}'] }], variant: null },
        { name: 'Warhorse (Scentless)', source: 'MM', _mod: { trait: [{ mode: 'removeArr', names: 'Keen Smell' }] }, variant: null },
      ],
    };
    const versions = expandVersions(horse);
    expect(versions).toEqual([
      { name: 'Warhorse (Plate Barding)', source: 'MM', ac: [{ ac: 18, from: ['{@item plate barding|phb}'] }], trait: horse['trait'] },
      { name: 'Warhorse (Scentless)', source: 'MM', ac: [11], trait: [{ name: 'Trampling Charge' }] },
    ]);
    // The original keeps its versions list (and its variant inset) untouched.
    expect(horse['_versions']).toHaveLength(2);
    expect(expandVersions({ name: 'Plain' })).toEqual([]);
  });

  it('templates: _abstract filled once per _implementation, {{variables}} substituted everywhere', () => {
    const dragonborn: Raw = {
      name: 'Dragonborn',
      source: 'PHB',
      entries: [{ name: 'Draconic Ancestry' }, { name: 'Breath Weapon', entries: ['old'] }],
      _versions: [
        {
          _abstract: {
            name: 'Dragonborn ({{color}})',
            source: 'PHB',
            _mod: {
              entries: [
                { mode: 'removeArr', names: 'Draconic Ancestry' },
                { mode: 'replaceArr', replace: 'Breath Weapon', items: { name: 'Breath Weapon', entries: ['{{damageType}} in a {{area}}'] } },
              ],
            },
          },
          _implementations: [
            { _variables: { color: 'Black', damageType: 'acid', area: 'line' }, resist: ['acid'] },
            { _variables: { color: 'Gold', damageType: 'fire', area: 'cone' }, resist: ['fire'] },
          ],
        },
      ],
    };
    expect(expandVersions(dragonborn)).toEqual([
      { name: 'Dragonborn (Black)', source: 'PHB', entries: [{ name: 'Breath Weapon', entries: ['acid in a line'] }], resist: ['acid'] },
      { name: 'Dragonborn (Gold)', source: 'PHB', entries: [{ name: 'Breath Weapon', entries: ['fire in a cone'] }], resist: ['fire'] },
    ]);
  });
});
