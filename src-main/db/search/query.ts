/**
 * The search query language, parsed into terms and filters; user text is never passed to FTS5's
 * MATCH as written (a hyphen, an apostrophe or a stray quote would be a syntax error there).
 *
 *   fire bolt        every word must match (in the name or the body)
 *   "cone of cold"   a phrase: the words in this order
 *   fireb            the last word is a prefix while you type (no space after it); `word*` anywhere
 *   -undead          excludes rows mentioning the word (or `-"a phrase"`)
 *   in:spells        kinds: spells creatures items races classes backgrounds feats (singular,
 *                    `monsters`, `species`, `subclasses` too; comma-separated for several)
 *   source:XGE       source book codes (comma-separated for several)
 *   edition:2024     rule system: `2014`, `2024` or a rule system id (`dnd5e-2014`)
 *
 * Anything else with a colon (`foo:bar`) is searched as words. Words are split like the index
 * splits text (letters and digits; `half-orc` is the phrase "half orc").
 */
import { MAX_SEARCH_TERMS, SEARCH_KINDS, type SearchKind } from '../../../src-shared/search';

export interface Term {
  /** Lower-case tokens without diacritics, as the index stores them. */
  tokens: string[];
  /** The last token is a prefix. */
  prefix: boolean;
  /** Written in quotes. */
  phrase: boolean;
}

export interface ParsedQuery {
  terms: Term[];
  excluded: Term[];
  /** Kinds from `in:`; an `in:` naming no known kind gives an empty list (nothing matches). */
  kinds?: SearchKind[];
  sources: string[];
  editions: string[];
  /** Number of words, phrases and exclusions written (for the MAX_SEARCH_TERMS limit). */
  count: number;
}

const KIND_ALIASES: Readonly<Record<string, SearchKind>> = {
  ...Object.fromEntries(SEARCH_KINDS.map((kind) => [kind, kind])),
  spell: 'spells',
  creature: 'creatures',
  monster: 'creatures',
  monsters: 'creatures',
  bestiary: 'creatures',
  item: 'items',
  race: 'races',
  species: 'races',
  subrace: 'races',
  subraces: 'races',
  class: 'classes',
  subclass: 'classes',
  subclasses: 'classes',
  background: 'backgrounds',
  feat: 'feats',
};

/** Lower case, diacritics removed, split into letter/digit runs (FTS5 unicode61's rule). */
export function tokensOf(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{Co}]+/gu) ?? []
  );
}

interface Chunk {
  text: string;
  quoted: boolean;
  negated: boolean;
  /** No whitespace followed it: the user may still be typing it. */
  atEnd: boolean;
}

/** Splits at whitespace, keeping `"quoted text"` (closed or not) and a leading `-` together. */
function chunksOf(input: string): Chunk[] {
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/.test(input[i] as string)) i++;
    if (i >= input.length) break;
    let negated = false;
    if (input[i] === '-' && i + 1 < input.length && !/[\s-]/.test(input[i + 1] as string)) {
      negated = true;
      i++;
    }
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      const end = close === -1 ? input.length : close;
      chunks.push({ text: input.slice(i + 1, end), quoted: true, negated, atEnd: close === -1 });
      i = close === -1 ? input.length : close + 1;
      continue;
    }
    let end = i;
    while (end < input.length && !/\s/.test(input[end] as string) && input[end] !== '"') end++;
    chunks.push({ text: input.slice(i, end), quoted: false, negated, atEnd: end === input.length });
    i = end;
  }
  return chunks;
}

const FILTER = /^(in|source|edition):(.+)$/i;

export function parseQuery(input: string): ParsedQuery {
  const query: ParsedQuery = { terms: [], excluded: [], sources: [], editions: [], count: 0 };
  const chunks = chunksOf(input);
  for (const chunk of chunks) {
    const filter = !chunk.quoted && !chunk.negated ? FILTER.exec(chunk.text) : null;
    if (filter) {
      const key = (filter[1] as string).toLowerCase();
      const values = (filter[2] as string).split(',').map((v) => v.trim()).filter((v) => v !== '');
      if (key === 'in') {
        const kinds = values.map((v) => KIND_ALIASES[v.toLowerCase()]).filter((k): k is SearchKind => k !== undefined);
        query.kinds = [...new Set([...(query.kinds ?? []), ...kinds])];
      } else if (key === 'source') query.sources.push(...values);
      else query.editions.push(...values);
      query.count++;
      continue;
    }
    const explicitPrefix = !chunk.quoted && chunk.text.endsWith('*');
    const tokens = tokensOf(chunk.text);
    if (tokens.length === 0) continue;
    query.count++;
    const term: Term = {
      tokens,
      phrase: chunk.quoted,
      prefix: explicitPrefix || (!chunk.negated && chunk.atEnd && !chunk.quoted),
    };
    (chunk.negated ? query.excluded : query.terms).push(term);
  }
  return query;
}

export function tooManyTerms(query: ParsedQuery): boolean {
  return query.count > MAX_SEARCH_TERMS;
}

function phraseOf(term: Term): string {
  // Tokens hold letters and digits only; doubling quotes keeps that true if the rule changes.
  return `"${term.tokens.join(' ').replace(/"/g, '""')}"${term.prefix ? '*' : ''}`;
}

/** The FTS5 MATCH expression for the query, or undefined when it has no positive term. */
export function matchExpression(query: ParsedQuery): string | undefined {
  if (query.terms.length === 0) return undefined;
  const positive = query.terms.map(phraseOf).join(' AND ');
  if (query.excluded.length === 0) return positive;
  return `(${positive}) NOT (${query.excluded.map(phraseOf).join(' OR ')})`;
}

/** The MATCH expression requiring every positive term in the name (exclusions still apply to name and body). */
export function nameMatchExpression(query: ParsedQuery): string | undefined {
  if (query.terms.length === 0) return undefined;
  const inName = `name : (${query.terms.map(phraseOf).join(' AND ')})`;
  if (query.excluded.length === 0) return inName;
  return `(${inName}) NOT (${query.excluded.map(phraseOf).join(' OR ')})`;
}

/** The MATCH expression of the excluded terms alone (to drop name and typo candidates). */
export function exclusionExpression(query: ParsedQuery): string | undefined {
  if (query.excluded.length === 0) return undefined;
  return query.excluded.map(phraseOf).join(' OR ');
}
