/** Property modes, each against the 5etools `DataUtil.generic.copyApplier` function named in the test. */
import { describe, expect, it } from 'vitest';
import type { Raw } from '../types';
import { patch } from '../../../../test/resolve-5etools';

const creature = (): Raw => ({ name: 'Orc', cr: '1/2', str: 16, dex: 12, hp: { average: 15, formula: '2d8 + 6' }, save: { str: '+5', con: 3 }, skill: { intimidation: '+2' } });

describe('setProp (_doMod_setProp)', () => {
  it('sets key + prop (dotted), creating objects on the way; "_" sets from the root', () => {
    expect(patch(creature(), { hp: { mode: 'setProp', prop: 'special', value: 'varies' } }).record['hp']).toEqual({ average: 15, formula: '2d8 + 6', special: 'varies' });
    expect(patch(creature(), { _: { mode: 'setProp', prop: 'type.tags', value: ['orc'] } }).record['type']).toEqual({ tags: ['orc'] });
  });

  it('a value of null removes the property from the record (5etools data uses it to drop a property)', () => {
    const { record } = patch(creature(), { _: [{ mode: 'setProp', prop: 'skill', value: null }] });
    expect(record['skill']).toBeNull(); // applyMods sets it; buildCopy removes root nulls (copy.test.ts)
  });

  it('refuses a path into the prototype', () => {
    const { record, warnings } = patch(creature(), { _: { mode: 'setProp', prop: '__proto__.polluted', value: 1 } });
    expect(warnings[0]).toMatch(/reserved key "__proto__"/);
    expect(({} as Raw)['polluted']).toBeUndefined();
    expect(record).toEqual(creature());
  });
});

describe('scalarAddProp / scalarMultProp (_doMod_scalarAddProp, _doMod_scalarMultProp)', () => {
  it('adds to one prop or every prop ("*") of the object at the key; bonus strings keep their sign', () => {
    expect(patch(creature(), { save: { mode: 'scalarAddProp', prop: '*', scalar: -2 } }).record['save']).toEqual({ str: '+3', con: 1 });
    expect(patch(creature(), { skill: { mode: 'scalarAddProp', prop: 'intimidation', scalar: -4 } }).record['skill']).toEqual({ intimidation: '-2' });
    expect(patch(creature(), { _: { mode: 'scalarAddProp', prop: 'str', scalar: 2 } }).record['str']).toBe(18);
  });

  it('multiplies, rounding down only with floor', () => {
    expect(patch(creature(), { hp: { mode: 'scalarMultProp', prop: 'average', scalar: 0.5, floor: true } }).record['hp']).toMatchObject({ average: 7 });
    expect(patch(creature(), { hp: { mode: 'scalarMultProp', prop: 'average', scalar: 0.5 } }).record['hp']).toMatchObject({ average: 7.5 });
  });

  it('an absent object or prop is left alone; a prop that is no number is a warning', () => {
    expect(patch(creature(), { resist: { mode: 'scalarAddProp', prop: '*', scalar: 1 } })).toEqual({ record: creature(), warnings: [] });
    expect(patch(creature(), { hp: { mode: 'scalarAddProp', prop: 'missing', scalar: 1 } }).record).toEqual(creature());
    expect(patch(creature(), { hp: { mode: 'scalarAddProp', prop: 'formula', scalar: 1 } }).warnings).toEqual(['its _mod scalarAddProp on "hp" was not applied: "formula" is not a number']);
  });
});

describe('calculateProp (_doMod_calculateProp)', () => {
  it('evaluates the formula with <$prof_bonus$> (from the CR) and <$dex_mod$>', () => {
    expect(patch(creature(), { hp: { mode: 'calculateProp', prop: 'bonus', formula: '<$prof_bonus$> + <$dex_mod$> * 2' } }).record['hp']).toMatchObject({ bonus: 4 });
    expect(patch(creature(), { hp: { mode: 'calculateProp', prop: 'bonus', formula: '<$wis_mod$>' } }).warnings[0]).toMatch(/unknown variable "wis_mod"/);
  });
});
