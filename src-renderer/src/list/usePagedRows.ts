/**
 * The rows of one list query, fetched from the API a page at a time as the user scrolls
 * (`limit`/`offset`); the database filters and sorts, the page only shows. While the first page
 * of a new query is on its way the previous rows stay visible, so typing does not flash an empty
 * list; answers to an older query are dropped. Pages hold list rows (`summaries`), not whole rows.
 */
import { useLayoutEffect, useReducer, useRef } from 'preact/hooks';
import type { BrowseKind } from '../app/route';
import { MAX_PAGE_SIZE } from '../../../src-shared/catalog/limits';
import { listSummaries, type SummaryRowOf } from '../kinds/rows';
import type { ListQuery } from './query';

/** Rows per `list` call: about three screens of a tall window. */
export const PAGE_SIZE = 100;

interface QueryState<R> {
  key: string;
  pages: Map<number, R[]>;
  pending: Set<number>;
  total: number;
  error: { code: string; message: string } | null;
  /** Row id → books of its older printings in the catalog (filled after each page). */
  older: Map<string, string[]>;
}

export interface PagedRows<R> {
  /** Rows matching the query (0 until the first page arrives). */
  total: number;
  /** Whether any answer has arrived yet. */
  ready: boolean;
  /** The row at `index`, or undefined while its page loads. */
  row(index: number): R | undefined;
  /** Fetches the pages covering rows `start`…`end` that are neither loaded nor loading. */
  ensure(start: number, end: number): void;
  error: { code: string; message: string } | null;
  /** Books of the older printings of row `id` present in the catalog (empty until known). */
  olderPrintings(id: string): readonly string[];
  /** Increases each time the rows of a new query (or a refresh) are shown. */
  generation: number;
  /** A new query (or refresh) is asked and its first page has not arrived: the rows shown are the old ones. */
  pending: boolean;
}

/**
 * `printings`: also ask, after each page, which of its rows have older printings in the catalog
 * (one `supersededBy` list call per page, after the page is shown, so it never delays the list).
 */
export function usePagedRows<K extends BrowseKind>(kind: K, query: ListQuery<K>, refresh: number, printings: boolean): PagedRows<SummaryRowOf<K>> {
  const [, force] = useReducer((n: number) => n + 1, 0);
  const key = JSON.stringify([kind, query]);
  const current = useRef<QueryState<SummaryRowOf<K>> | null>(null);
  const shown = useRef<QueryState<SummaryRowOf<K>> | null>(null);
  const generation = useRef(0);

  const fetchPage = (state: QueryState<SummaryRowOf<K>>, page: number): void => {
    state.pending.add(page);
    // List rows (`summaries`): what the grid shows, without the rules text of each row.
    listSummaries(kind, { ...query, limit: PAGE_SIZE, offset: page * PAGE_SIZE } as never).then(
      (result) => {
        state.pending.delete(page);
        if (current.current !== state) return;
        if (result.ok) {
          state.pages.set(page, result.data.items);
          state.total = result.data.total;
          state.error = null;
        } else {
          state.error = result.error;
        }
        if (page === 0 || shown.current !== state) {
          shown.current = state;
          generation.current += 1;
        }
        force(0);
        if (result.ok && printings && result.data.items.length > 0) fetchOlder(state, result.data.items.map((row) => row.id));
      },
      (error: unknown) => {
        state.pending.delete(page);
        if (current.current !== state) return;
        state.error = { code: 'Internal', message: error instanceof Error ? error.message : String(error) };
        shown.current = state;
        force(0);
      },
    );
  };

  const fetchOlder = (state: QueryState<SummaryRowOf<K>>, ids: string[]): void => {
    const input = { filter: { supersededBy: ids }, limit: MAX_PAGE_SIZE };
    void listSummaries(kind, input as never).then((result) => {
      if (current.current !== state || !result.ok) return;
      for (const row of result.data.items) {
        if (!('supersededBy' in row) || row.supersededBy === null) continue;
        const newer = row.supersededBy;
        state.older.set(newer, [...new Set([...(state.older.get(newer) ?? []), row.sourceId])]);
      }
      if (result.data.items.length > 0) force(0);
    });
  };

  // A layout effect, so the first page is asked for as soon as the query is rendered: Preact runs
  // plain effects after the next animation frame, which put a frame (16 ms or more) between each
  // keystroke or facet change and its query.
  useLayoutEffect(() => {
    const state: QueryState<SummaryRowOf<K>> = { key, pages: new Map(), pending: new Set(), total: 0, error: null, older: new Map() };
    current.current = state;
    fetchPage(state, 0);
    // `query` is described by `key`.
  }, [key, refresh]);

  const view = shown.current;
  return {
    total: view?.total ?? 0,
    ready: view !== null,
    row: (index) => view?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    ensure: (start, end) => {
      const state = current.current;
      // Until the new query's first page is in, the rows on screen are the old query's.
      if (!state || shown.current !== state) return;
      const last = Math.min(end, state.total - 1);
      for (let page = Math.floor(Math.max(0, start) / PAGE_SIZE); page * PAGE_SIZE <= last; page++) {
        if (!state.pages.has(page) && !state.pending.has(page)) fetchPage(state, page);
      }
    },
    error: current.current?.error ?? null,
    olderPrintings: (id) => view?.older.get(id) ?? [],
    generation: generation.current,
    pending: current.current !== shown.current,
  };
}
