/**
 * A browse route's URL parameters ⇄ the `list` call that answers them. The URL is what the user
 * may have edited or bookmarked, so every value is checked against what its facet offers; a value
 * that does not fit is dropped (the list shows everything the rest of the URL asks for) rather
 * than sent to the API.
 *
 *   q=fire           name contains "fire" (case-insensitive)
 *   level=1,3        a multi facet: any of the values, comma-separated
 *   ritual=1 / =0    a yes/no facet
 *   crmin=1/4        one bound of a range
 *   sort=level       a column's sort key; dir=desc for descending
 *   printings=all    also show superseded printings (hidden by default)
 */
import { MAX_FILTER_TEXT, MAX_FILTER_VALUES } from '../../../src-shared/catalog/limits';
import type { BrowseKind } from '../app/route';
import { kindConfig, type Facet, type FacetOption } from '../kinds/kinds';
import type { ListInputFor } from '../kinds/rows';

export const SEARCH_PARAM = 'q';
export const SORT_PARAM = 'sort';
export const DIRECTION_PARAM = 'dir';
export const PRINTINGS_PARAM = 'printings';
/** `printings=all`: superseded printings are listed too. */
export const ALL_PRINTINGS = 'all';

export type Params = Readonly<Record<string, string>>;

export interface ListQuery<K extends BrowseKind> {
  filter: NonNullable<ListInputFor<K>['filter']>;
  sort?: NonNullable<ListInputFor<K>['sort']>;
}

/** Values of a comma-separated parameter, without empties and duplicates. */
export function splitValues(text: string | undefined): string[] {
  if (text === undefined) return [];
  return [...new Set(text.split(',').map((v) => v.trim()).filter((v) => v !== ''))];
}

export function joinValues(values: readonly string[]): string {
  return values.join(',');
}

/** An id-like value from the catalog (source code, rule system, row id, class name). */
const CATALOG_VALUE = /^[^,]{1,200}$/;

function allowed(value: string, options: readonly FacetOption[] | string): boolean {
  return typeof options === 'string' ? CATALOG_VALUE.test(value) : options.some((o) => o.value === value);
}

export function searchText(params: Params): string {
  return (params[SEARCH_PARAM] ?? '').trim().slice(0, MAX_FILTER_TEXT);
}

export function showsAllPrintings(params: Params): boolean {
  return params[PRINTINGS_PARAM] === ALL_PRINTINGS;
}

/** The `list` filter and sort for `params` (page and offset are the caller's). */
export function listQuery<K extends BrowseKind>(kind: K, params: Params): ListQuery<K> {
  const config = kindConfig(kind);
  const filter: Record<string, unknown> = {};
  const text = searchText(params);
  if (text !== '') filter['nameContains'] = text;
  if (config.printings && !showsAllPrintings(params)) filter['isReprinted'] = false;
  for (const facet of config.facets as readonly Facet<K>[]) applyFacet(facet, params, filter);

  const query: ListQuery<K> = { filter: filter as ListQuery<K>['filter'] };
  const by = params[SORT_PARAM];
  const column = config.columns.find((c) => c.sort !== undefined && c.sort === by);
  if (column?.sort !== undefined) {
    query.sort = { by: column.sort, direction: params[DIRECTION_PARAM] === 'desc' ? 'desc' : 'asc' } as ListQuery<K>['sort'];
  }
  return query;
}

function applyFacet<K extends BrowseKind>(facet: Facet<K>, params: Params, filter: Record<string, unknown>): void {
  switch (facet.type) {
    case 'multi': {
      const values = splitValues(params[facet.param])
        .filter((v) => allowed(v, facet.options))
        .slice(0, MAX_FILTER_VALUES);
      if (values.length === 0) return;
      const typed = facet.numeric ? values.map(Number) : values;
      filter[facet.filter] = typed.length === 1 ? typed[0] : typed;
      return;
    }
    case 'single': {
      const value = params[facet.param];
      if (value !== undefined && allowed(value, facet.options)) filter[facet.filter] = value;
      return;
    }
    case 'bool': {
      const value = params[facet.param];
      if (value === '1' || value === '0') filter[facet.filter] = value === '1';
      return;
    }
    case 'range': {
      for (const bound of [facet.min, facet.max]) {
        const value = params[bound.param];
        if (value !== undefined && allowed(value, facet.options)) filter[bound.filter] = value;
      }
      return;
    }
  }
}

/** `params` with `key` set to `value`, or removed when `value` is empty. */
export function withParam(params: Params, key: string, value: string | undefined): Record<string, string> {
  const next: Record<string, string> = { ...params };
  if (value === undefined || value === '') delete next[key];
  else next[key] = value;
  return next;
}

/** The URL parameters a kind's facets, search, sort and printings use (for "Clear filters"). */
export function filterParams(kind: BrowseKind): string[] {
  const keys = [SEARCH_PARAM, PRINTINGS_PARAM];
  for (const facet of kindConfig(kind).facets as readonly Facet<BrowseKind>[]) {
    if (facet.type === 'range') keys.push(facet.min.param, facet.max.param);
    else keys.push(facet.param);
  }
  return keys;
}
