/**
 * Catalog search and cross-references as the API sees them: input schemas and result shapes,
 * shared by the database core and the IPC contract.
 */
import { z } from 'zod';

export const SEARCH_KINDS = ['spells', 'creatures', 'items', 'races', 'classes', 'backgrounds', 'feats'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * The kinds `content_references` links and `references:of` answers for: the searchable kinds and
 * the rules terms (conditions, variant rules, skills …), which are linked but not in the index.
 */
export const REFERENCE_KINDS = [...SEARCH_KINDS, 'rules_terms'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

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

/** `references:of`: what one row mentions and what mentions it. */
export const referencesOfInputSchema = z
  .object({
    entity: z.enum(REFERENCE_KINDS),
    id: z.string().min(1).max(200),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict();
export type ReferencesOfInput = z.input<typeof referencesOfInputSchema>;

export interface ReferenceEntry {
  kind: ReferenceKind;
  id: string;
  /** The other row's name; null when it is not in the catalog (a broken link). */
  name: string | null;
  referenceType: string;
  context: string | null;
  broken: boolean;
}

export interface ReferenceGroup {
  kind: ReferenceKind;
  referenceType: string;
  count: number;
}

export interface ReferenceDirection {
  items: ReferenceEntry[];
  total: number;
  /** Counts per kind and reference type, over all pages. */
  groups: ReferenceGroup[];
}

export interface ReferencesOf {
  /** What this row mentions. */
  mentions: ReferenceDirection;
  /** What mentions this row. */
  mentionedBy: ReferenceDirection;
  limit: number;
  offset: number;
}


/** Tags naming one target that is not in the catalog. */
export interface BrokenLink {
  targetKind: ReferenceKind;
  /** The id the target would have (`wish-phb`). */
  targetId: string;
  /** How many rows reference it. */
  count: number;
  /** One of the tags as written, e.g. `{@spell Wish|PHB}`. */
  example: string | null;
}

/** What an import did to `content_references`, and the catalog's broken links after it. */
export interface ImportReferences {
  /** Rows whose references were (re)written: those the import inserted or updated, and rows whose broken links it may have mended. */
  rows: number;
  /** References those rows now make. */
  references: number;
  /** Broken links of the whole catalog, grouped by target, the most referenced first. */
  broken: {
    /** The first 100 targets. */
    items: BrokenLink[];
    /** Targets in all. */
    total: number;
    /** References to them in all. */
    references: number;
  };
}
