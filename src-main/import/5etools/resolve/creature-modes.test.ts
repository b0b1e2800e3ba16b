/** Creature modes, each against the 5etools `DataUtil.generic.copyApplier` function named in the test. */
import { describe, expect, it } from 'vitest';
import type { Raw } from '../types';
import { patch } from '../../../../test/resolve-5etools';

// CR 5 → proficiency bonus 3 (Parser.crToPb); wis 14 → +2, dex 16 → +3.
const scout = (): Raw => ({ name: 'Scout', cr: '5', size: ['M', 'L'], dex: 16, wis: 14, str: 8, senses: ['darkvision 60 ft.'], save: { dex: '+9' }, skill: { perception: '+1' } });

describe('addSenses (_doMod_addSenses)', () => {
  it('appends a new sense, raises a shorter one of the same type, never lowers one', () => {
    const { record } = patch(scout(), { _: { mode: 'addSenses', senses: [{ type: 'darkvision', range: 120 }, { type: 'blindsight', range: 10 }] } });
    expect(record['senses']).toEqual(['darkvision 120 ft.', 'blindsight 10 ft.']);
    expect(patch(scout(), { _: { mode: 'addSenses', senses: { type: 'darkvision', range: 30 } } }).record['senses']).toEqual(['darkvision 60 ft.']);
    expect(patch({ name: 'x' }, { _: { mode: 'addSenses', senses: { type: 'tremorsense', range: 30 } } }).record['senses']).toEqual(['tremorsense 30 ft.']);
  });
});

describe('addSkills / addSaves / addAllSaves / addAllSkills (_doMod_addSkills, _doMod_addSaves, _doMod_addAll*)', () => {
  it('computes proficiency (1) or expertise (2) from the CR and the ability, raising but never lowering', () => {
    const { record } = patch(scout(), { _: { mode: 'addSkills', skills: { perception: 2, stealth: 1, athletics: 1 } } });
    // perception 2×3+2 = +8 (raised from +1); stealth 3+3 = +6; athletics 3-1 = +2
    expect(record['skill']).toEqual({ perception: '+8', stealth: '+6', athletics: '+2' });
    const saves = patch(scout(), { _: { mode: 'addSaves', saves: { dex: 1, str: 1 } } }).record;
    expect(saves['save']).toEqual({ dex: '+9', str: '+2' }); // dex 3+3 = +6 < +9: kept
  });

  it('writes a negative bonus as "-1"', () => {
    expect(patch({ cr: '0', str: 4 }, { _: { mode: 'addSaves', saves: { str: 1 } } }).record['save']).toEqual({ str: '-1' });
  });

  it('all saves / all skills at once; an unknown skill is a warning', () => {
    const full = { ...scout(), con: 10, int: 10, cha: 10 };
    expect(patch(full, { _: { mode: 'addAllSaves', saves: 1 } }).record['save']).toEqual({ dex: '+9', str: '+2', con: '+3', int: '+3', wis: '+5', cha: '+3' });
    expect(Object.keys(patch(full, { _: { mode: 'addAllSkills', skills: 1 } }).record['skill'] as Raw)).toHaveLength(18);
    // A missing ability score gives no bonus (5etools would write NaN): a warning.
    expect(patch(scout(), { _: { mode: 'addSaves', saves: { cha: 1 } } }).warnings).toEqual(['its _mod addSaves on the whole record was not applied: cannot compute "cha" (the others were added)']);
    expect(patch(scout(), { _: { mode: 'addSkills', skills: { juggling: 1 } } }).warnings).toEqual(['its _mod addSkills on the whole record was not applied: cannot compute "juggling" (the others were added)']);
  });
});

describe('maxSize (_doMod_maxSize)', () => {
  it('drops sizes above the maximum, or sets it when none is left', () => {
    expect(patch(scout(), { _: { mode: 'maxSize', max: 'M' } }).record['size']).toEqual(['M']);
    expect(patch({ size: ['G'] }, { _: { mode: 'maxSize', max: 'L' } }).record['size']).toEqual(['L']);
    expect(patch({ size: ['X'] }, { _: { mode: 'maxSize', max: 'L' } }).warnings[0]).toMatch(/not one of T, S, M, L, H, G, V/);
  });
});

describe('scalarMultXp (_doMod_scalarMultXp)', () => {
  it('multiplies the own XP, else the CR table XP, keeping it in cr.xp', () => {
    expect(patch(scout(), { _: { mode: 'scalarMultXp', scalar: 0.5, floor: true } }).record['cr']).toEqual({ cr: '5', xp: 900 });
    expect(patch({ cr: { cr: '1/8', xp: 25 } }, { _: { mode: 'scalarMultXp', scalar: 0.5, floor: true } }).record['cr']).toEqual({ cr: '1/8', xp: 12 });
    expect(patch({ cr: { cr: '2', lair: '3' } }, { _: { mode: 'scalarMultXp', scalar: 2 } }).record['cr']).toEqual({ cr: '2', lair: '3', xp: 900 });
  });
});
