/** All repositories over one connection: the database service the app, CLI and tests use. */
import { is } from 'drizzle-orm';
import { SQLiteTable as SQLiteTableClass, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { catalogEntities, type CatalogEntities, type EntityKey } from '../../src-shared/catalog/entities';
import * as tables from '../../src-shared/catalog/tables';
import type { Connection } from './connection';
import { keepReferencesCurrent } from './references/upkeep';
import { createRepository, type Repository } from './repository';
import { toCatalogError } from './sqlite-errors';

export type Repositories = { [K in EntityKey]: Repository<CatalogEntities[K]> };

export interface Catalog extends Repositories {
  readonly connection: Connection;
  /**
   * Runs `fn` in one write transaction (BEGIN IMMEDIATE); nested calls become savepoints.
   * Anything thrown rolls the whole transaction back and is rethrown as a CatalogError.
   */
  transaction<T>(fn: () => T): T;
}

/** Every drizzle table of the schema (entity tables plus helpers such as spell_classes). */
export const allTables: readonly SQLiteTable[] = (Object.values(tables) as unknown[]).filter(
  (value): value is SQLiteTable => is(value, SQLiteTableClass),
);

export function createCatalog(connection: Connection): Catalog {
  const { sqlite } = connection;
  const transaction = <T>(fn: () => T): T => {
    try {
      return sqlite.inTransaction ? sqlite.transaction(fn)() : sqlite.transaction(fn).immediate();
    } catch (error) {
      throw toCatalogError(error);
    }
  };
  const context = { db: connection.db, transaction, allTables };
  const repositories = Object.fromEntries(
    (Object.keys(catalogEntities) as EntityKey[]).map((key) => [key, createRepository(catalogEntities[key], context)]),
  ) as Repositories;
  // Rows saved through the API get their cross-references (content_references) rewritten.
  keepReferencesCurrent(repositories, sqlite, transaction);
  return { ...repositories, connection, transaction };
}
