import { describe, expect, it } from 'vitest';
import { bookRuleSystem, DND_2014, DND_2024, editionRuleSystem } from './rule-system';
import { makeContext } from '../../../test/import-5etools';

describe('rule systems', () => {
  it.each([
    [{ id: 'PHB', published: '2014-08-19' }, DND_2014],
    [{ id: 'XPHB', published: '2024-09-17' }, DND_2024],
    [{ id: 'XMM' }, DND_2024],
    [{ id: 'XDMG' }, DND_2024],
    // Xanathar's Guide starts with X but is a 2017 book.
    [{ id: 'XGE', published: '2017-11-21' }, DND_2014],
    [{ id: 'QftIS', published: '2024-07-16' }, DND_2014],
    [{ id: 'FRHoF', published: '2025-11-11' }, DND_2024],
    [{ id: 'XPHB', edition: 'classic' }, DND_2014],
    [{ id: 'PHB', edition: 'one' }, DND_2024],
  ])('book %j → %s', (book, expected) => {
    expect(bookRuleSystem(book)).toBe(expected);
  });

  it('editions: classic → 2014, one → 2024, anything else → no opinion', () => {
    expect(editionRuleSystem('classic')).toBe(DND_2014);
    expect(editionRuleSystem('one')).toBe(DND_2024);
    expect(editionRuleSystem('two')).toBeUndefined();
    expect(editionRuleSystem(undefined)).toBeUndefined();
  });

  it("a record's edition wins over its book; otherwise the book decides", () => {
    const ctx = makeContext();
    expect(ctx.placement('spells', { name: 'A', source: 'PHB' })).toEqual({ sourceId: 'PHB', ruleSystemId: DND_2014 });
    expect(ctx.placement('spells', { name: 'A', source: 'XPHB' })).toEqual({ sourceId: 'XPHB', ruleSystemId: DND_2024 });
    expect(ctx.placement('spells', { name: 'A', source: 'PHB', edition: 'one' })).toEqual({ sourceId: 'PHB', ruleSystemId: DND_2024 });
    // Book codes are matched case-insensitively and stored as the book spells them.
    expect(ctx.placement('spells', { name: 'A', source: 'phb' })).toEqual({ sourceId: 'PHB', ruleSystemId: DND_2014 });
    expect(ctx.skipped).toEqual([]);
  });

  it('a record from a book that is not in the data is skipped with the reason', () => {
    const ctx = makeContext();
    expect(ctx.placement('spells', { name: 'Booming Blade', source: 'TCE' })).toBeUndefined();
    expect(ctx.placement('spells', { name: 'Nameless' })).toBeUndefined();
    expect(ctx.skipped).toEqual([
      { kind: 'spells', name: 'Booming Blade', source: 'TCE', reason: 'its source book TCE is not in the data (no book metadata for it)' },
      { kind: 'spells', name: 'Nameless', source: '(no source)', reason: 'the record names no source book' },
    ]);
  });
});
