/**
 * The rows of one list query, fetched from the API a page at a time as the user scrolls
 * (`limit`/`offset`); the database filters and sorts, the page only shows. While the first page
 * of a new query is on its way the previous rows stay visible, so typing does not flash an empty
 * list; answers to an older query are dropped.
 */
import { useEffect, useReducer, useRef } from 'preact/hooks';
import type { BrowseKind } from '../app/route';
import { listRows, type RowOf } from '../kinds/rows';
import type { ListQuery } from './query';

/** Rows per `list` call: about three screens of a tall window. */
export const PAGE_SIZE = 100;

interface QueryState<R> {
  key: string;
  pages: Map<number, R[]>;
  pending: Set<number>;
  total: number;
  error: { code: string; message: string } | null;
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
  /** Increases each time the rows of a new query (or a refresh) are shown. */
  generation: number;
}

export function usePagedRows<K extends BrowseKind>(kind: K, query: ListQuery<K>, refresh: number): PagedRows<RowOf<K>> {
  const [, force] = useReducer((n: number) => n + 1, 0);
  const key = JSON.stringify([kind, query]);
  const current = useRef<QueryState<RowOf<K>> | null>(null);
  const shown = useRef<QueryState<RowOf<K>> | null>(null);
  const generation = useRef(0);

  const fetchPage = (state: QueryState<RowOf<K>>, page: number): void => {
    state.pending.add(page);
    listRows(kind, { ...query, limit: PAGE_SIZE, offset: page * PAGE_SIZE } as never).then(
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

  useEffect(() => {
    const state: QueryState<RowOf<K>> = { key, pages: new Map(), pending: new Set(), total: 0, error: null };
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
    generation: generation.current,
  };
}
