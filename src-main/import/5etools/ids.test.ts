import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entityIdSchema } from '../../../src-shared/catalog/define';
import { childId, IdError, recordId, slug } from './ids';

describe('slug', () => {
  it.each([
    ['Fireball', 'fireball'],
    ['+1 Weapon', 'plus-1-weapon'],
    ["Melf's Acid Arrow", 'melfs-acid-arrow'],
    ['Mordenkainen’s Sword', 'mordenkainens-sword'],
    ['Potion of Healing (*)', 'potion-of-healing'],
    ['Troll (Loathsome Limb; Severed Arm)', 'troll-loathsome-limb-severed-arm'],
    ['Ünïcödé  Naïve  Café', 'unicode-naive-cafe'],
    ['Half-Elf', 'half-elf'],
    ['TftYP-AtG', 'tftyp-atg'],
  ])('%s → %s', (text, expected) => {
    expect(slug(text)).toBe(expected);
  });
});

describe('ids', () => {
  it('records: name and source', () => {
    expect(recordId('Fireball', 'PHB')).toBe('fireball-phb');
    expect(recordId('Fireball', 'XPHB')).toBe('fireball-xphb');
    expect(recordId('Adult Red Dragon', 'MM')).toBe('adult-red-dragon-mm');
  });

  it('children: parent, child part and source; the parent source only when it differs', () => {
    expect(childId({ name: 'Fighter', source: 'PHB' }, 'Champion', 'PHB')).toBe('fighter-champion-phb');
    expect(childId({ name: 'Elf', source: 'PHB' }, 'High', 'PHB')).toBe('elf-high-phb');
    expect(childId({ name: 'Fighter', source: 'XPHB' }, 'Samurai', 'XGE')).toBe('fighter-xphb-samurai-xge');
    expect(childId({ name: 'Longsword', source: 'PHB' }, '+1', 'DMG')).toBe('longsword-phb-plus-1-dmg');
    expect(childId({ name: 'Chain Mail', source: 'PHB' }, 'of Acid Resistance', 'DMG')).toBe('chain-mail-phb-of-acid-resistance-dmg');
  });

  it('refuses empty names and sources (typed IdError, not a bad id)', () => {
    expect(() => recordId('', 'PHB')).toThrow(IdError);
    expect(() => recordId('   ', 'PHB')).toThrow(IdError);
    expect(() => recordId('Fireball', '')).toThrow(IdError);
    expect(() => childId({ name: 'Elf', source: 'PHB' }, '', 'PHB')).toThrow(IdError);
  });

  it('names ASCII cannot spell get a stable hash; over-long names are cut and hashed', () => {
    expect(recordId('***', 'PHB')).toMatch(/^u-[0-9a-f]{10}-phb$/);
    expect(recordId('כדור אש', 'PHB')).toMatch(/^u-[0-9a-f]{10}-phb$/);
    expect(recordId('כדור אש', 'PHB')).not.toBe(recordId('***', 'PHB'));
    expect(childId({ name: 'Elf', source: 'PHB' }, '—', 'PHB')).toMatch(/^elf-u-[0-9a-f]{10}-phb$/);
    const long = recordId('Very '.repeat(200), 'PHB');
    expect(long.length).toBeLessThan(120);
    expect(entityIdSchema.safeParse(long).success).toBe(true);
    expect(recordId('Very '.repeat(201), 'PHB')).not.toBe(long);
  });

  it('every id it makes is valid and deterministic; different sources never collide', () => {
    const word = fc.string({ minLength: 1, maxLength: 300 }).filter((s) => s.trim() !== '');
    const source = fc.stringMatching(/^[A-Z][A-Za-z0-9]{1,8}$/);
    fc.assert(
      fc.property(word, source, source, (name, a, b) => {
        const id = recordId(name, a);
        expect(entityIdSchema.safeParse(id).success).toBe(true);
        expect(recordId(name, a)).toBe(id);
        if (a.toLowerCase() !== b.toLowerCase()) expect(recordId(name, b)).not.toBe(id);
      }),
    );
  });
});
