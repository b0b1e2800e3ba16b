/**
 * Catalog search and cross-references as the API sees them: input schemas and result shapes,
 * shared by the database core and the IPC contract.
 */
import { z } from 'zod';

export const SEARCH_KINDS = ['spells', 'creatures', 'items', 'races', 'classes', 'backgrounds', 'feats'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Longest query text accepted; longer input is ValidationFailed. */
export const MAX_SEARCH_TEXT = 256;
/** Most words, phrases and exclusions in one query. */
export const MAX_SEARCH_TERMS = 32;
export const MAX_SEARCH_LIMIT = 100;
export const DEFAULT_SEARCH_LIMIT = 20;
/** Deepest page: ranking merges several candidate lists, each fetched up to offset + limit. */
export const MAX_SEARCH_OFFSET = 1000;

export const searchInputSchema = z
  .object({
    text: z.string().max(MAX_SEARCH_TEXT),
    kinds: z.array(z.enum(SEARCH_KINDS)).min(1).max(SEARCH_KINDS.length).optional(),
    limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional(),
    offset: z.number().int().min(0).max(MAX_SEARCH_OFFSET).optional(),
    /** Rule system whose printing is ranked above its reprints, e.g. `dnd5e-2024`. */
    preferRuleSystem: z.string().min(1).max(64).optional(),
  })
  .strict();
export type SearchInput = z.input<typeof searchInputSchema>;

/** Why a hit matched, best first. */
export type SearchMatch = 'exact' | 'prefix' | 'name' | 'typo' | 'body';

export interface SearchHit {
  kind: SearchKind;
  id: string;
  name: string;
  source: string;
  ruleSystem: string;
  match: SearchMatch;
  /** Up to about 160 characters of the body around the first match (the body's start for name matches). */
  snippet: string;
  /** [start, end) character ranges of `snippet` that matched the query. */
  highlights: [number, number][];
}

export interface SearchResult {
  hits: SearchHit[];
  limit: number;
  offset: number;
  /** True when a further page has hits. */
  hasMore: boolean;
}
