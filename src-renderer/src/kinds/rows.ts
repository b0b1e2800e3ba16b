/**
 * Typed access to the browsable kinds through `window.mimir`. `window.mimir[kind]` for a kind
 * chosen at run time is a union of eight APIs that TypeScript cannot call as one; these helpers
 * give the renderer one signature whose row type is the union of the kinds' rows.
 */
import type { MimirApi } from '../../../src-shared/client';
import type { Page } from '../../../src-shared/catalog/define';
import type { Result } from '../../../src-shared/errors';
import type { BrowseKind } from '../app/route';

type OkData<R> = R extends Promise<infer A> ? (A extends { ok: true; data: infer D } ? D : never) : never;

/** The row type of one kind, as `get` returns it. */
export type RowOf<K extends BrowseKind> = OkData<ReturnType<MimirApi[K]['get']>>;
export type AnyRow = RowOf<BrowseKind>;
/** A row as a list shows it (`summaries`): scalar columns and reprint links, no rules text. */
export type SummaryRowOf<K extends BrowseKind> = OkData<ReturnType<MimirApi[K]['summaries']>>['items'][number];
export type AnySummaryRow = SummaryRowOf<BrowseKind>;
/** The `list` input of one kind (its own filter and sort keys). */
export type ListInputFor<K extends BrowseKind> = Parameters<MimirApi[K]['list']>[0];

/** What a person calls a row: its name (sources: their full title). */
export function rowLabel(row: AnyRow): string {
  return 'name' in row ? row.name : row.fullName;
}

export function getRow<K extends BrowseKind>(kind: K, id: string): Promise<Result<RowOf<K>>> {
  const api = window.mimir[kind] as unknown as { get(input: { id: string }): Promise<Result<RowOf<K>>> };
  return api.get({ id });
}

export function listRows<K extends BrowseKind>(kind: K, input: ListInputFor<K>): Promise<Result<Page<RowOf<K>>>> {
  const api = window.mimir[kind] as unknown as { list(input: ListInputFor<K>): Promise<Result<Page<RowOf<K>>>> };
  return api.list(input);
}

/** One page of list rows (`summaries`): what the list views show, a fraction of the whole rows' size. */
export function listSummaries<K extends BrowseKind>(kind: K, input: ListInputFor<K>): Promise<Result<Page<SummaryRowOf<K>>>> {
  const api = window.mimir[kind] as unknown as { summaries(input: ListInputFor<K>): Promise<Result<Page<SummaryRowOf<K>>>> };
  return api.summaries(input);
}
