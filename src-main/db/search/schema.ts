/**
 * The search index's schema objects (migration `catalog_search`), for the drift check: they are
 * not drizzle tables, FTS5 adds shadow tables of its own, and a table rebuilt by a later
 * migration loses its triggers unless that migration recreates them.
 */
import { SEARCH_KINDS } from './functions';

/** Plain and virtual tables of the search index (FTS5's shadow tables not included). */
export const SEARCH_TABLES: readonly string[] = ['search_documents', 'search_index', 'search_terms'];

/**
 * Triggers that keep the search index in step (migration `catalog_search`) and drop a deleted
 * row's references (`content_reference_cleanup`), keyed by the table they are on.
 */
export const SEARCH_TRIGGERS: Readonly<Record<string, readonly string[]>> = {
  ...Object.fromEntries(
    SEARCH_KINDS.map((kind) => [
      kind,
      [`${kind}_search_after_insert`, `${kind}_search_after_update`, `${kind}_search_after_delete`, `${kind}_references_after_delete`],
    ]),
  ),
  // Rules terms are not in the search index, but their references go with them (migration 0019).
  rules_terms: ['rules_terms_references_after_delete'],
};
