import { describe, expect, it } from 'vitest';
import { sourceEntity } from '../../../src-shared/catalog/entities';
import { isoDate, mapSources, tallySrd } from './sources';
import { BOOKS, expectValidRow, makeContext } from '../../../test/import-5etools';

describe('sources', () => {
  it('one row per book; is_srd when every record of the book is marked srd', () => {
    const tally = tallySrd(
      [
        { name: 'Fireball', source: 'PHB', srd: true },
        { name: 'Wish', source: 'PHB', srd: 'Wish' },
        { name: 'Goblin', source: 'MM', srd: true },
        { name: 'Beholder', source: 'MM' },
        { name: 'Cure Wounds', source: 'XPHB', srd52: true },
      ],
      // magic variants carry their source and flags in `inherits`
      [{ name: '+1 Weapon', inherits: { source: 'DMG', srd: true } }],
    );
    const ctx = makeContext();
    const books = [...BOOKS.map((record) => ({ record, kind: 'book' as const })), { record: { id: 'CoS', name: 'Curse of Strahd', published: '2016-03-15', group: 'supplement-alt' }, kind: 'adventure' as const }];
    const rows = mapSources(books, tally, ctx);
    for (const row of rows) expectValidRow(sourceEntity, row);
    expect(rows.map((r) => [r.id, r.ruleSystemId, r.isSrd])).toEqual([
      ['PHB', 'dnd5e-2014', true],
      ['MM', 'dnd5e-2014', false],
      ['DMG', 'dnd5e-2014', true],
      ['XGE', 'dnd5e-2014', false],
      ['XPHB', 'dnd5e-2024', true],
      ['XDMG', 'dnd5e-2024', false],
      ['CoS', 'dnd5e-2014', false],
    ]);
    expect(rows[0]).toMatchObject({ fullName: "Player's Handbook (2014)", abbreviation: 'PHB', publishedDate: '2014-08-19', isOfficial: true, metadata: { kind: 'book', group: 'core' } });
    expect(rows[6]?.metadata).toMatchObject({ kind: 'adventure' });
  });

  it('partnered books are not official; invalid dates are dropped; a book listed twice is skipped', () => {
    const ctx = makeContext([{ id: 'TDCSR', name: "Tal'Dorei Campaign Setting Reborn", group: 'partnered', published: '2022-01-18' }, { id: 'BAD', name: 'Bad Date', published: '2022-02-30' }, { id: 'BAD', name: 'Bad Date again' }]);
    const rows = mapSources(
      [{ id: 'TDCSR', name: "Tal'Dorei Campaign Setting Reborn", group: 'partnered', published: '2022-01-18' }, { id: 'BAD', name: 'Bad Date', published: '2022-02-30' }, { id: 'BAD', name: 'Bad Date again' }].map((record) => ({ record, kind: 'book' as const })),
      new Map(),
      ctx,
    );
    expect(rows.map((r) => [r.id, r.isOfficial, r.publishedDate])).toEqual([
      ['TDCSR', false, '2022-01-18'],
      ['BAD', true, null],
    ]);
    expect(ctx.skipped).toEqual([{ kind: 'sources', name: 'Bad Date again', source: '(no source)', reason: 'book BAD is listed twice; the first listing is imported' }]);
    expect(isoDate('2014-08-19')).toBe('2014-08-19');
    expect(isoDate('2014-13-01')).toBeNull();
    expect(isoDate(20140819)).toBeNull();
  });
});
