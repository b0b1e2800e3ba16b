/** Spell list modes, each against the 5etools `DataUtil.generic.copyApplier` function named in the test. */
import { describe, expect, it } from 'vitest';
import type { Raw } from '../types';
import { patch } from '../../../../test/resolve-5etools';

const mage = (): Raw => ({
  name: 'Mage',
  spellcasting: [
    {
      name: 'Spellcasting',
      will: ['{@spell light}'],
      spells: { '0': { spells: ['{@spell mage hand}'] }, '1': { slots: 4, spells: ['{@spell shield}', '{@spell magic missile}'] } },
      daily: { '1e': ['{@spell fly}'] },
    },
    { name: 'Innate Spellcasting', daily: { '1': ['{@spell blink}'] } },
  ],
});

const first = (r: Raw) => (r['spellcasting'] as Raw[])[0] as Raw;

describe('addSpells (_doMod_addSpells)', () => {
  it('joins a level’s list and sorts it (case-insensitively), takes a new level whole, replaces slots, appends at-will and per-use lists', () => {
    const { record } = patch(mage(), {
      _: {
        mode: 'addSpells',
        spells: { '1': { slots: 5, spells: ['{@spell Alarm}'] }, '3': { slots: 2, spells: ['{@spell fireball}'] } },
        will: ['{@spell mending}'],
        daily: { '1e': ['{@spell haste}'], '2': ['{@spell sleep}'] },
      },
    });
    expect(first(record)).toEqual({
      name: 'Spellcasting',
      will: ['{@spell light}', '{@spell mending}'],
      spells: {
        '0': { spells: ['{@spell mage hand}'] },
        '1': { slots: 5, spells: ['{@spell Alarm}', '{@spell magic missile}', '{@spell shield}'] },
        '3': { slots: 2, spells: ['{@spell fireball}'] },
      },
      daily: { '1e': ['{@spell fly}', '{@spell haste}'], '2': ['{@spell sleep}'] },
    });
  });

  it('into the block named by name; no such block, or no spellcasting, is a warning', () => {
    const named = patch(mage(), { _: { mode: 'addSpells', name: 'Innate Spellcasting', daily: { '1': ['{@spell misty step}'] } } }).record;
    expect((named['spellcasting'] as Raw[])[1]).toEqual({ name: 'Innate Spellcasting', daily: { '1': ['{@spell blink}', '{@spell misty step}'] } });
    expect(patch(mage(), { _: { mode: 'addSpells', name: 'Nope', will: ['x'] } }).warnings).toEqual(['its _mod addSpells on the whole record was not applied: the creature has no spellcasting named "Nope"']);
    expect(patch({ name: 'Goblin' }, { _: { mode: 'addSpells', will: ['x'] } }).warnings).toEqual(['its _mod addSpells on the whole record was not applied: the creature has no spellcasting']);
  });
});

describe('replaceSpells (_doMod_replaceSpells)', () => {
  it('replaces by exact value in a level list and in daily lists, then sorts', () => {
    const { record, warnings } = patch(mage(), {
      _: {
        mode: 'replaceSpells',
        spells: { '1': [{ replace: '{@spell shield}', with: ['{@spell absorb elements}', '{@spell sleep}'] }] },
        daily: { '1e': [{ replace: '{@spell fly}', with: '{@spell blur}' }] },
      },
    });
    expect(warnings).toEqual([]);
    expect((first(record)['spells'] as Raw)['1']).toEqual({ slots: 4, spells: ['{@spell absorb elements}', '{@spell magic missile}', '{@spell sleep}'] });
    expect(first(record)['daily']).toEqual({ '1e': ['{@spell blur}'] });
  });

  it('a spell that is not there is a warning', () => {
    expect(patch(mage(), { _: { mode: 'replaceSpells', spells: { '1': [{ replace: '{@spell nope}', with: 'x' }] } } }).warnings).toEqual([
      'its _mod replaceSpells on the whole record was not applied: no spell "{@spell nope}" to replace (the others were replaced)',
    ]);
  });
});

describe('removeSpells (_doMod_removeSpells)', () => {
  it('removes from level lists and per-use lists', () => {
    const { record } = patch(mage(), { _: { mode: 'removeSpells', spells: { '1': ['{@spell shield}'] }, daily: { '1e': ['{@spell fly}'] } } });
    expect((first(record)['spells'] as Raw)['1']).toEqual({ slots: 4, spells: ['{@spell magic missile}'] });
    expect(first(record)['daily']).toEqual({ '1e': [] });
  });
});
