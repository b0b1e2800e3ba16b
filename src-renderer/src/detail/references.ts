/** `references:of` and `search:query` as the renderer calls them (the channels of src-shared/search.ts). */
import type { Result } from '../../../src-shared/errors';
import type { ReferencesOf, ReferencesOfInput, SearchInput, SearchResult } from '../../../src-shared/search';

export function referencesOf(input: ReferencesOfInput): Promise<Result<ReferencesOf>> {
  return window.mimir.references.of(input);
}

export function searchQuery(input: SearchInput): Promise<Result<SearchResult>> {
  return window.mimir.search.query(input);
}
