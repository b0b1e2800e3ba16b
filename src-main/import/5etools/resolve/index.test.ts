/** The resolve stage's contract (COMMON.md, "Resolve stage"): resolveDataSet over whole collections. */
import { describe, expect, it } from 'vitest';
import { CatalogError } from '../../../../src-shared/errors';
import type { Raw } from '../types';
import { resolveDataSet } from './index';
import { collectingReporter } from '../../../../test/resolve-5etools';

const goblin: Raw = { name: 'Goblin', source: 'MM', page: 166, ac: [15], trait: [{ name: 'Nimble Escape' }] };

describe('resolveDataSet', () => {
  it('resolves _copy in every collection and expands _versions after their base; same keys in the same order; input untouched', () => {
    const boss: Raw = { name: 'Goblin Boss', source: 'MM', _copy: { name: 'Goblin', source: 'MM', _mod: { trait: { mode: 'appendArr', items: { name: 'Redirect Attack' } } } } };
    const horse: Raw = { name: 'Warhorse', source: 'MM', ac: [11], _versions: [{ name: 'Warhorse (Plate Barding)', source: 'MM', ac: [18] }] };
    const feat: Raw = { name: 'Alert', source: 'PHB', _versions: [{ name: 'Alert (Variant)', source: 'PHB', ability: [{ dex: 1 }] }] };
    const background: Raw = { name: 'Acolyte', source: 'PHB', entries: ['a'] };
    const copiedBackground: Raw = { name: 'Acolyte', source: 'XYZ', _copy: { name: 'Acolyte', source: 'PHB', _mod: { entries: { mode: 'appendArr', items: 'b' } } } };
    const input = { monster: [goblin, boss, horse], feat: [feat], background: [background, copiedBackground], spell: [] };
    const before = structuredClone(input);
    const { reporter, skipped, warnings } = collectingReporter();
    const out = resolveDataSet(input, reporter);
    expect({ skipped, warnings }).toEqual({ skipped: [], warnings: [] });
    expect(Object.keys(out)).toEqual(['monster', 'feat', 'background', 'spell']);
    expect(out['monster']?.map((r) => r['name'])).toEqual(['Goblin', 'Goblin Boss', 'Warhorse', 'Warhorse (Plate Barding)']);
    expect(out['monster']?.[1]).toEqual({ name: 'Goblin Boss', source: 'MM', ac: [15], trait: [{ name: 'Nimble Escape' }, { name: 'Redirect Attack' }] });
    expect(out['monster']?.[3]).toEqual({ name: 'Warhorse (Plate Barding)', source: 'MM', ac: [18], _versionOf: { name: 'Warhorse', source: 'MM' } });
    expect(out['feat']?.[1]).toMatchObject({ name: 'Alert (Variant)', ability: [{ dex: 1 }], _versionOf: { name: 'Alert', source: 'PHB' } });
    expect(out['background']?.[1]).toEqual({ name: 'Acolyte', source: 'XYZ', entries: ['a', 'b'] });
    expect(out['spell']).toEqual([]);
    for (const records of Object.values(out)) for (const record of records) expect(Object.keys(record).filter((k) => k === '_copy' || k === '_versions')).toEqual([]);
    expect(input).toEqual(before);
  });

  it('an item may copy a base item or an item group (its own collection first)', () => {
    const longsword: Raw = { name: 'Longsword', source: 'PHB', dmg1: '1d8' };
    const named: Raw = { name: 'Named Sword', source: 'DMG', _copy: { name: 'Longsword', source: 'PHB' } };
    const { reporter } = collectingReporter();
    expect(resolveDataSet({ baseitem: [longsword], item: [named] }, reporter)['item']).toEqual([{ name: 'Named Sword', source: 'DMG', dmg1: '1d8' }]);
  });

  it('templates are resolved before the collections that use them, whatever the key order', () => {
    const npc: Raw = { name: 'Goblin Ghost', source: 'XYZ', _copy: { name: 'Goblin', source: 'MM', _templates: [{ name: 'Ghostly', source: 'XYZ' }] } };
    const base: Raw = { name: 'Base Ghost', source: 'XYZ', apply: { _root: { type: 'undead' } } };
    const ghostly: Raw = { name: 'Ghostly', source: 'XYZ', _copy: { name: 'Base Ghost', source: 'XYZ' } };
    const { reporter, warnings } = collectingReporter();
    const out = resolveDataSet({ monster: [goblin, npc], monsterTemplate: [base, ghostly] }, reporter);
    expect(warnings).toEqual([]);
    expect(out['monster']?.[1]).toMatchObject({ name: 'Goblin Ghost', type: 'undead', ac: [15] });
  });

  it('skips a record whose target is missing (naming record and target) and keeps the rest', () => {
    const hag: Raw = { name: 'Green Hag', source: 'MM', _copy: { name: 'Hag', source: 'VGM' } };
    const { reporter, skipped } = collectingReporter();
    const out = resolveDataSet({ monster: [goblin, hag] }, reporter);
    expect(out['monster']?.map((r) => r['name'])).toEqual(['Goblin']);
    expect(skipped).toEqual([{ collection: 'monster', name: 'Green Hag', source: 'MM', message: 'it copies Hag|VGM, which is not in the data' }]);
  });

  it('a record that is not an object, a collection that is not an array, and an unforeseen exception are skips with a reason', () => {
    const hostile: Raw = { name: 'Hostile', source: 'MM' };
    Object.defineProperty(hostile, '_copy', { enumerable: true, get: () => { throw new TypeError('boom'); } });
    const { reporter, skipped } = collectingReporter();
    const out = resolveDataSet({ monster: [goblin, 'text' as unknown as Raw, hostile, null as unknown as Raw], spell: { not: 'a list' } as unknown as Raw[] }, reporter);
    expect(out).toEqual({ monster: [goblin], spell: [] });
    expect(skipped).toEqual([
      { collection: 'monster', name: '(monster #2)', source: undefined, message: 'record #2 of "monster" is string, not an object' },
      { collection: 'monster', name: '(monster #4)', source: undefined, message: 'record #4 of "monster" is null, not an object' },
      { collection: 'spell', name: '(collection spell)', source: undefined, message: 'the collection "spell" is object, not a list of records' },
      { collection: 'monster', name: 'Hostile', source: 'MM', message: 'it could not be resolved (unexpected error: boom)' },
    ]);
  });

  it('throws Cancelled (and nothing else) when the signal aborts, also between records', () => {
    const { reporter } = collectingReporter();
    const cancelled = (signal: AbortSignal): unknown => {
      try {
        resolveDataSet({ monster: [goblin, goblin, goblin] }, reporter, { signal });
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const controller = new AbortController();
    controller.abort();
    let checks = 0;
    const later = { get aborted() { checks += 1; return checks > 2; } } as AbortSignal;
    for (const error of [cancelled(controller.signal), cancelled(later)]) {
      expect(error).toBeInstanceOf(CatalogError);
      expect((error as CatalogError).code).toBe('Cancelled');
    }
    expect(checks).toBe(3);
  });
});
