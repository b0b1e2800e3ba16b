/**
 * `references:of` and `search:query` from the renderer. The channels are declared by the search
 * work (src-shared/search.ts); until a build's contract has them, the calls answer with an error
 * the views show as "not available" instead of failing to load.
 */
import type { Result } from '../../../src-shared/errors';
import type { ReferencesOf, ReferencesOfInput, SearchInput, SearchResult } from '../../../src-shared/search';

interface SearchChannels {
  references?: { of?(input: ReferencesOfInput): Promise<Result<ReferencesOf>> };
  search?: { query?(input: SearchInput): Promise<Result<SearchResult>> };
}

function channels(): SearchChannels {
  return window.mimir as unknown as SearchChannels;
}

const UNAVAILABLE = { code: 'Internal', message: 'This build of the app has no cross-reference and search channels.' } as const;

export function referencesOf(input: ReferencesOfInput): Promise<Result<ReferencesOf>> {
  const of = channels().references?.of;
  return of ? of(input) : Promise.resolve({ ok: false, error: { ...UNAVAILABLE, details: {} } } as unknown as Result<ReferencesOf>);
}

export function searchQuery(input: SearchInput): Promise<Result<SearchResult>> {
  const query = channels().search?.query;
  return query ? query(input) : Promise.resolve({ ok: false, error: { ...UNAVAILABLE, details: {} } } as unknown as Result<SearchResult>);
}
