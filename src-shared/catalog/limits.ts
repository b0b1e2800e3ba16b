/**
 * Limits of a list call, in a module of their own (no drizzle, no zod) so the renderer can page
 * and cap its filters by the same numbers the API enforces. define.ts re-exports them.
 */

/** Largest page a list call may ask for. Larger requests are refused with ValidationFailed. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;
/** Longest string accepted in a filter value (names, search text). */
export const MAX_FILTER_TEXT = 200;
/** Most values accepted by a "one of" filter. */
export const MAX_FILTER_VALUES = 100;
