import type { Raw } from '../types';

/** One `_mod` patch being applied. */
export interface ModTarget {
  /** The record being built (patched in place). */
  record: Raw;
  /** The `_mod` key as a path (`["hp"]`, `["action"]`), or null for `"_"` (the whole record). */
  path: string[] | null;
  /** The patch: `{mode, …}`. */
  mod: Raw;
}

/** Applies one mode; throws ModError when 5etools would refuse the patch. */
export type ModeHandler = (target: ModTarget) => void;
