import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entriesToText, markupReferences, markupToText, parseMarkup, referencesIn, splitParts } from './index';

describe('parseMarkup', () => {
  it('gives text and tag nodes with the tag name, its text, its parts and their nested children', () => {
    const nodes = parseMarkup('cast {@spell fireball|XPHB} or {@note see {@item wand of fireballs|DMG|the wand}}.');
    expect(nodes.map((n) => n.type)).toEqual(['text', 'tag', 'text', 'tag', 'text']);
    const spell = nodes[1];
    expect(spell).toMatchObject({ type: 'tag', tag: 'spell', text: 'fireball|XPHB', parts: ['fireball', 'XPHB'], closed: true });
    const note = nodes[3];
    if (note?.type !== 'tag') throw new Error('expected a tag');
    expect(note.parts).toEqual(['see {@item wand of fireballs|DMG|the wand}']);
    const nested = note.children[0]?.[1];
    expect(nested).toMatchObject({ type: 'tag', tag: 'item', parts: ['wand of fireballs', 'DMG', 'the wand'] });
  });

  it('keeps a | inside a nested tag or written \\| in its argument', () => {
    expect(splitParts('a {@b x|y}|b')).toEqual(['a {@b x|y}', 'b']);
    expect(splitParts('one\\|two|three')).toEqual(['one|two', 'three']);
  });

  it('never throws on unbalanced braces, empty tags, stray } and deep nesting', () => {
    expect(markupToText('{@spell fireball')).toBe('fireball');
    expect(markupToText('a } b { c')).toBe('a } b { c');
    expect(markupToText('{@} and {@ spaced}')).toBe('{@} and {@ spaced}');
    expect(markupToText('{@b {@i nested')).toBe('nested');
    const deep = '{@b '.repeat(200) + 'core' + '}'.repeat(200);
    expect(markupToText(deep)).toContain('core');
    expect(parseMarkup('')).toEqual([]);
  });

  it('any string: parsing and rendering never throw, and text without braces is unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '@', '|', ' ', 'a', '=', '\\', 'spell', 'b') }), (text) => {
        parseMarkup(text);
        markupToText(text);
        markupReferences(text);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string().filter((s) => !s.includes('{')), (text) => markupToText(text) === text),
      { numRuns: 200 },
    );
  });
});

describe('markupToText (display text a reader sees)', () => {
  it.each([
    ['{@spell fireball|XPHB}', 'fireball'],
    ['takes {@damage 8d6} fire damage', 'takes 8d6 fire damage'],
    ['a {@dc 15} Dexterity saving throw', 'a DC 15 Dexterity saving throw'],
    ['{@atk mw} {@hit 5} to hit. {@h}7 damage', 'Melee Weapon Attack: +5 to hit. Hit: 7 damage'],
    ['{@atk mw,rw}', 'Melee or Ranged Weapon Attack:'],
    ['{@atkr m}', 'Melee Attack Roll:'],
    ['{@hit -1}', '-1'],
    ['Fire Breath {@recharge 5}', 'Fire Breath (Recharge 5–6)'],
    ['Bite {@recharge}', 'Bite (Recharge 6)'],
    ['a {@item longsword|phb|longswords}', 'a longswords'],
    ['a {@creature Adult Red Dragon||adult red dragon}', 'a adult red dragon'],
    ['{@filter martial weapon|items|type=martial weapon}', 'martial weapon'],
    ['{@scaledamage 8d6|3-9|1d6}', '1d6'],
    ['{@dice 5d4 × 10|5d4 × 10|Starting Gold}', '5d4 × 10'],
    ['{@dice 1d4;1d6}', '1d4/1d6'],
    ['{@chance 50}', '50 percent'],
    ['{@note See the {@spell wish} spell.}', 'See the wish spell.'],
    ['{@b {@spell fireball|PHB|Fire {@i ball}}}', 'Fire ball'],
    ['{@classFeature Rage|Barbarian||1}', 'Rage'],
    ['{@subclass Champion|Fighter|PHB|PHB|champions}', 'champions'],
    ['{@actSave dex}', 'Dexterity Saving Throw:'],
    ['{@actSaveFail} {@actSaveSuccess}', 'Failure: Success:'],
    ['{@actSaveFail 2}', 'Second Failure:'],
    ['{@dc 15|fifteen}', 'DC fifteen'],
    ['{@variantrule Hit Points|XPHB}', 'Hit Points'],
    ['{@ability str 18}', '18 (+4)'],
    ['{@area A1|123|x}', 'A1'],
    ['{@unknownTag first|second}', 'first'],
    ['{=amount} gold', 'amount gold'],
    ['no markup at all', 'no markup at all'],
  ])('%s', (text, expected) => {
    expect(markupToText(text)).toBe(expected);
  });
});

describe('entriesToText', () => {
  it('flattens entries: names, paragraphs, list items and tables, one per line', () => {
    const text = entriesToText([
      'You are {@condition blinded}.',
      { type: 'entries', name: 'Sub', entries: ['Deeper {@b bold}.'] },
      { type: 'list', items: ['one', { type: 'item', name: 'Two:', entry: 'second' }] },
      { type: 'table', caption: 'Traits', colLabels: ['d6', 'Trait'], rows: [['1', 'Brave'], [{ type: 'cell', entry: '2' }, 'Bold']] },
      { type: 'quote', entries: ['Wise words.'], by: 'Elminster' },
    ]);
    expect(text).toBe('You are blinded.\nSub\nDeeper bold.\none\nTwo: second\nTraits\nd6 | Trait\n1 | Brave\n2 | Bold\nWise words.\n— Elminster');
  });

  it('lists the spells of a spellcasting block', () => {
    const text = entriesToText([
      {
        type: 'spellcasting',
        name: 'Spellcasting',
        headerEntries: ['The mage casts:'],
        will: ['{@spell light}'],
        daily: { '1e': ['{@spell fireball}', '{@spell fly}'] },
        spells: { '0': { spells: ['{@spell mage hand}'] }, '3': { slots: 2, spells: ['{@spell counterspell}'] } },
      },
    ]);
    expect(text).toBe('Spellcasting\nThe mage casts:\nAt will: light\n1/day each: fireball, fly\nCantrips: mage hand\nLevel 3: counterspell');
  });

  it('ignores what is not text and never throws on odd shapes', () => {
    expect(entriesToText(null)).toBe('');
    expect(entriesToText({ type: 'image', href: { path: 'x.png' } })).toBe('');
    expect(entriesToText([{ type: 'table', rows: 'not rows' }, 42])).toBe('42');
    const cyclicDepth: unknown[] = [];
    let cursor = cyclicDepth;
    for (let i = 0; i < 500; i++) {
      const next: unknown[] = [];
      cursor.push(next);
      cursor = next;
    }
    cursor.push('bottom');
    expect(() => entriesToText(cyclicDepth)).not.toThrow();
  });
});

describe('markupReferences', () => {
  it('lists entity references with kind, name, source (or the default source) and display text', () => {
    const refs = markupReferences(
      'The {@creature goblin} casts {@spell Fireball|XPHB} and is {@condition frightened}; {@b see {@item longsword||a sword}}; {@damage 1d6}.',
    );
    expect(refs).toEqual([
      { tag: 'creature', catalogKind: 'creatures', name: 'goblin', effectiveSource: 'MM', display: 'goblin', raw: '{@creature goblin}' },
      { tag: 'spell', catalogKind: 'spells', name: 'Fireball', source: 'XPHB', effectiveSource: 'XPHB', display: 'Fireball', raw: '{@spell Fireball|XPHB}' },
      { tag: 'condition', catalogKind: 'rules_terms', termType: 'condition', name: 'frightened', effectiveSource: 'PHB', display: 'frightened', raw: '{@condition frightened}' },
      { tag: 'item', catalogKind: 'items', name: 'longsword', effectiveSource: 'DMG', display: 'a sword', raw: '{@item longsword||a sword}' },
    ]);
  });

  it('reads subclass references (name, class, class source, source)', () => {
    expect(markupReferences('{@subclass Champion|Fighter||PHB}')[0]).toMatchObject({
      tag: 'subclass',
      catalogKind: 'classes',
      name: 'Champion',
      className: 'Fighter',
      classSource: 'PHB',
      source: 'PHB',
    });
  });

  it('finds references anywhere in a JSON value, spell lists included', () => {
    const refs = referencesIn({ spells: { '3': { spells: ['{@spell fireball}'] } }, will: ['{@spell light|XPHB}'], name: 'x' });
    expect(refs.map((r) => `${r.name}|${r.effectiveSource}`)).toEqual(['fireball|PHB', 'light|XPHB']);
  });

  it('skips tags without a name', () => {
    expect(markupReferences('{@spell } {@spell |PHB}')).toEqual([]);
  });
});

describe('rules-term tags', () => {
  it('name a rules term of their type, from 5etools\u2019 default source (PHB; DMG for diseases and variant rules)', () => {
    const refs = markupReferences(
      '{@condition Blinded} {@status surprised} {@disease sewer plague} {@variantrule Disadvantage|XPHB} {@variantrule encumbrance} {@action grapple||grappling} {@sense darkvision} {@skill Sleight of Hand}',
    );
    expect(refs.map((r) => [r.catalogKind, r.termType, r.name, r.effectiveSource, r.display])).toEqual([
      ['rules_terms', 'condition', 'Blinded', 'PHB', 'Blinded'],
      ['rules_terms', 'status', 'surprised', 'PHB', 'surprised'],
      ['rules_terms', 'disease', 'sewer plague', 'DMG', 'sewer plague'],
      ['rules_terms', 'variant-rule', 'Disadvantage', 'XPHB', 'Disadvantage'],
      ['rules_terms', 'variant-rule', 'encumbrance', 'DMG', 'encumbrance'],
      ['rules_terms', 'action', 'grapple', 'PHB', 'grappling'],
      ['rules_terms', 'sense', 'darkvision', 'PHB', 'darkvision'],
      ['rules_terms', 'skill', 'Sleight of Hand', 'PHB', 'Sleight of Hand'],
    ]);
  });
});
