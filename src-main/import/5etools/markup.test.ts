import { describe, expect, it } from 'vitest';
import { entriesToText, stripTags } from './markup';

describe('markup', () => {
  it.each([
    ['takes {@damage 8d6} fire damage', 'takes 8d6 fire damage'],
    ['a {@dc 15} Dexterity saving throw', 'a DC 15 Dexterity saving throw'],
    ['{@atk mw} {@hit 14} to hit. {@h}19 damage', 'Melee Weapon Attack: +14 to hit. Hit: 19 damage'],
    ['Fire Breath {@recharge 5}', 'Fire Breath (Recharge 5–6)'],
    ['Bite {@recharge}', 'Bite (Recharge 6)'],
    ['cast {@spell fireball}', 'cast fireball'],
    ['a {@item longsword|phb|longswords}', 'a longswords'],
    ['a {@creature Adult Red Dragon||adult red dragon}', 'a adult red dragon'],
    ['{@filter martial weapon|items|type=martial weapon}', 'martial weapon'],
    ['{@scaledamage 8d6|3-9|1d6}', '1d6'],
    ['{@dice 5d4 × 10|5d4 × 10|Starting Gold}', '5d4 × 10'],
    ['{@chance 50}', '50 percent'],
    ['{@note See the {@spell wish} spell.}', 'See the wish spell.'],
    ['{@classFeature Rage|Barbarian||1}', 'Rage'],
    ['no markup at all', 'no markup at all'],
  ])('%s', (text, expected) => {
    expect(stripTags(text)).toBe(expected);
  });

  it('flattens entries: names, paragraphs, list items and tables, one per line', () => {
    const text = entriesToText([
      'You are {@condition blinded}.',
      { type: 'entries', name: 'Sub', entries: ['Deeper {@b bold}.'] },
      { type: 'list', items: ['one', { type: 'item', name: 'Two:', entry: 'second' }] },
      { type: 'table', colLabels: ['d6', 'Trait'], rows: [['1', 'Brave']] },
    ]);
    expect(text).toBe('You are blinded.\nSub\nDeeper bold.\none\nTwo: second\nd6 | Trait\n1 | Brave');
  });
});
