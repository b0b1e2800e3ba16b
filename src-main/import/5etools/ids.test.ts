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

  it('refuses names without letters or digits (typed IdError, not a bad id)', () => {
    expect(() => recordId('***', 'PHB')).toThrow(IdError);
    expect(() => recordId('Fireball', '')).toThrow(IdError);
    expect(() => childId({ name: 'Elf', source: 'PHB' }, '—', 'PHB')).toThrow(IdError);
  });

  it('every id it makes is valid and deterministic; different sources never collide', () => {
    const word = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /[A-Za-z0-9]/.test(s));
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
