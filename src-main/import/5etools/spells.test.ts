import { describe, expect, it } from 'vitest';
import { spellEntity } from '../../../src-shared/catalog/entities';
import { buildSpellClassLookup, mapSpells } from './spells';
import { expectValidRow, makeContext } from '../../../test/import-5etools';
import type { Raw } from './types';

const fireball: Raw = {
  name: 'Fireball',
  source: 'PHB',
  page: 241,
  srd: true,
  level: 3,
  school: 'V',
  time: [{ number: 1, unit: 'action' }],
  range: { type: 'point', distance: { type: 'feet', amount: 150 } },
  components: { v: true, s: true, m: 'a tiny ball of bat guano and sulfur' },
  duration: [{ type: 'instant' }],
  entries: ['A bright streak … {@damage 8d6} fire damage …'],
  entriesHigherLevel: [{ type: 'entries', name: 'At Higher Levels', entries: ['{@scaledamage 8d6|3-9|1d6}'] }],
  damageInflict: ['fire'],
  savingThrow: ['dexterity'],
};

/** Spells with each shape the columns take. */
const shapes: Raw[] = [
  fireball,
  {
    name: 'Counterspell',
    source: 'PHB',
    level: 3,
    school: 'A',
    time: [{ number: 1, unit: 'reaction', condition: 'which you take when you see a creature within 60 feet of you casting a spell' }],
    range: { type: 'point', distance: { type: 'feet', amount: 60 } },
    components: { s: true },
    duration: [{ type: 'instant' }],
    entries: ['…'],
  },
  {
    name: 'Raise Dead',
    source: 'PHB',
    level: 5,
    school: 'N',
    time: [{ number: 1, unit: 'hour' }],
    range: { type: 'point', distance: { type: 'touch' } },
    components: { v: true, s: true, m: { text: 'a diamond worth at least 500 gp, which the spell consumes', cost: 50000, consume: true } },
    duration: [{ type: 'instant' }],
    entries: ['…'],
  },
  {
    name: 'Detect Magic',
    source: 'PHB',
    level: 1,
    school: 'D',
    meta: { ritual: true },
    time: [{ number: 1, unit: 'action' }],
    range: { type: 'radius', distance: { type: 'feet', amount: 30 } },
    components: { v: true, s: true },
    duration: [{ type: 'timed', duration: { type: 'minute', amount: 10 }, concentration: true }],
    entries: ['…'],
  },
  {
    name: 'Glyph of Warding',
    source: 'PHB',
    level: 3,
    school: 'A',
    time: [{ number: 1, unit: 'hour' }],
    range: { type: 'special' },
    components: { v: true, s: true, m: { text: 'incense and powdered diamond worth at least 200 gp', cost: 20000, consume: true } },
    duration: [{ type: 'permanent', ends: ['dispel', 'trigger'] }],
    entries: ['…'],
  },
  {
    name: 'Cure Wounds',
    source: 'XPHB',
    level: 1,
    school: 'A',
    time: [{ number: 1, unit: 'action' }],
    range: { type: 'point', distance: { type: 'touch' } },
    components: { v: true, s: true },
    duration: [{ type: 'timed', duration: { type: 'hour', amount: 8, upTo: true } }],
    entries: ['…'],
  },
];

describe('spells', () => {
  it('maps every shape of casting time, range, components and duration to a valid row', () => {
    const ctx = makeContext();
    const { rows } = mapSpells(shapes, new Map(), ctx);
    expect(rows).toHaveLength(shapes.length);
    for (const row of rows) expectValidRow(spellEntity, row);
    expect(ctx.skipped).toEqual([]);
  });

  it('fireball: columns from their 5etools fields', () => {
    const lookup = buildSpellClassLookup([{ PHB: { Fireball: { class: [{ name: 'Sorcerer', source: 'PHB' }, { name: 'Wizard', source: 'PHB' }] } } }]);
    const [row] = mapSpells([fireball], lookup, makeContext()).rows;
    expect(row).toEqual({
      id: 'fireball-phb',
      name: 'Fireball',
      sourceId: 'PHB',
      ruleSystemId: 'dnd5e-2014',
      page: 241,
      entries: fireball['entries'],
      level: 3,
      school: 'V',
      castingTime: fireball['time'],
      range: fireball['range'],
      components: fireball['components'],
      duration: fireball['duration'],
      isRitual: false,
      isConcentration: false,
      savingThrow: ['dexterity'],
      damageType: ['fire'],
      upcastInfo: fireball['entriesHigherLevel'],
      classes: ['sorcerer', 'wizard'],
      reprintedAs: null,
      supersededBy: null,
    });
  });

  it('reprintedAs as written; supersededBy is the id the first reprint gets', () => {
    const ctx = makeContext();
    const [row] = mapSpells([{ ...fireball, reprintedAs: ['Fireball|XPHB', { uid: 'Fireball|XDMG', tag: 'spell' }] }], new Map(), ctx).rows;
    expect(row).toMatchObject({ reprintedAs: ['Fireball|XPHB', 'Fireball|XDMG'], supersededBy: 'fireball-xphb' });
    // A reprint into another kind (a subrace reprinted as a feat) is kept, but is no row of this table.
    const [other] = mapSpells([{ ...fireball, reprintedAs: [{ uid: 'Fireball|XPHB', tag: 'feat' }] }], new Map(), ctx).rows;
    expect(other).toMatchObject({ reprintedAs: ['Fireball|XPHB'], supersededBy: null });
  });

  it('ritual from meta.ritual, concentration from any duration entry', () => {
    const rows = mapSpells(shapes, new Map(), makeContext()).rows;
    const detect = rows.find((r) => r.name === 'Detect Magic');
    expect(detect).toMatchObject({ isRitual: true, isConcentration: true });
    expect(rows.find((r) => r.name === 'Raise Dead')).toMatchObject({ isRitual: false, isConcentration: false, upcastInfo: null, savingThrow: null });
    expect(rows.find((r) => r.name === 'Cure Wounds')).toMatchObject({ id: 'cure-wounds-xphb', ruleSystemId: 'dnd5e-2024' });
  });

  it("class lists include the classVariant entries of the spell's own book (XGE Catnap, both layouts), not another book's", () => {
    // spells/sources.json and generated/gendata-spell-source-lookup.json of 5etools v2.31.0, Catnap|XGE.
    const lookup = buildSpellClassLookup([
      {
        XGE: {
          Catnap: {
            classVariant: [
              { name: 'Bard', source: 'PHB', definedInSource: 'XGE' },
              { name: 'Sorcerer', source: 'PHB', definedInSource: 'XGE' },
              { name: 'Wizard', source: 'PHB', definedInSource: 'XGE' },
              { name: 'Artificer', source: 'TCE', definedInSource: 'XGE' },
            ],
          },
        },
      },
      { xge: { 'thunder step': { classVariant: { PHB: { Sorcerer: { definedInSources: ['XGE'] }, Wizard: { definedInSources: ['XGE'] } } } } } },
    ]);
    expect(lookup.get('catnap|xge')).toEqual(['bard', 'sorcerer', 'wizard', 'artificer']);
    expect(lookup.get('thunder step|xge')).toEqual(['sorcerer', 'wizard']);
  });

  it('class lists: lower-cased class names of `class`, not classVariant of another book, both lookup layouts, merged', () => {
    const lookup = buildSpellClassLookup([
      { PHB: { Aid: { class: [{ name: 'Cleric', source: 'PHB' }, { name: 'Artificer', source: 'TCE' }], classVariant: [{ name: 'Bard', source: 'PHB', definedInSource: 'TCE' }] } } },
      { phb: { aid: { class: { XPHB: { Cleric: true, Paladin: true } } } } },
    ]);
    expect(lookup.get('aid|phb')).toEqual(['cleric', 'artificer', 'paladin']);
    const aid: Raw = { ...shapes[1], name: 'Aid' };
    expect(mapSpells([aid], lookup, makeContext()).rows[0]?.classes).toEqual(['cleric', 'artificer', 'paladin']);
    // A spell the lookup does not list has no classes.
    expect(mapSpells([fireball], lookup, makeContext()).rows[0]?.classes).toEqual([]);
  });

  it('skips what cannot be mapped, with the reason', () => {
    const ctx = makeContext();
    const { rows } = mapSpells(
      [
        { ...fireball, name: 'Booming Blade', source: 'TCE' },
        { ...fireball, level: undefined, name: 'No Level' },
        { ...fireball, name: '' },
        { ...fireball, name: 'No Source', source: undefined },
      ],
      new Map(),
      ctx,
    );
    expect(rows).toEqual([]);
    expect(ctx.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['Booming Blade', 'its source book TCE is not in the data (no book metadata for it)'],
      ['No Level', 'the spell has no level'],
      ['(unnamed)', 'the spell has no name'],
      ['No Source', 'the record names no source book'],
    ]);
  });

  it('a name in any script gets an id: slug when ASCII spells it, else a stable hash of the text', () => {
    const ctx = makeContext();
    const rows = mapSpells([{ ...fireball, name: 'כדור אש' }, { ...fireball, name: 'Boule de feu é' }, { ...fireball, name: '???' }], new Map(), ctx).rows;
    expect(ctx.skipped).toEqual([]);
    expect(rows.map((r) => r.name)).toEqual(['כדור אש', 'Boule de feu é', '???']);
    expect(rows[0]?.id).toMatch(/^u-[0-9a-f]{10}-phb$/);
    expect(rows[1]?.id).toBe('boule-de-feu-e-phb');
    expect(rows[2]?.id).toMatch(/^u-[0-9a-f]{10}-phb$/);
    expect(rows[2]?.id).not.toBe(rows[0]?.id);
    // Stable: the same name and source always give the same id.
    expect(mapSpells([{ ...fireball, name: 'כדור אש' }], new Map(), makeContext()).rows[0]?.id).toBe(rows[0]?.id);
  });
});
