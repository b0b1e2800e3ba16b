/**
 * SQL functions the search index's triggers call, registered on every connection the app, the
 * CLI, the tests and the benchmarks open (`openConnection`). A connection without them (the
 * `sqlite3` shell) can read the catalog but cannot write entity rows while the index exists.
 */
import type Database from 'better-sqlite3';
import { entriesToText } from '../../../src-shared/markup';
import type { SearchKind } from '../../../src-shared/search';

export { SEARCH_KINDS, type SearchKind } from '../../../src-shared/search';

/**
 * The JSON columns whose text is a row's searchable body, in reading order. The triggers of
 * migration `catalog_search` pass exactly these columns to `mimir_search_text` (a test checks it).
 */
export const BODY_COLUMNS: Readonly<Record<SearchKind, readonly string[]>> = {
  spells: ['entries', 'upcast_info'],
  // type and type_tags: the stat block's "Medium undead (goblinoid)" line.
  creatures: ['type', 'type_tags', 'entries', 'traits', 'actions', 'reactions', 'legendary_actions', 'lair_actions', 'regional_effects'],
  items: ['entries'],
  races: ['entries'],
  classes: ['entries', 'features'],
  backgrounds: ['entries'],
  feats: ['entries'],
};

/**
 * A name folded for comparison: diacritics removed, lower case, letters and digits only, so
 * "Fire Ball", "fireball" and "Fireball" fold alike ("fireball").
 */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The plain text of columns (JSON text, plain text or NULL), one paragraph per line. */
export function searchText(...columns: unknown[]): string {
  const parts: string[] = [];
  for (const column of columns) {
    if (typeof column !== 'string' || column === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(column);
    } catch {
      value = column; // A plain text column (creatures.type); never fail a write on odd text.
    }
    const text = entriesToText(value);
    if (text !== '') parts.push(text);
  }
  return parts.join('\n');
}

export function registerSearchFunctions(sqlite: Database.Database): void {
  sqlite.function('mimir_search_text', { deterministic: true, varargs: true }, (...columns: unknown[]) => searchText(...columns));
  sqlite.function('mimir_fold', { deterministic: true }, (name: unknown) => (typeof name === 'string' ? foldName(name) : null));
}
