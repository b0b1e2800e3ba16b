/**
 * The list of one kind: a name search (debounced; the URL follows with `replace`, so typing leaves
 * no history entry per keystroke), the kind's facets, sortable columns and a virtualized grid that
 * pages through the API. Everything the list shows is what the database answered for the URL's
 * parameters; nothing is filtered in the page.
 *
 * Timing marks (User Timing, read by the renderer bench): `mimir:list-input` when a search, facet
 * or sort change is applied (after the debounce), `mimir:list-updated` (a measure from that mark)
 * when the rows answering it are in the DOM.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useCatalogVersion } from '../app/api';
import { announce } from '../app/notices';
import { currentRoute, navigate, replace } from '../app/router';
import { formatRoute, type BrowseRoute } from '../app/route';
import { kindConfig, type Column } from '../kinds/kinds';
import type { AnySummaryRow } from '../kinds/rows';
import { FacetPanel } from './FacetPanel';
import { DIRECTION_PARAM, SEARCH_PARAM, SORT_PARAM, filterParams, listQuery, searchText, showsAllPrintings, withParam } from './query';
import { RowGrid, type GridColumn } from './RowGrid';
import { usePagedRows } from './usePagedRows';

/** Pause after the last keystroke before the search runs. */
export const SEARCH_DEBOUNCE_MS = 200;
export const INPUT_MARK = 'mimir:list-input';
export const UPDATED_MEASURE = 'mimir:list-updated';

export function ListView({ route }: { route: BrowseRoute }) {
  // One instance per kind: cursor, scroll and typed text belong to the kind's list.
  return <KindList key={route.kind} route={route} />;
}

function KindList({ route }: { route: BrowseRoute }) {
  const { kind, params } = route;
  const config = kindConfig(kind);
  const version = useCatalogVersion();
  const rendered = useRef(route);
  rendered.current = route;
  /**
   * The route as the URL has it now: a handler running before the re-render of an earlier
   * navigation (two quick clicks) must build on that one, not on what was last rendered.
   */
  const latest = {
    get current(): BrowseRoute {
      const now = currentRoute();
      return now.view === 'browse' && now.kind === kind ? now : rendered.current;
    },
  };

  const paramsKey = formatRoute({ ...route, selected: undefined });
  const query = useMemo(() => listQuery(kind, params), [paramsKey]);
  const rows = usePagedRows(kind, query, version, config.printings);
  const queryKey = JSON.stringify(query);

  const pendingInput = useRef(false);
  const markInput = (): void => {
    performance.clearMarks(INPUT_MARK);
    performance.mark(INPUT_MARK);
    pendingInput.current = true;
  };
  useLayoutEffect(() => {
    if (!pendingInput.current || !rows.ready) return;
    pendingInput.current = false;
    performance.measure(UPDATED_MEASURE, INPUT_MARK);
  }, [rows.generation]);

  useEffect(() => {
    if (rows.error) announce(`The ${config.singular} list could not be read: ${rows.error.message}`);
  }, [rows.error]);

  // --- search box: local text, written to the URL after a pause
  const [text, setText] = useState(params[SEARCH_PARAM] ?? '');
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    // Back/forward (or a link) changed the search: show it, unless the user is still typing.
    if (timer.current === undefined) setText(params[SEARCH_PARAM] ?? '');
  }, [params[SEARCH_PARAM]]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const onSearchInput = (value: string): void => {
    setText(value);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      const now = latest.current;
      if ((now.params[SEARCH_PARAM] ?? '') === value.trim()) return;
      markInput();
      replace({ ...now, params: withParam(now.params, SEARCH_PARAM, value.trim()) });
    }, SEARCH_DEBOUNCE_MS);
  };

  const setParam = (param: string, value: string | undefined): void => {
    markInput();
    navigate({ ...latest.current, params: withParam(latest.current.params, param, value) });
  };
  const clearFilters = (): void => {
    const kept = Object.fromEntries(Object.entries(latest.current.params).filter(([key]) => !filterParams(kind).includes(key)));
    setText('');
    markInput();
    navigate({ ...latest.current, params: kept });
  };

  const descending = params[DIRECTION_PARAM] === 'desc';
  const columns = (config.columns as readonly Column<typeof kind>[]).map(
    (column): GridColumn<AnySummaryRow> => ({
      label: column.label,
      width: column.width,
      value: column.value as (row: AnySummaryRow) => string,
      ...(column.sort !== undefined
        ? { sort: column.sort === (query.sort?.by ?? '') ? { active: true, direction: descending ? 'desc' : 'asc' } : { active: false } }
        : {}),
    }),
  );
  const onSort = (index: number): void => {
    const key = config.columns[index]?.sort;
    if (key === undefined) return;
    // From the latest URL: two quick clicks must reverse the order, not set it twice.
    const now = latest.current;
    const next = key === now.params[SORT_PARAM] && now.params[DIRECTION_PARAM] !== 'desc' ? 'desc' : undefined;
    markInput();
    navigate({ ...now, params: withParam(withParam(now.params, SORT_PARAM, key), DIRECTION_PARAM, next) });
  };

  // Escape closes the open row from anywhere in the browse view (not from inside a dialog).
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented || latest.current.selected === undefined) return;
      if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return;
      close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const focusGrid = useRef<() => void>(() => undefined);
  const close = (): void => {
    if (latest.current.selected === undefined) return;
    navigate({ ...latest.current, selected: undefined });
    focusGrid.current();
  };

  const hidden = config.printings && !showsAllPrintings(params);
  const searching = searchText(params) !== '';
  return (
    <section class="list-view" aria-label={`${config.title} list`}>
      <div class="list-search">
        <input
          type="search"
          aria-label={`Search ${config.title.toLowerCase()} by name`}
          placeholder={`Search ${config.title.toLowerCase()}…`}
          value={text}
          onInput={(event) => onSearchInput(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' || event.key === 'Enter') {
              event.preventDefault();
              focusGrid.current();
            }
          }}
        />
      </div>
      <FacetPanel kind={kind} params={params} onChange={setParam} onClear={clearFilters} />
      <div class="list-results">
        <p class="list-summary">
          {rows.ready ? `${rows.total.toLocaleString('en-US')} ${rows.total === 1 ? config.singular : config.title.toLowerCase()}` : 'Loading…'}
          {rows.ready && searching ? ` matching “${searchText(params)}”` : ''}
          {hidden ? ' · superseded printings hidden' : ''}
        </p>
        {rows.error && <p role="alert">{rows.error.message}</p>}
        <RowGrid<AnySummaryRow>
          label={config.title}
          columns={columns}
          total={rows.total}
          row={rows.row}
          rowId={(row) => row.id}
          marks={(row) => printingsMarks(row, rows.olderPrintings(row.id))}
          selectedId={route.selected}
          onOpen={(row) => navigate({ ...latest.current, selected: row.id })}
          onClose={close}
          onSort={onSort}
          onRange={rows.ensure}
          resetKey={queryKey}
          pending={rows.pending}
          generation={rows.generation}
          focusHandle={(focus) => (focusGrid.current = focus)}
        />
      </div>
    </section>
  );
}

/**
 * Other printings of a row: "Reprinted in XPHB" (the row's own reprint links, whether or not that
 * book is in the catalog) and "Also in PHB" (older printings present in the catalog).
 */
function printingsMarks(row: AnySummaryRow, older: readonly string[]): readonly string[] {
  if (!('reprintedAs' in row)) return NO_MARKS;
  const newer = [...new Set((row.reprintedAs ?? []).map((link) => link.split('|')[1] ?? '').filter((book) => book !== ''))];
  if (newer.length === 0 && older.length === 0) return NO_MARKS;
  return [...(newer.length > 0 ? [`Reprinted in ${newer.join(', ')}`] : []), ...(older.length > 0 ? [`Also in ${older.join(', ')}`] : [])];
}

const NO_MARKS: readonly string[] = [];
