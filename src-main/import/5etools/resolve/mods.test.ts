/**
 * How a `_mod` object is applied, against 5etools `DataUtil.generic.copyApplier.getCopy` ("apply
 * mods"), `_doMod`, `_doMod_handleProp`, `_sortProps` and `DataUtil.generic.COPY_ENTRY_PROPS`.
 */
import { describe, expect, it } from 'vitest';
import type { Raw } from '../types';
import { COPY_ENTRY_PROPS } from './mods';
import { patch } from '../../../../test/resolve-5etools';

const drone = (): Raw => ({
  name: 'Drone',
  type: { type: 'construct', tags: ['drone'] },
  ac: [{ ac: 15, from: ['natural drone plating'] }],
  languages: ['understands drone'],
  trait: [{ name: 'Drone Mind', entries: ['The drone thinks.'] }],
  action: [{ name: 'Sting', entries: ['The drone stings.'] }],
  legendaryHeader: ['The drone can take 3 legendary actions.'],
  entries: ['A drone.'],
});

describe('"*": the entry-like properties only (COPY_ENTRY_PROPS)', () => {
  it('is exactly 5etools’ list', () => {
    expect(COPY_ENTRY_PROPS).toEqual(['action', 'bonus', 'reaction', 'trait', 'legendary', 'mythic', 'variant', 'spellcasting', 'actionHeader', 'bonusHeader', 'reactionHeader', 'legendaryHeader', 'mythicHeader']);
  });

  it('replaces text in traits, actions and headers, never in type tags, AC, languages or other properties', () => {
    const { record, warnings } = patch(drone(), { '*': { mode: 'replaceTxt', replace: 'drone', with: 'Zisatta' } });
    expect(warnings).toEqual([]);
    expect(record['trait']).toEqual([{ name: 'Drone Mind', entries: ['The Zisatta thinks.'] }]);
    expect(record['action']).toEqual([{ name: 'Sting', entries: ['The Zisatta stings.'] }]);
    expect(record['legendaryHeader']).toEqual(['The Zisatta can take 3 legendary actions.']);
    expect(record['type']).toEqual({ type: 'construct', tags: ['drone'] });
    expect(record['ac']).toEqual([{ ac: 15, from: ['natural drone plating'] }]);
    expect(record['languages']).toEqual(['understands drone']);
    expect(record['entries']).toEqual(['A drone.']);
  });

  it('setProp under "*" (older data) sets from the record root, once', () => {
    const { record } = patch(drone(), { '*': { mode: 'setProp', prop: 'type.type', value: 'humanoid' } });
    expect(record['type']).toEqual({ type: 'humanoid', tags: ['drone'] });
    expect(record['action']).toEqual(drone()['action']);
  });
});

describe('"_": the whole record', () => {
  it('runs the record-level modes with no property', () => {
    expect(patch(drone(), { _: { mode: 'setProp', prop: 'isNpc', value: true } }).record['isNpc']).toBe(true);
    expect(patch(drone(), { _: { mode: 'appendArr', items: 'x' } }).warnings).toEqual(['its _mod appendArr on the whole record was not applied: mode appendArr needs a property; "_" names none']);
  });
});

describe('order, "remove", bad patches', () => {
  it('applies property keys first (in order), then "_", then "*" (_sortProps)', () => {
    const { record } = patch(drone(), {
      '*': { mode: 'replaceTxt', replace: 'Bite', with: 'Chomp' },
      _: { mode: 'setProp', prop: 'marker', value: 'set' },
      action: { mode: 'appendArr', items: { name: 'Bite', entries: ['Bite!'] } },
    });
    expect(record['action']).toEqual([
      { name: 'Sting', entries: ['The drone stings.'] },
      { name: 'Bite', entries: ['Chomp!'] },
    ]);
    expect(record['marker']).toBe('set');
  });

  it('a list of patches applies in order; "remove" deletes the property', () => {
    const { record } = patch(drone(), { trait: 'remove', action: [{ mode: 'appendArr', items: { name: 'A' } }, { mode: 'removeArr', names: 'Sting' }] });
    expect(record).not.toHaveProperty('trait');
    expect(record['action']).toEqual([{ name: 'A' }]);
  });

  it('an unknown mode or a patch without mode is a warning; the other patches still apply', () => {
    const { record, warnings } = patch(drone(), {
      trait: [{ mode: 'doSomethingNew', x: 1 }, { mode: 'appendArr', items: { name: 'B' } }],
      action: 42,
      entries: 'shuffle',
    });
    expect(warnings).toEqual([
      'its _mod uses mode "doSomethingNew" on "trait", which is unknown; left unapplied',
      'its _mod of "action" is not a patch (42); left unapplied',
      'its _mod of "entries" is not a patch ("shuffle"); left unapplied',
    ]);
    expect((record['trait'] as Raw[]).map((t) => t['name'])).toEqual(['Drone Mind', 'B']);
    expect(record['action']).toEqual(drone()['action']);
  });

  it('a mode name that is an Object.prototype key is unknown too', () => {
    expect(patch(drone(), { trait: { mode: 'toString' } }).warnings).toEqual(['its _mod uses mode "toString" on "trait", which is unknown; left unapplied']);
  });
});
