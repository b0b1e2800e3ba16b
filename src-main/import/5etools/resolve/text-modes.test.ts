/** The text modes, each against the 5etools `DataUtil.generic.copyApplier` function named in the test. */
import { describe, expect, it } from 'vitest';
import type { Raw } from '../types';
import { patch } from '../../../../test/resolve-5etools';
import { splitByTags } from './walk';

const drake = (): Raw => ({
  name: 'Fire Drake',
  source: 'MM',
  legendaryHeader: ['The drake can take 3 legendary actions.'],
  action: [
    {
      name: 'Fire Breath',
      entries: ['The drake exhales fire. {@dc 13} Dexterity, {@damage 4d6} fire damage; see {@spell fire bolt|phb|fire}.', { type: 'list', items: ['fire again'] }],
      headerEntries: ['fire header'],
      footerEntries: ['fire footer'],
      other: ['fire untouched'],
    },
    'a fire string',
  ],
});

describe('replaceTxt (_doMod_replaceTxt, _doReplaceStringHandler)', () => {
  it('replaces in the strings of the array and every string under entries/headerEntries/footerEntries, not the item name or other keys', () => {
    const { record } = patch(drake(), { action: { mode: 'replaceTxt', replace: 'fire', with: 'cold' } });
    const [breath, text] = record['action'] as [Raw, string];
    expect(breath['name']).toBe('Fire Breath');
    expect(breath['entries']).toEqual(['The drake exhales cold. {@dc 13} Dexterity, {@damage 4d6} cold damage; see {@spell fire bolt|phb|fire}.', { type: 'list', items: ['cold again'] }]);
    expect(breath['headerEntries']).toEqual(['cold header']);
    expect(breath['footerEntries']).toEqual(['cold footer']);
    expect(breath['other']).toEqual(['fire untouched']);
    expect(text).toBe('a cold string');
  });

  it('leaves {@tags} alone unless tagInsensitive; flags add to "g"; $1 works as in String.replace', () => {
    const inside = patch(drake(), { action: { mode: 'replaceTxt', replace: 'fire', with: 'cold', tagInsensitive: true } }).record;
    expect(((inside['action'] as Raw[])[0]!['entries'] as string[])[0]).toContain('{@spell cold bolt|phb|cold}');
    const flags = patch(drake(), { action: { mode: 'replaceTxt', replace: '^the (drake)', with: 'A big $1', flags: 'i' } }).record;
    expect(((flags['action'] as Raw[])[0]!['entries'] as string[])[0]).toMatch(/^A big drake exhales fire\./);
  });

  it('props limits the scope ([null] = only the strings of the array itself)', () => {
    const { record } = patch(drake(), { action: { mode: 'replaceTxt', replace: 'fire', with: 'ice', props: [null] } });
    expect((record['action'] as unknown[])[1]).toBe('a ice string');
    expect(((record['action'] as Raw[])[0]!['entries'] as string[])[0]).toContain('exhales fire');
    const onlyHeader = patch(drake(), { action: { mode: 'replaceTxt', replace: 'fire', with: 'ice', props: ['headerEntries'] } }).record;
    expect((onlyHeader['action'] as Raw[])[0]!['headerEntries']).toEqual(['ice header']);
    expect((onlyHeader['action'] as unknown[])[1]).toBe('a fire string');
  });

  it('an absent property is nothing to do; an invalid pattern is a warning', () => {
    expect(patch(drake(), { trait: { mode: 'replaceTxt', replace: 'x', with: 'y' } })).toEqual({ record: drake(), warnings: [] });
    expect(patch(drake(), { action: { mode: 'replaceTxt', replace: '(', with: 'y' } }).warnings[0]).toMatch(/^its _mod replaceTxt on "action" was not applied: its pattern is not a valid regular expression/);
  });
});

describe('splitByTags (Renderer.splitByTags)', () => {
  it('cuts text into plain runs and whole (nested) tags', () => {
    expect(splitByTags('a {@b c {@d e}} f {=g} {h}')).toEqual(['a ', '{@b c {@d e}}', ' f ', '{=g}', ' {h}']);
    expect(splitByTags('')).toEqual([]);
  });
});

describe('replaceName, appendStr, prefixSuffixStringProp', () => {
  it('replaceName (_doMod_replaceName) rewrites item names only', () => {
    const { record } = patch(drake(), { action: { mode: 'replaceName', replace: 'Fire', with: 'Frost' } });
    expect((record['action'] as Raw[])[0]!['name']).toBe('Frost Breath');
    expect(((record['action'] as Raw[])[0]!['entries'] as string[])[0]).toContain('exhales fire');
  });

  it('appendStr (_doMod_appendStr) joins with joiner, or sets', () => {
    expect(patch({ alias: 'A' }, { alias: { mode: 'appendStr', str: 'B', joiner: ', ' } }).record['alias']).toBe('A, B');
    expect(patch({}, { alias: { mode: 'appendStr', str: 'B' } }).record['alias']).toBe('B');
  });

  it('prefixSuffixStringProp (_doMod_prefixSuffixStringProp) wraps the string at key + prop; no string, no change', () => {
    const hp = { hp: { average: 22, formula: '4d8 + 4' } };
    expect(patch(hp, { hp: { mode: 'prefixSuffixStringProp', prop: 'formula', prefix: 'floor((', suffix: ') ÷ 2)' } }).record['hp']).toEqual({ average: 22, formula: 'floor((4d8 + 4) ÷ 2)' });
    expect(patch(hp, { hp: { mode: 'prefixSuffixStringProp', prop: 'average', prefix: '~' } }).record).toEqual(hp);
    expect(patch({ name: 'Goblin' }, { _: { mode: 'prefixSuffixStringProp', prop: 'name', suffix: ' Boss' } }).record['name']).toBe('Goblin Boss');
  });
});

describe('scalarAddHit / scalarAddDc (_doMod_scalarAddHit, _doMod_scalarAddDc)', () => {
  const attacker = (): Raw => ({ action: [{ name: 'Bite', entries: ['{@atk mw} {@hit 5} to hit, {@hit -1} again. {@dc 13|display} save, {@dc 9}.'] }] });

  it('shifts every {@hit N} under the property', () => {
    const { record } = patch(attacker(), { action: { mode: 'scalarAddHit', scalar: -2 } });
    expect(((record['action'] as Raw[])[0]!['entries'] as string[])[0]).toBe('{@atk mw} {@hit 3} to hit, {@hit -3} again. {@dc 13|display} save, {@dc 9}.');
  });

  it('shifts every {@dc N}, dropping its display text as 5etools does', () => {
    const { record } = patch(attacker(), { action: { mode: 'scalarAddDc', scalar: 2 } });
    expect(((record['action'] as Raw[])[0]!['entries'] as string[])[0]).toBe('{@atk mw} {@hit 5} to hit, {@hit -1} again. {@dc 15} save, {@dc 11}.');
  });

  it('a scalar that is not a number is a warning', () => {
    expect(patch(attacker(), { action: { mode: 'scalarAddHit', scalar: 'x' } }).warnings).toEqual(['its _mod scalarAddHit on "action" was not applied: its "scalar" is not a number']);
  });
});
