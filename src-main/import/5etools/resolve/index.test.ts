import { describe, expect, it } from 'vitest';
import { CatalogError } from '../../../../src-shared/errors';
import type { Raw } from '../types';
import { resolveDataSet, type ResolveReporter } from './index';

function collect() {
  const skipped: { collection: string; name: unknown; reason: string }[] = [];
  const warnings: { collection: string; name: unknown; message: string }[] = [];
  const reporter: ResolveReporter = {
    skip: (collection, record, reason) => skipped.push({ collection, name: record['name'], reason }),
    warn: (collection, record, message) => warnings.push({ collection, name: record['name'], message }),
  };
  return { skipped, warnings, reporter };
}

const goblin: Raw = { name: 'Goblin', source: 'MM', page: 166, ac: [15], trait: [{ name: 'Nimble Escape' }] };

describe('resolveDataSet', () => {
  it('resolves _copy in every collection, expands _versions after their base with _versionOf, keeps keys', () => {
    const boss: Raw = { name: 'Goblin Boss', source: 'MM', _copy: { name: 'Goblin', source: 'MM', _mod: { trait: { mode: 'appendArr', items: { name: 'Redirect Attack' } } } } };
    const horse: Raw = { name: 'Warhorse', source: 'MM', ac: [11], _versions: [{ name: 'Warhorse (Plate Barding)', source: 'MM', ac: [18] }] };
    const longsword: Raw = { name: 'Longsword', source: 'PHB', dmg1: '1d8' };
    const named: Raw = { name: 'Named Sword', source: 'DMG', _copy: { name: 'Longsword', source: 'PHB' } };
    const { skipped, reporter } = collect();
    const out = resolveDataSet({ monster: [goblin, boss, horse], baseitem: [longsword], item: [named], spell: [] }, reporter);
    expect(skipped).toEqual([]);
    expect(Object.keys(out)).toEqual(['monster', 'baseitem', 'item', 'spell']);
    expect(out['monster']?.map((r) => r['name'])).toEqual(['Goblin', 'Goblin Boss', 'Warhorse', 'Warhorse (Plate Barding)']);
    expect(out['monster']?.[1]).toEqual({ name: 'Goblin Boss', source: 'MM', ac: [15], trait: [{ name: 'Nimble Escape' }, { name: 'Redirect Attack' }] });
    expect(out['monster']?.[2]).not.toHaveProperty('_versions');
    expect(out['monster']?.[3]).toEqual({ name: 'Warhorse (Plate Barding)', source: 'MM', ac: [18], _versionOf: { name: 'Warhorse', source: 'MM' } });
    // An item may copy a base item.
    expect(out['item']?.[0]).toEqual({ name: 'Named Sword', source: 'DMG', dmg1: '1d8' });
    for (const records of Object.values(out)) for (const record of records) expect(record).not.toHaveProperty('_copy');
  });

  it('skips a record whose target is missing, naming the target, and keeps the rest', () => {
    const hag: Raw = { name: 'Green Hag', source: 'MM', _copy: { name: 'Hag', source: 'VGM' } };
    const { skipped, reporter } = collect();
    const out = resolveDataSet({ monster: [goblin, hag] }, reporter);
    expect(out['monster']?.map((r) => r['name'])).toEqual(['Goblin']);
    expect(skipped).toEqual([{ collection: 'monster', name: 'Green Hag', reason: expect.stringContaining('Hag|VGM') }]);
  });

  it('throws Cancelled when the signal is aborted, and nothing else', () => {
    const controller = new AbortController();
    controller.abort();
    const { reporter } = collect();
    let thrown: unknown;
    try {
      resolveDataSet({ monster: [goblin] }, reporter, { signal: controller.signal });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CatalogError);
    expect((thrown as CatalogError).code).toBe('Cancelled');
  });
});
