/**
 * The facets of one kind: checkbox groups for "any of", selects for one value, yes/no and range
 * bounds, and "Hide superseded printings". Every change is a new URL (a history entry: Back undoes
 * it); the list follows the URL.
 */
import { memo } from 'preact/compat';
import type { BrowseKind } from '../app/route';
import { kindConfig, type Facet, type FacetOption } from '../kinds/kinds';
import { useFacetOptions } from './options';
import { ALL_PRINTINGS, PRINTINGS_PARAM, SEARCH_PARAM, joinValues, showsAllPrintings, splitValues, type Params } from './query';

export interface FacetPanelProps {
  kind: BrowseKind;
  params: Params;
  /** Sets one URL parameter (undefined or '' removes it). */
  onChange(param: string, value: string | undefined): void;
  onClear(): void;
}

/**
 * Re-rendered only when the kind or the URL parameters change, not when a page of rows arrives or
 * a row is opened. The handlers build on the URL as it is when they run, so an older pair of
 * handlers does the same as a newer one.
 */
export const FacetPanel = memo(FacetPanelView, (a, b) => a.kind === b.kind && sameParams(a.params, b.params));

/** Equal but for the name search, which the panel does not show. */
function sameParams(a: Params, b: Params): boolean {
  const keys = (params: Params) => Object.keys(params).filter((key) => key !== SEARCH_PARAM);
  const those = keys(a);
  return those.length === keys(b).length && those.every((key) => a[key] === b[key]);
}

function FacetPanelView({ kind, params, onChange, onClear }: FacetPanelProps) {
  const config = kindConfig(kind);
  return (
    <aside class="facets" aria-label="Filters">
      <h2 class="visually-hidden">Filters</h2>
      {config.printings && (
        <label class="facet-toggle">
          <input
            type="checkbox"
            checked={!showsAllPrintings(params)}
            onChange={(event) => onChange(PRINTINGS_PARAM, event.currentTarget.checked ? undefined : ALL_PRINTINGS)}
          />
          Hide superseded printings
        </label>
      )}
      {(config.facets as readonly Facet<BrowseKind>[]).map((facet) => (
        <FacetControl key={facet.type === 'range' ? facet.min.param : facet.param} facet={facet} params={params} onChange={onChange} />
      ))}
      <button type="button" class="facet-clear" onClick={onClear}>
        Clear filters
      </button>
    </aside>
  );
}

function FacetControl({ facet, params, onChange }: { facet: Facet<BrowseKind>; params: Params; onChange: FacetPanelProps['onChange'] }) {
  switch (facet.type) {
    case 'multi':
      return <MultiFacet facet={facet} params={params} onChange={onChange} />;
    case 'single':
      return <SingleFacet facet={facet} params={params} onChange={onChange} />;
    case 'bool':
      return (
        <label class="facet-select">
          <span>{facet.label}</span>
          <select value={params[facet.param] ?? ''} onChange={(event) => onChange(facet.param, event.currentTarget.value)}>
            <option value="">Any</option>
            <option value="1">{facet.yes}</option>
            <option value="0">{facet.no}</option>
          </select>
        </label>
      );
    case 'range':
      return (
        <fieldset class="facet facet-range">
          <legend>{facet.label}</legend>
          {[facet.min, facet.max].map((bound) => (
            <label key={bound.param} class="facet-select">
              <span>{bound.label}</span>
              <select value={params[bound.param] ?? ''} onChange={(event) => onChange(bound.param, event.currentTarget.value)}>
                <option value="">Any</option>
                {facet.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
      );
  }
}

type MultiFacetType = Extract<Facet<BrowseKind>, { type: 'multi' }>;
type SingleFacetType = Extract<Facet<BrowseKind>, { type: 'single' }>;

function MultiFacet({ facet, params, onChange }: { facet: MultiFacetType; params: Params; onChange: FacetPanelProps['onChange'] }) {
  const options = useFacetOptions(facet.options);
  const chosen = splitValues(params[facet.param]);
  const toggle = (option: FacetOption, on: boolean): void => {
    const next = on ? [...chosen, option.value] : chosen.filter((v) => v !== option.value);
    onChange(facet.param, joinValues(next));
  };
  const list = options.data ?? [];
  return (
    <fieldset class="facet">
      <legend>{facet.label}</legend>
      {options.state === 'error' && <p role="alert">{options.error.message}</p>}
      {options.state !== 'error' && list.length === 0 && options.state === 'ok' && <p class="facet-empty">None in the catalog</p>}
      <div class={list.length > 12 ? 'facet-options facet-options-long' : 'facet-options'}>
        {list.map((option) => (
          <label key={option.value}>
            <input type="checkbox" checked={chosen.includes(option.value)} onChange={(event) => toggle(option, event.currentTarget.checked)} />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function SingleFacet({ facet, params, onChange }: { facet: SingleFacetType; params: Params; onChange: FacetPanelProps['onChange'] }) {
  const options = useFacetOptions(facet.options);
  const value = params[facet.param] ?? '';
  const list = options.data ?? [];
  return (
    <label class="facet-select">
      <span>{facet.label}</span>
      <select value={value} onChange={(event) => onChange(facet.param, event.currentTarget.value)}>
        <option value="">Any</option>
        {/* A value from the URL the catalog no longer offers stays selectable, so the select shows the truth. */}
        {value !== '' && !list.some((o) => o.value === value) && <option value={value}>{value}</option>}
        {list.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
