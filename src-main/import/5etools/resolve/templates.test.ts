/**
 * Creature templates (`_copy._templates`), against 5etools `copyApplier.getCopy` ("fetch and apply
 * any external template", "apply any root template properties") and `variableResolver`.
 */
import { describe, expect, it } from 'vitest';
import type { Raw } from '../types';
import { evaluateArithmetic } from './arithmetic';
import { resolveDataSet } from './index';
import { collectingReporter } from '../../../../test/resolve-5etools';
import { resolveVariables } from './variables';

// Real templates (5etools v2.31.0 bestiary/template.json): "Hill Dwarf" copies "Mountain Dwarf"
// and changes its root type with setProp on "_".
const mountainDwarf: Raw = {
  name: 'Mountain Dwarf', alias: ['Shield Dwarf'], source: 'PHB', page: 18, ref: '{@race Dwarf (Mountain)||Mountain Dwarf}',
  apply: {
    _root: { size: ['M'], type: { type: 'humanoid', tags: [{ tag: 'dwarf', prefix: 'Mountain', prefixHidden: true }] }, speed: { walk: 25 } },
    _mod: {
      _: { mode: 'addSenses', senses: { type: 'darkvision', range: 60 } },
      resist: { mode: 'appendIfNotExistsArr', items: 'poison' },
      languages: { mode: 'appendIfNotExistsArr', items: 'Dwarvish' },
      trait: { mode: 'appendArr', items: [{ name: 'Dwarven Resilience', entries: ['<$title_short_name$> has advantage on saving throws against poison, and has resistance against poison damage.'] }] },
    },
  },
};
const hillDwarf: Raw = {
  name: 'Hill Dwarf', source: 'PHB',
  _copy: { name: 'Mountain Dwarf', source: 'PHB', _mod: { _: { mode: 'setProp', prop: 'apply._root.type', value: { type: 'humanoid', tags: [{ tag: 'dwarf', prefix: 'Hill', prefixHidden: true }] } } }, _preserve: { page: true } },
};

const veteran: Raw = {
  name: 'Veteran', source: 'MM', size: ['M'], type: 'humanoid', speed: { walk: 30 }, cr: '3', str: 16, dex: 13, languages: ['Common'], senses: ['darkvision 30 ft.'],
  trait: [{ name: 'Tough', entries: ['The veteran is tough.'] }],
  action: [{ name: 'Longsword', entries: ['{@hit 5} to hit'] }],
};

describe('templates', () => {
  it('a template copied from another, then applied: _root over the target’s values, template mods after the copy’s own, variables filled', () => {
    const npc: Raw = {
      name: 'Dorn', source: 'XYZ', isNamedCreature: true, speed: { walk: 35 },
      _copy: { name: 'Veteran', source: 'MM', _templates: [{ name: 'hill dwarf ', source: 'PHB' }], _mod: { trait: { mode: 'appendArr', items: { name: 'Own Trait' } } } },
    };
    const { reporter, skipped, warnings } = collectingReporter();
    const out = resolveDataSet({ monster: [veteran, npc], monsterTemplate: [mountainDwarf, hillDwarf] }, reporter);
    expect({ skipped, warnings }).toEqual({ skipped: [], warnings: [] });
    expect(out['monsterTemplate']?.[1]).toMatchObject({ name: 'Hill Dwarf', page: 18, apply: { _root: { type: { tags: [{ prefix: 'Hill' }] } } } });
    const dorn = out['monster']?.[1] as Raw;
    expect(dorn).toEqual({
      name: 'Dorn', source: 'XYZ', isNamedCreature: true,
      speed: { walk: 35 }, // own property: the template root does not override it
      size: ['M'], type: { type: 'humanoid', tags: [{ tag: 'dwarf', prefix: 'Hill', prefixHidden: true }] }, // root over the copied "humanoid"
      cr: '3', str: 16, dex: 13,
      languages: ['Common', 'Dwarvish'], resist: ['poison'], senses: ['darkvision 60 ft.'],
      trait: [
        { name: 'Tough', entries: ['The veteran is tough.'] },
        { name: 'Own Trait' },
        // "<$title_short_name$>" of a named creature: its first name
        { name: 'Dwarven Resilience', entries: ['Dorn has advantage on saving throws against poison, and has resistance against poison damage.'] },
      ],
      action: veteran['action'],
    });
    // The template record is shared by every creature: it is never changed.
    expect(mountainDwarf['apply']).toMatchObject({ _mod: { trait: { items: [{ entries: [expect.stringContaining('<$title_short_name$>')] }] } } });
  });

  it('a template that is not in the data is a warning; the copy is built without it', () => {
    const npc: Raw = { name: 'X', source: 'XYZ', _copy: { name: 'Veteran', source: 'MM', _templates: [{ name: 'Nope', source: 'PHB' }] } };
    const { reporter, skipped, warnings } = collectingReporter();
    const out = resolveDataSet({ monster: [veteran, npc] }, reporter);
    expect(skipped).toEqual([]);
    expect(warnings).toEqual([{ collection: 'monster', name: 'X', source: 'XYZ', message: 'its template Nope|PHB is not in the data; built without it' }]);
    expect(out['monster']?.[1]).toMatchObject({ name: 'X', cr: '3', trait: veteran['trait'] });
  });
});

describe('<$variables$> (variableResolver)', () => {
  const ogre: Raw = { name: 'Ogre', cr: '5', size: ['L'], str: 19, dex: 8, int: 5, shortName: 'brute' };
  it('fills name, short names, DCs, to-hit, damage modifiers and averages from the record', () => {
    expect(
      resolveVariables(
        ['<$name$>|<$short_name$>|<$title_short_name$>', 'DC <$dc__str$>, <$spell_dc__int$>', '<$to_hit__str$> / <$to_hit__int$>', '1d8<$damage_mod__str$>, 1d8<$damage_mod__dex$>', '<$damage_avg__(size_mult*4.5)+str$> <$size_mult__2$> <$size_mult$>', '<$unknown__x$>'],
        ogre,
      ),
    ).toEqual([
      'Ogre|the brute|The brute',
      'DC 15, 8', // 8 + 4 + 3, 8 - 3 + 3 (PB 3 at CR 5)
      '+7 / +0',
      '1d8 + 4, 1d8 - 1',
      '13 4 2', // floor(2 * 4.5 + 4); size_mult of Large is 2
      '<$unknown__x$>',
    ]);
    // An absent ability score cannot be filled (5etools would print "NaN").
    expect(() => resolveVariables('1d8<$damage_mod__cha$>', ogre)).toThrow('the record has no cha score');
  });

  it('arithmetic without eval: precedence, unary signs, garbage refused', () => {
    expect(evaluateArithmetic('2 * 4.5 + 4')).toBe(13);
    expect(evaluateArithmetic('-1 + -2 * 3')).toBe(-7);
    expect(evaluateArithmetic('10 / 4')).toBe(2.5);
    expect(() => evaluateArithmetic('2 +')).toThrow(/not arithmetic/);
    // Like 5etools' getCleanMathExpression, everything but digits and operators is dropped first.
    expect(evaluateArithmetic('alert(1)')).toBe(1);
  });
});
