/**
 * Keeps a row's outgoing references current when it is saved through the repositories (the
 * API): after create, update and batch upsert of a linked kind (the searchable kinds and rules
 * terms), in the same transaction.
 * Deletion needs nothing here: a trigger removes the deleted row's references.
 */
import type Database from 'better-sqlite3';
import { REFERENCE_KINDS, type ReferenceKind } from '../../../src-shared/search';
import { writeReferencesFor } from './references';

/** The API key of each linked table (`rules_terms` is `rulesTerms`). */
const REPOSITORY_OF: Record<ReferenceKind, string> = {
  spells: 'spells',
  creatures: 'creatures',
  items: 'items',
  races: 'races',
  classes: 'classes',
  backgrounds: 'backgrounds',
  feats: 'feats',
  rules_terms: 'rulesTerms',
};

interface SavingRepository {
  create(input: never): { id: unknown };
  update(id: never, patch: never): { id: unknown };
  batchUpsert(rows: never[]): unknown;
}

/**
 * Wraps create, update and batchUpsert of the searchable kinds' repositories in place.
 * `transaction` is the catalog's (a savepoint inside an open transaction).
 */
export function keepReferencesCurrent(
  repositories: Partial<Record<string, unknown>>,
  sqlite: Database.Database,
  transaction: <T>(fn: () => T) => T,
): void {
  for (const kind of REFERENCE_KINDS) {
    const repository = repositories[REPOSITORY_OF[kind]] as SavingRepository | undefined;
    if (!repository) continue;
    const refresh = (id: unknown) => {
      if (typeof id === 'string') writeReferencesFor(sqlite, kind, id);
    };
    const { create, update, batchUpsert } = repository;
    repository.create = ((input: never) =>
      transaction(() => {
        const row = create.call(repository, input);
        refresh(row.id);
        return row;
      })) as SavingRepository['create'];
    repository.update = ((id: never, patch: never) =>
      transaction(() => {
        const row = update.call(repository, id, patch);
        refresh(row.id);
        return row;
      })) as SavingRepository['update'];
    repository.batchUpsert = ((rows: never[]) =>
      transaction(() => {
        const result = batchUpsert.call(repository, rows);
        for (const row of rows as { id?: unknown }[]) refresh(row.id);
        return result;
      })) as SavingRepository['batchUpsert'];
  }
}
