/**
 * URL parameters → list input: what each facet sends, what is dropped, and that every input the
 * browser builds passes the API's own list schema (so a facet can never send a filter or value
 * the API refuses).
 */
import { describe, expect, it } from 'vitest';
import { listInputSchema } from '../../../src-shared/catalog/define';
import { catalogEntities } from '../../../src-shared/catalog/entities';
import { BROWSE_KINDS, type BrowseKind } from '../app/route';
import { KINDS, type Facet } from '../kinds/kinds';
import { filterParams, listQuery, splitValues, withParam } from './query';

describe('listQuery', () => {
  it('without parameters: hides superseded printings (every kind with editions), no sort', () => {
    expect(listQuery('spells', {})).toEqual({ filter: { isReprinted: false } });
    expect(listQuery('sources', {})).toEqual({ filter: {} });
  });

  it('q is a trimmed, case-kept substring search; printings=all shows every printing', () => {
    expect(listQuery('spells', { q: '  fire ' }).filter).toEqual({ nameContains: 'fire', isReprinted: false });
    expect(listQuery('spells', { q: '   ' }).filter).toEqual({ isReprinted: false });
    expect(listQuery('spells', { q: 'x'.repeat(300) }).filter).toMatchObject({ nameContains: 'x'.repeat(200) });
    expect(listQuery('creatures', { printings: 'all' }).filter).toEqual({});
    expect(listQuery('creatures', { printings: 'some' }).filter).toEqual({ isReprinted: false });
  });

  it('multi facets: one value or a list; unknown values and duplicates dropped; numbers for levels', () => {
    expect(listQuery('spells', { level: '3' }).filter).toMatchObject({ level: 3 });
    expect(listQuery('spells', { level: '0,3,3' }).filter).toMatchObject({ level: [0, 3] });
    expect(listQuery('spells', { level: 'x,10,-1' }).filter).not.toHaveProperty('level');
    expect(listQuery('spells', { school: 'V,Q' }).filter).toMatchObject({ school: 'V' });
    expect(listQuery('items', { rarity: 'very rare,rare' }).filter).toMatchObject({ rarity: ['very rare', 'rare'] });
    expect(listQuery('items', { src: 'PHB,XPHB' }).filter).toMatchObject({ sourceId: ['PHB', 'XPHB'] });
  });

  it('yes/no facets take 1 or 0 only; single and range facets their options', () => {
    expect(listQuery('spells', { ritual: '1', conc: '0' }).filter).toMatchObject({ isRitual: true, isConcentration: false });
    expect(listQuery('spells', { ritual: 'yes' }).filter).not.toHaveProperty('isRitual');
    expect(listQuery('spells', { class: 'wizard' }).filter).toMatchObject({ class: 'wizard' });
    expect(listQuery('creatures', { crmin: '1/4', crmax: '5' }).filter).toMatchObject({ crMin: '1/4', crMax: '5' });
    expect(listQuery('creatures', { crmin: '31', crmax: '1/3' }).filter).toEqual({ isReprinted: false });
    expect(listQuery('creatures', { env: 'forest', legendary: '1' }).filter).toMatchObject({ environment: 'forest', isLegendary: true });
    expect(listQuery('creatures', { env: 'moon' }).filter).not.toHaveProperty('environment');
  });

  it('sort: a column sort key, ascending unless dir=desc; anything else is the default order', () => {
    expect(listQuery('spells', { sort: 'level' }).sort).toEqual({ by: 'level', direction: 'asc' });
    expect(listQuery('creatures', { sort: 'crValue', dir: 'desc' }).sort).toEqual({ by: 'crValue', direction: 'desc' });
    expect(listQuery('spells', { sort: 'classes' }).sort).toBeUndefined();
    expect(listQuery('spells', { sort: 'createdAt' }).sort).toBeUndefined();
  });

  it.each(BROWSE_KINDS)('%s: every facet at once builds an input the API accepts', (kind: BrowseKind) => {
    const params: Record<string, string> = { q: 'a', sort: KINDS[kind].columns.find((c) => c.sort)?.sort ?? '', dir: 'desc' };
    for (const facet of KINDS[kind].facets as readonly Facet<BrowseKind>[]) {
      if (facet.type === 'bool') params[facet.param] = '1';
      else if (facet.type === 'range') {
        params[facet.min.param] = facet.options[1]?.value ?? '';
        params[facet.max.param] = facet.options[5]?.value ?? '';
      } else params[facet.param] = typeof facet.options === 'string' ? 'some-id' : (facet.options[0]?.value ?? '');
    }
    const query = listQuery(kind, params);
    // Every facet made it into the filter (none was dropped as invalid).
    const expected = (KINDS[kind].facets as readonly Facet<BrowseKind>[]).flatMap((f) => (f.type === 'range' ? [f.min.filter, f.max.filter] : [f.filter]));
    expect(Object.keys(query.filter)).toEqual(expect.arrayContaining(expected));
    const parsed = listInputSchema(catalogEntities[kind]).safeParse({ ...query, limit: 100, offset: 200 });
    expect(parsed.error?.issues ?? []).toEqual([]);
  });
});

describe('parameter helpers', () => {
  it('splitValues drops empties and duplicates; withParam removes empty values', () => {
    expect(splitValues(' a,,b ,a')).toEqual(['a', 'b']);
    expect(splitValues(undefined)).toEqual([]);
    expect(withParam({ a: '1', b: '2' }, 'a', '')).toEqual({ b: '2' });
    expect(withParam({ a: '1' }, 'b', '3')).toEqual({ a: '1', b: '3' });
  });

  it('filterParams lists every facet parameter of the kind (Clear filters removes them), not sort', () => {
    expect(filterParams('creatures')).toEqual(expect.arrayContaining(['q', 'printings', 'crmin', 'crmax', 'type', 'size', 'env', 'legendary', 'src', 'rs']));
    expect(filterParams('creatures')).not.toContain('sort');
  });
});
