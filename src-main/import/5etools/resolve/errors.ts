/**
 * The two ways resolving can fail short of an exception nobody foresaw:
 * - `ModError`: one `_mod` patch cannot be applied (5etools would throw for it); the record is kept
 *   without that patch and a warning says which one.
 * - `SkipError`: the record itself cannot be resolved (its copy target is missing, its chain is
 *   circular); it is left out with this reason.
 */
export class ModError extends Error {}

export class SkipError extends Error {}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
