/** Full-text search over the catalog: query language, ranking, snippets, and the SQL functions its index needs. */
export { BODY_COLUMNS, bodyColumns, foldName, isSearchIndexDeferred, ownFeatures, registerSearchFunctions, searchText, SEARCH_KINDS, type SearchKind } from './functions';
export { exclusionExpression, matchExpression, parseQuery, tokensOf, type ParsedQuery, type Term } from './query';
export { NAME_WEIGHT, searchCatalog, snippetOf, type SearchTarget } from './search';
export { SEARCH_TABLES, SEARCH_TRIGGERS } from './schema';
export { deferrableKinds, deferSearchIndex, type DeferredSearchIndex } from './upkeep';
export { allowedEdits, editDistance, nameDistance } from './similarity';
