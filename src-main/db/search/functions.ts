/**
 * SQL functions the search index's triggers call, registered on every connection the app, the
 * CLI, the tests and the benchmarks open (`openConnection`). A connection without them (the
 * `sqlite3` shell) can read the catalog but cannot write entity rows while the index exists.
 */
import type Database from 'better-sqlite3';
import { foldName } from '../../../src-shared/catalog/slug';
import { entriesToText } from '../../../src-shared/markup';
import type { SearchKind } from '../../../src-shared/search';

export { SEARCH_KINDS, type SearchKind } from '../../../src-shared/search';
export { foldName };

/**
 * The JSON columns whose text is a row's searchable body, in reading order. The triggers of
 * migration `catalog_search` pass exactly these to `mimir_search_text` (a test checks it), as
 * `bodyColumns` writes them.
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
 * The body's columns as SQL over the row `alias` (`NEW`, `OLD`, `t`). A subclass row holds its
 * class's features too (the importer's choice, so a row reads whole): only its own features are
 * its body, or every class feature would be indexed and cross-referenced once per subclass.
 */
export function bodyColumns(kind: SearchKind, alias: string): string {
  return BODY_COLUMNS[kind]
    .map((column) => (kind === 'classes' && column === 'features' ? `mimir_own_features(${alias}.class_type, ${alias}.features)` : `${alias}.${column}`))
    .join(', ');
}

/** A subclass's own features (those naming the subclass), as JSON text; a class's features as they are. */
export function ownFeatures(classType: unknown, features: unknown): unknown {
  if (classType !== 'subclass' || typeof features !== 'string') return features;
  let list: unknown;
  try {
    list = JSON.parse(features);
  } catch {
    return features;
  }
  if (!Array.isArray(list)) return features;
  return JSON.stringify(list.filter((feature) => typeof feature === 'object' && feature !== null && 'subclassShortName' in feature));
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

/**
 * Connections inside `deferSearchIndex` (upkeep.ts): there `mimir_search_deferred()` is 1 and the
 * insert and update triggers leave the index to the writer. Per connection, so rows saved on any
 * other connection are indexed at once.
 */
const deferredConnections = new WeakSet<Database.Database>();

export function isSearchIndexDeferred(sqlite: Database.Database): boolean {
  return deferredConnections.has(sqlite);
}

export function setSearchIndexDeferred(sqlite: Database.Database, deferred: boolean): void {
  if (deferred) deferredConnections.add(sqlite);
  else deferredConnections.delete(sqlite);
}

export function registerSearchFunctions(sqlite: Database.Database): void {
  sqlite.function('mimir_search_deferred', { deterministic: false }, () => (deferredConnections.has(sqlite) ? 1 : 0));
  sqlite.function('mimir_search_text', { deterministic: true, varargs: true }, (...columns: unknown[]) => searchText(...columns));
  sqlite.function('mimir_fold', { deterministic: true }, (name: unknown) => (typeof name === 'string' ? foldName(name) : null));
  sqlite.function('mimir_own_features', { deterministic: true }, (classType: unknown, features: unknown) => ownFeatures(classType, features) as string | null);
}
