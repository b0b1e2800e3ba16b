/**
 * Facet options that come from the catalog rather than an enumeration: its books, rule systems,
 * classes, base races and classes, and the base items that have variants. Read again whenever the
 * catalog changes.
 */
import type { Result } from '../../../src-shared/errors';
import { useApi, useCatalogVersion, type QueryState } from '../app/api';
import type { FacetOption, OptionSource } from '../kinds/kinds';

/** The API's page cap: a facet lists at most this many options. */
const MAX_OPTIONS = 500;

function mapped<T>(call: Promise<Result<{ items: T[] }>>, map: (row: T) => FacetOption): Promise<Result<FacetOption[]>> {
  return call.then((result) => (result.ok ? { ok: true as const, data: unique(result.data.items.map(map)) } : result));
}

function unique(options: FacetOption[]): FacetOption[] {
  const seen = new Set<string>();
  return options.filter((o) => (seen.has(o.value) ? false : (seen.add(o.value), true)));
}

export function loadOptions(source: OptionSource): Promise<Result<FacetOption[]>> {
  const api = window.mimir;
  switch (source) {
    case 'sources':
      return mapped(api.sources.list({ limit: MAX_OPTIONS, sort: { by: 'fullName' } }), (s) => ({ value: s.id, label: `${s.fullName} (${s.id})` }));
    case 'ruleSystems':
      return mapped(api.ruleSystems.list({ limit: MAX_OPTIONS }), (r) => ({ value: r.id, label: r.name }));
    case 'spellClasses':
      // The spell filter matches the class name (lower case), whichever book the class is from.
      return mapped(api.classes.list({ limit: MAX_OPTIONS, filter: { classType: 'class' } }), (c) => ({ value: c.name.toLowerCase(), label: c.name }));
    case 'baseRaces':
      return mapped(api.races.list({ limit: MAX_OPTIONS, filter: { raceType: 'race' } }), (r) => ({ value: r.id, label: `${r.name} (${r.sourceId})` }));
    case 'baseClasses':
      return mapped(api.classes.list({ limit: MAX_OPTIONS, filter: { classType: 'class' } }), (c) => ({ value: c.id, label: `${c.name} (${c.sourceId})` }));
    case 'baseItems':
      return mapped(api.items.list({ limit: MAX_OPTIONS, filter: { hasVariants: true } }), (i) => ({ value: i.id, label: `${i.name} (${i.sourceId})` }));
  }
}

/** The options of `source`, or the fixed list when the facet has one. */
export function useFacetOptions(options: readonly FacetOption[] | OptionSource): QueryState<readonly FacetOption[]> {
  const version = useCatalogVersion();
  const fixed = typeof options !== 'string';
  const loaded = useApi<readonly FacetOption[]>(
    () => (fixed ? Promise.resolve({ ok: true as const, data: options }) : loadOptions(options)),
    [fixed ? 'fixed' : options, version],
  );
  return fixed ? { state: 'ok', data: options } : loaded;
}
