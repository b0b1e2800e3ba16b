/**
 * Writes of one kind chosen at run time: create, update and delete through `window.mimir`. As
 * with kinds/rows.ts, the eight APIs are one signature here; the input was built from the
 * kind's own field declaration and is validated by the contract in the worker, whatever the
 * renderer sent.
 */
import type { AppError, Result } from '../../../src-shared/errors';
import type { BrowseKind } from '../app/route';
import type { AnyRow } from '../kinds/rows';

interface WritableApi {
  create(input: Record<string, unknown>): Promise<Result<AnyRow>>;
  update(input: { id: string; patch: Record<string, unknown> }): Promise<Result<AnyRow>>;
  delete(input: { id: string }): Promise<Result<{ id: string }>>;
}

function api(kind: BrowseKind): WritableApi {
  return window.mimir[kind] as unknown as WritableApi;
}

/** A call that threw instead of answering (the transport failed) as an error value. */
async function settled<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch (error) {
    const failure: AppError = { code: 'Internal', message: error instanceof Error ? error.message : String(error), details: {} };
    return { ok: false, error: failure };
  }
}

export const createRow = (kind: BrowseKind, input: Record<string, unknown>) => settled(() => api(kind).create(input));
export const updateRow = (kind: BrowseKind, id: string, patch: Record<string, unknown>) => settled(() => api(kind).update({ id, patch }));
export const deleteRow = (kind: BrowseKind, id: string) => settled(() => api(kind).delete({ id }));
