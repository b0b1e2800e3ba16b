/**
 * Ranked search over the whole catalog (migration `catalog_search`).
 *
 * Candidates come from three places, each restricted by the query's filters:
 *   1. the folded name (`search_documents.folded_name`, indexed): names equal to the query or
 *      starting with it, ignoring case, accents, spaces and punctuation ("fire ball" = Fireball);
 *   2. FTS5 over name and body, every word required, ordered by bm25 with the name weighted
 *      NAME_WEIGHT times the body;
 *   3. for plain-word queries with a word no name contains: that word replaced by the closest
 *      name words of the index's vocabulary (`search_terms`, same first letter, within
 *      allowedEdits) and searched in names ("frieball" → fireball, "tarasque" → tarrasque).
 * Hits are ranked by how they matched — exact name, name prefix, all words in the name, typo,
 * body only — then by the score of that list; printings of the same name stay together, the
 * preferred rule system's first.
 */
import type Database from 'better-sqlite3';
import { fail } from '../../../src-shared/errors';
import {
  DEFAULT_SEARCH_LIMIT,
  MAX_SEARCH_TERMS,
  searchInputSchema,
  type SearchHit,
  type SearchInput,
  type SearchKind,
  type SearchMatch,
  type SearchResult,
} from '../../../src-shared/search';
import { entryLines, markupToText, type EntryLine } from '../../../src-shared/markup';
import { validate } from '../../../src-shared/validation';
import { bodyColumns, foldName, SEARCH_KINDS } from './functions';
import { exclusionExpression, matchExpression, nameMatchExpression, parseQuery, tokensOf, tooManyTerms, type ParsedQuery, type Term } from './query';
import { allowedEdits, editDistance, nameDistance } from './similarity';

/** bm25 weight of the name column relative to the body. */
export const NAME_WEIGHT = 10;
const SNIPPET_CHARS = 160;
const TYPO_CANDIDATES = 64;
/** Closest vocabulary words tried for one misspelt word. */
const TYPO_ALTERNATIVES = 5;

const MATCH_ORDER: Record<SearchMatch, number> = { exact: 0, prefix: 1, name: 2, typo: 3, body: 4 };

interface Candidate {
  docId: number;
  kind: SearchKind;
  id: string;
  name: string;
  /** foldName(name), as search_documents holds it (mimir_fold). */
  folded: string;
  source: string;
  ruleSystem: string;
  match: SearchMatch;
  /** Lower is better, within one kind of match; `rank` first, then `score`. */
  rank: number;
  score: number;
}

interface DocRow {
  doc_id: number;
  entity_type: SearchKind;
  entity_id: string;
  name: string;
  folded_name: string;
  source_id: string;
  rule_system_id: string;
  score: number;
}

/** Anything with a better-sqlite3 handle: a Catalog, a Connection, or the handle itself. */
export type SearchTarget = Database.Database | { sqlite: Database.Database } | { connection: { sqlite: Database.Database } };

function handleOf(target: SearchTarget): Database.Database {
  if ('connection' in target) return target.connection.sqlite;
  if ('sqlite' in target) return target.sqlite;
  return target;
}

const FILTERS = `
  AND (@kinds IS NULL OR d.entity_type IN (SELECT value FROM json_each(@kinds)))
  AND (@sources IS NULL OR upper(d.source_id) IN (SELECT upper(value) FROM json_each(@sources)))
  AND (@systems IS NULL OR d.rule_system_id IN (SELECT value FROM json_each(@systems)))`;
const DOC_COLUMNS = 'd.doc_id, d.entity_type, d.entity_id, d.name, d.folded_name, d.source_id, d.rule_system_id';

interface Statements {
  byFoldedName: Database.Statement;
  fullText: Database.Statement;
  fullTextUnfiltered: Database.Statement;
  inNames: Database.Statement;
  nameWords: Database.Statement;
  changes: Database.Statement;
  excluded: Database.Statement;
  ruleSystems: Database.Statement;
  body: Record<SearchKind, Database.Statement>;
}

const statementCache = new WeakMap<Database.Database, Statements>();

function statementsFor(sqlite: Database.Database): Statements {
  let statements = statementCache.get(sqlite);
  if (statements) return statements;
  statements = {
    // A range on the folded-name index: equal names first, then the shortest names that start with it.
    byFoldedName: sqlite.prepare(`
      SELECT ${DOC_COLUMNS}, length(d.folded_name) AS score FROM search_documents d
      WHERE d.folded_name >= @folded AND d.folded_name < @folded || char(1114111) ${FILTERS}
      ORDER BY length(d.folded_name), d.name, d.entity_type, d.entity_id LIMIT @limit`),
    fullText: sqlite.prepare(`
      SELECT ${DOC_COLUMNS}, bm25(search_index, ${NAME_WEIGHT}.0, 1.0) AS score
      FROM search_index JOIN search_documents d ON d.doc_id = search_index.rowid
      WHERE search_index MATCH @match ${FILTERS}
      ORDER BY score, d.name, d.entity_type, d.entity_id LIMIT @limit`),
    // Without filters, FTS5 ranks and cuts the window on its own before the join: the join and
    // the filter checks then run for the window's rows only, not for every match.
    fullTextUnfiltered: sqlite.prepare(`
      SELECT ${DOC_COLUMNS}, s.score FROM
        (SELECT rowid, bm25(search_index, ${NAME_WEIGHT}.0, 1.0) AS score FROM search_index
         WHERE search_index MATCH @match ORDER BY score LIMIT @limit) s
      JOIN search_documents d ON d.doc_id = s.rowid
      ORDER BY s.score, d.name, d.entity_type, d.entity_id`),
    // Matches in the name column, shortest names first: the closest names, however long their bodies.
    inNames: sqlite.prepare(`
      SELECT ${DOC_COLUMNS}, bm25(search_index, ${NAME_WEIGHT}.0, 1.0) AS score
      FROM search_index JOIN search_documents d ON d.doc_id = search_index.rowid
      WHERE search_index MATCH @match ${FILTERS}
      ORDER BY length(d.name), score, d.name, d.entity_type, d.entity_id LIMIT @limit`),
    nameWords: sqlite.prepare("SELECT term FROM search_terms WHERE col = 'name'").pluck(),
    // Changes by any connection (data_version) and by this one (total_changes): when the name vocabulary may be stale.
    changes: sqlite.prepare('SELECT (SELECT data_version FROM pragma_data_version) || \'/\' || total_changes()').pluck(),
    excluded: sqlite.prepare(
      'SELECT rowid FROM search_index WHERE search_index MATCH @match AND rowid IN (SELECT value FROM json_each(@ids))',
    ),
    ruleSystems: sqlite.prepare(`
      SELECT id FROM rule_systems
      WHERE id IN (SELECT value FROM json_each(@editions))
         OR version IN (SELECT value FROM json_each(@editions))
         OR EXISTS (SELECT 1 FROM json_each(@editions) e WHERE rule_systems.id LIKE '%-' || e.value)`),
    // The body's columns as stored: the snippet reduces only the paragraphs it shows.
    body: Object.fromEntries(
      SEARCH_KINDS.map((kind) => [kind, sqlite.prepare(`SELECT ${bodyColumns(kind, 't')} FROM ${kind} t WHERE t.id = ?`).raw()]),
    ) as Record<SearchKind, Database.Statement>,
  };
  statementCache.set(sqlite, statements);
  return statements;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function candidateOf(row: DocRow, match: SearchMatch, score: number, rank = 0): Candidate {
  return {
    rank,
    docId: row.doc_id,
    kind: row.entity_type,
    id: row.entity_id,
    name: row.name,
    folded: row.folded_name,
    source: row.source_id,
    ruleSystem: row.rule_system_id,
    match,
    score,
  };
}

/**
 * How many name words the query leaves unmatched when every positive term's tokens appear in
 * the name (the last as a prefix when it is one), else undefined. "red dragon" leaves one word
 * of "Adult Red Dragon" and two of "Half-Red Dragon Veteran".
 */
function nameMatch(name: string, terms: readonly Term[]): number | undefined {
  const words = tokensOf(name);
  const joined = ` ${words.join(' ')} `;
  const all = terms.every((term) => {
    const text = term.tokens.join(' ');
    return term.prefix ? joined.includes(` ${text}`) : joined.includes(` ${text} `);
  });
  if (!all) return undefined;
  const used = terms.reduce((n, term) => n + term.tokens.length, 0);
  return Math.max(0, words.length - used);
}

/**
 * The MATCH expression of the query with each word no name contains replaced by the closest
 * name words (OR), restricted to the name column; undefined when no word needed a correction or
 * some word has no close name word.
 */
interface Vocabulary {
  stamp: string;
  byFirstLetter: Map<string, string[]>;
}

const vocabularies = new WeakMap<Statements, Vocabulary>();

/** The words of all names, by first letter; read once and again only after the catalog changed. */
function nameVocabulary(statements: Statements): Vocabulary {
  const stamp = statements.changes.get() as string;
  let vocabulary = vocabularies.get(statements);
  if (vocabulary?.stamp === stamp) return vocabulary;
  const byFirstLetter = new Map<string, string[]>();
  for (const word of statements.nameWords.all() as string[]) {
    const first = word.charAt(0);
    const list = byFirstLetter.get(first);
    if (list) list.push(word);
    else byFirstLetter.set(first, [word]);
  }
  vocabulary = { stamp, byFirstLetter };
  vocabularies.set(statements, vocabulary);
  return vocabulary;
}

function correctedExpression(statements: Statements, terms: readonly Term[]): string | undefined {
  const vocabulary = nameVocabulary(statements);
  const wordsStartingWith = (first: string) => vocabulary.byFirstLetter.get(first) ?? [];
  let corrected = false;
  const parts: string[] = [];
  for (const term of terms) {
    for (const [index, token] of term.tokens.entries()) {
      const prefix = term.prefix && index === term.tokens.length - 1;
      const max = allowedEdits(token.length);
      const words = wordsStartingWith(token.charAt(0));
      const known = words.some((word) => (prefix ? word.startsWith(token) : word === token));
      if (known || max === 0) {
        parts.push(`"${token}"${prefix ? '*' : ''}`);
        continue;
      }
      const close = words
        .map((word) => {
          const whole = editDistance(token, word, max);
          return { word, distance: prefix ? Math.min(whole, editDistance(token, word.slice(0, token.length), max)) : whole };
        })
        .filter((c) => c.distance <= max)
        .sort((a, b) => a.distance - b.distance || a.word.length - b.word.length)
        .slice(0, TYPO_ALTERNATIVES);
      if (close.length === 0) return undefined;
      corrected = true;
      parts.push(`(${close.map((c) => `"${c.word}"`).join(' OR ')})`);
    }
  }
  return corrected ? `name : (${parts.join(' AND ')})` : undefined;
}

function isPlainWords(query: ParsedQuery): boolean {
  return query.terms.length > 0 && query.terms.length <= 4 && query.terms.every((term) => !term.phrase);
}

interface WantedWord {
  token: string;
  prefix: boolean;
}

function wantedWords(terms: readonly Term[]): WantedWord[] {
  return terms.flatMap((term) => term.tokens.map((token, i) => ({ token, prefix: term.prefix && i === term.tokens.length - 1 })));
}

function isWanted(word: string, wanted: readonly WantedWord[]): boolean {
  // Lower-casing keeps the length of ASCII words; others are folded like the index folds them.
  const folded = /^[a-zA-Z0-9]+$/.test(word) ? word.toLowerCase() : (tokensOf(word)[0] ?? '');
  return wanted.some((w) => (w.prefix ? folded.startsWith(w.token) : folded === w.token));
}

const WORD = /[\p{L}\p{N}\p{Co}]+/gu;
/** For exec loops that set lastIndex first (never handed to matchAll, which starts at lastIndex). */
const WORD_SCAN = /[\p{L}\p{N}\p{Co}]+/gu;
const WORD_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;
/** Whether a word character outside ASCII is in the text (then words need the general, folding comparison). */
function hasNonAsciiWordCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) continue;
    // A surrogate half stands for a character outside the BMP: assume it may be a letter.
    if ((code >= 0xd800 && code <= 0xdfff) || WORD_CHARACTER.test(text.charAt(i))) return true;
  }
  return false;
}
const isAsciiWordCode = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/**
 * Where the first wanted word of `text` starts, and where that word ends; -1 when there is none.
 * Searches each word with indexOf instead of visiting every word of the text; only for texts
 * whose words are all ASCII (then a word is wanted exactly when its lower case is the token, or
 * starts with it for a prefix), else undefined: the caller visits the words.
 */
function firstWantedAscii(text: string, wanted: readonly WantedWord[]): [number, number] | undefined {
  if (hasNonAsciiWordCharacter(text)) return undefined;
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return undefined;
  let best = -1;
  for (const { token, prefix } of wanted) {
    if (token === '') continue;
    for (let at = lower.indexOf(token); at !== -1 && (best === -1 || at < best); at = lower.indexOf(token, at + 1)) {
      if (at > 0 && isAsciiWordCode(lower.charCodeAt(at - 1))) continue;
      const after = at + token.length;
      if (!prefix && after < lower.length && isAsciiWordCode(lower.charCodeAt(after))) continue;
      best = at;
      break;
    }
  }
  if (best === -1) return [-1, -1];
  let end = best;
  while (end < lower.length && isAsciiWordCode(lower.charCodeAt(end))) end++;
  return [best, end];
}

/** Where the first wanted word of `text` starts and ends, visiting its words; -1 when there is none. */
function firstWanted(text: string, wanted: readonly WantedWord[]): [number, number] {
  const fast = firstWantedAscii(text, wanted);
  if (fast) return fast;
  for (const word of text.matchAll(WORD)) if (isWanted(word[0], wanted)) return [word.index, word.index + word[0].length];
  return [-1, -1];
}

/** Whether a query word is one of the text's words. */
function holdsWord(text: string, wanted: readonly WantedWord[]): boolean {
  return firstWanted(text, wanted)[0] !== -1;
}

/**
 * The snippet: about SNIPPET_CHARS characters of the body around the first word that matches a
 * query term, with every matching word inside it marked.
 */
export function snippetOf(body: string, terms: readonly Term[]): { snippet: string; highlights: [number, number][] } {
  const text = body.replace(/\s+/g, ' ').trim();
  const wanted = wantedWords(terms);
  const matches: [number, number][] = [];
  let start = 0;
  let end = Math.min(text.length, SNIPPET_CHARS);
  const first = firstWanted(text, wanted);
  const windowSet = first[0] !== -1;
  if (windowSet) {
    // The window around the first match, then every match inside it.
    const range = first;
    if (range[1] > SNIPPET_CHARS - 20) {
      start = Math.max(0, range[0] - 40);
      const space = text.indexOf(' ', start);
      if (space !== -1 && space < range[0]) start = space + 1;
    }
    end = Math.min(text.length, start + SNIPPET_CHARS);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > start + SNIPPET_CHARS / 2 && space >= range[1]) end = space;
    }
    const words = WORD_SCAN;
    words.lastIndex = range[0];
    for (let word = words.exec(text); word !== null && word.index < end; word = words.exec(text)) {
      const at: [number, number] = [word.index, word.index + word[0].length];
      if ((at[0] === range[0] || isWanted(word[0], wanted)) && at[1] <= end) matches.push(at);
    }
  }
  if (!windowSet && end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > SNIPPET_CHARS / 2) end = space;
  }
  const prefix = start > 0 ? '… ' : '';
  const suffix = end < text.length ? ' …' : '';
  const shift = prefix.length - start;
  return {
    snippet: `${prefix}${text.slice(start, end)}${suffix}`,
    highlights: matches.map(([a, b]) => [a + shift, b + shift]),
  };
}

function* linesOf(columns: readonly unknown[]): Generator<EntryLine> {
  for (const column of columns) {
    if (typeof column !== 'string' || column === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(column);
    } catch {
      value = column;
    }
    for (const line of entryLines(value)) yield line;
  }
}

const plain = (line: EntryLine) => (line.markup ? markupToText(line.text) : line.text);

/**
 * The snippet of a row's body columns: from the first paragraph holding a query word (the
 * body's start when none does, as for a name match). Markup is reduced only in the paragraphs
 * shown and in those whose raw text contains a query word.
 */
function snippetOfColumns(
  columns: readonly unknown[],
  terms: readonly Term[],
  lookForWords: boolean,
): { snippet: string; highlights: [number, number][] } {
  const tokens = terms.flatMap((term) => term.tokens);
  const wanted = wantedWords(terms);
  const enough = SNIPPET_CHARS * 2;
  let start = '';
  let text: string | undefined;
  for (const line of linesOf(columns)) {
    if (!lookForWords) {
      start += start === '' ? plain(line) : ` ${plain(line)}`;
      if (start.length >= enough) break;
      continue;
    }
    if (text !== undefined) {
      text += ` ${plain(line)}`;
      if (text.length >= enough) break;
      continue;
    }
    const raw = line.text.toLowerCase();
    const candidate = tokens.some((token) => raw.includes(token));
    if (!candidate && start.length >= enough) continue;
    const reduced = plain(line);
    if (start.length < enough) start += start === '' ? reduced : ` ${reduced}`;
    if (candidate && holdsWord(reduced, wanted)) text = reduced;
  }
  return snippetOf(text ?? start, terms);
}

/**
 * Searches the catalog. Over-long input or a bad option is ValidationFailed; any other text —
 * stray quotes, hyphens, colons, brackets, unknown filters — gives hits or an empty list.
 */
export function searchCatalog(target: SearchTarget, input: SearchInput): SearchResult {
  const options = validate(searchInputSchema, input, 'search query');
  const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
  const offset = options.offset ?? 0;
  const query = parseQuery(options.text);
  if (tooManyTerms(query)) {
    throw fail('ValidationFailed', `A search may have at most ${MAX_SEARCH_TERMS} words, phrases and filters.`, {
      issues: [{ path: ['text'], message: `more than ${MAX_SEARCH_TERMS} terms` }],
    });
  }
  const empty: SearchResult = { hits: [], limit, offset, hasMore: false };
  const match = matchExpression(query);
  if (match === undefined) return empty;

  const sqlite = handleOf(target);
  const statements = statementsFor(sqlite);

  let kinds: readonly SearchKind[] | undefined = options.kinds;
  if (query.kinds) kinds = kinds ? kinds.filter((k) => query.kinds?.includes(k)) : query.kinds;
  if (kinds && kinds.length === 0) return empty;
  let systems: string[] | undefined;
  if (query.editions.length > 0) {
    systems = statements.ruleSystems.pluck().all({ editions: JSON.stringify(query.editions) }) as string[];
    if (systems.length === 0) return empty;
  }
  const filters = {
    kinds: kinds ? JSON.stringify(kinds) : null,
    sources: query.sources.length > 0 ? JSON.stringify(query.sources) : null,
    systems: systems ? JSON.stringify(systems) : null,
  };
  const window = offset + limit + 1;
  const candidates = new Map<number, Candidate>();
  const add = (candidate: Candidate) => {
    const known = candidates.get(candidate.docId);
    if (!known || MATCH_ORDER[candidate.match] < MATCH_ORDER[known.match]) candidates.set(candidate.docId, candidate);
  };
  // Name candidates are checked against the exclusions separately; FTS applies them itself.
  const nameCandidates: Candidate[] = [];

  const folded = foldName(query.terms.map((term) => term.tokens.join('')).join(''));
  if (folded !== '') {
    for (const row of statements.byFoldedName.all({ ...filters, folded, limit: window }) as DocRow[]) {
      nameCandidates.push(candidateOf(row, row.folded_name === folded ? 'exact' : 'prefix', row.score));
    }
  }
  for (const row of statements.inNames.all({ ...filters, match: nameMatchExpression(query), limit: window + nameCandidates.length }) as DocRow[]) {
    const extraWords = nameMatch(row.name, query.terms);
    if (extraWords !== undefined) add(candidateOf(row, 'name', row.score, extraWords));
  }
  const unfiltered = filters.kinds === null && filters.sources === null && filters.systems === null;
  const fullText = (match: string, limit: number) =>
    (unfiltered ? statements.fullTextUnfiltered.all({ match, limit }) : statements.fullText.all({ ...filters, match, limit })) as DocRow[];
  for (const row of fullText(match, window + candidates.size + nameCandidates.length)) {
    const extraWords = nameMatch(row.name, query.terms);
    add(candidateOf(row, extraWords === undefined ? 'body' : 'name', row.score, extraWords ?? 0));
  }
  // Typo correction only when no name holds the words as written, and the rules text does not
  // fill the page with them either ("frightened" is a word, not a misspelt name).
  const nameFound = nameCandidates.length > 0 || [...candidates.values()].some((c) => c.match === 'name');
  const corrected = !nameFound && candidates.size < window && isPlainWords(query) ? correctedExpression(statements, query.terms) : undefined;
  if (corrected) {
    const max = allowedEdits(folded.length);
    const words = query.terms.reduce((n, term) => n + term.tokens.length, 0);
    for (const row of fullText(corrected, TYPO_CANDIDATES)) {
      const nameWords = tokensOf(row.name);
      const distance = nameDistance(folded, words, nameWords, Math.max(max, words * 2));
      // Closest spelling first, then the names with the fewest other words.
      nameCandidates.push(candidateOf(row, 'typo', row.score, distance * 100 + Math.max(0, nameWords.length - words)));
    }
  }
  const exclusion = exclusionExpression(query);
  const excluded = new Set<number>();
  if (exclusion && nameCandidates.length > 0) {
    const ids = JSON.stringify(nameCandidates.map((c) => c.docId));
    for (const id of statements.excluded.pluck().all({ match: exclusion, ids }) as number[]) excluded.add(id);
  }
  for (const candidate of nameCandidates) if (!excluded.has(candidate.docId)) add(candidate);

  const ranked = [...candidates.values()].sort(
    // Ties go by name, kind and id, never by doc_id: a rebuilt index numbers its rows anew.
    (a, b) =>
      MATCH_ORDER[a.match] - MATCH_ORDER[b.match] ||
      a.rank - b.rank ||
      a.score - b.score ||
      compare(a.name, b.name) ||
      compare(a.kind, b.kind) ||
      compare(a.id, b.id),
  );
  const ordered = groupPrintings(ranked, options.preferRuleSystem);
  const page = ordered.slice(offset, offset + limit);
  const hits: SearchHit[] = page.map((candidate) => {
    const columns = (statements.body[candidate.kind].get(candidate.id) as unknown[] | undefined) ?? [];
    // A name match shows the body's start; only body and all-words-in-name matches look for the words.
    const lookForWords = candidate.match === 'body' || candidate.match === 'name';
    const { snippet, highlights } = snippetOfColumns(columns, query.terms, lookForWords);
    return {
      kind: candidate.kind,
      id: candidate.id,
      name: candidate.name,
      source: candidate.source,
      ruleSystem: candidate.ruleSystem,
      match: candidate.match,
      snippet,
      highlights,
    };
  });
  return { hits, limit, offset, hasMore: ordered.length > offset + limit };
}

/**
 * Keeps printings of one name (same kind, same folded name) together at the place of the best
 * of them, the preferred rule system's printing first.
 */
function groupPrintings(ranked: readonly Candidate[], prefer: string | undefined): Candidate[] {
  const groups = new Map<string, Candidate[]>();
  for (const candidate of ranked) {
    const key = `${candidate.kind}\u0000${candidate.folded}`;
    const group = groups.get(key);
    if (group) group.push(candidate);
    else groups.set(key, [candidate]);
  }
  const out: Candidate[] = [];
  for (const group of groups.values()) {
    if (prefer) group.sort((a, b) => Number(b.ruleSystem === prefer) - Number(a.ruleSystem === prefer));
    out.push(...group);
  }
  return out;
}
