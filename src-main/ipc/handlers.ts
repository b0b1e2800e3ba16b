/**
 * What each channel does, over one catalog. Runs wherever the database lives (the database host
 * worker in the app, the test process in tests). Inputs arrive already validated by the router.
 */
import { ENTITY_VERBS, type ChannelByName, type ChannelName, type OutputOf, type ParsedInputOf } from '../../src-shared/contract';
import { catalogEntities, type EntityKey } from '../../src-shared/catalog/entities';
import type { DbStatus } from '../../src-shared/db-types';
import type { ImportProgress, ImportResult } from '../../src-shared/import-types';
import type { Catalog } from '../db/catalog';
import { checkIntegrity } from '../db/integrity';
import { readHistory } from '../db/migrations';
import { embeddedMigrations } from '../db/migrations';

export type Handlers = {
  [N in ChannelName]: (
    input: ParsedInputOf<ChannelByName<N>>,
  ) => OutputOf<ChannelByName<N>> | Promise<OutputOf<ChannelByName<N>>>;
};

export interface HandlerDependencies {
  /** Runs a 5etools import (the importer module); progress goes to `onProgress`. */
  importFiveEtools(catalog: Catalog, dataDir: string, onProgress: (progress: ImportProgress) => void): ImportResult;
  /** Receives progress events of running imports (forwarded to the renderer). */
  onProgress(progress: ImportProgress): void;
}

type AnyHandler = (input: unknown) => unknown;

export function createHandlers(catalog: Catalog, deps: HandlerDependencies): Handlers {
  const handlers: Record<string, AnyHandler> = {};
  for (const key of Object.keys(catalogEntities) as EntityKey[]) {
    // One repository serves all seven verbs; the contract types each verb's input and output.
    const repo = catalog[key] as unknown as Record<(typeof ENTITY_VERBS)[number], (...args: unknown[]) => unknown>;
    const byVerb: Record<(typeof ENTITY_VERBS)[number], AnyHandler> = {
      create: (input) => repo.create(input),
      get: (input) => repo.get((input as { id: unknown }).id),
      update: (input) => repo.update((input as { id: unknown }).id, (input as { patch: unknown }).patch),
      delete: (input) => repo.delete((input as { id: unknown }).id),
      list: (input) => repo.list(input),
      count: (input) => repo.count((input as { filter?: unknown }).filter),
      batchUpsert: (input) => repo.batchUpsert((input as { rows: unknown }).rows),
    };
    for (const verb of ENTITY_VERBS) handlers[`${key}:${verb}`] = byVerb[verb];
  }

  const typed = handlers as unknown as Pick<Handlers, `${EntityKey}:${(typeof ENTITY_VERBS)[number]}`>;
  return {
    ...typed,
    'db:status': (): DbStatus => {
      const { connection } = catalog;
      const history = readHistory(connection.sqlite);
      const counts: Record<string, number> = {};
      for (const key of Object.keys(catalogEntities) as EntityKey[]) counts[key] = catalog[key].count({});
      return {
        file: connection.file,
        readonly: connection.readonly,
        schemaVersion: history.at(-1)?.version ?? 0,
        latestVersion: embeddedMigrations.length,
        counts,
      };
    },
    'db:check': () => checkIntegrity(catalog.connection.sqlite, 'full'),
    'import:5etools': ({ dataDir }) => deps.importFiveEtools(catalog, dataDir, deps.onProgress),
    'import:history': (input) =>
      catalog.importLog.list({ ...input, sort: input.sort ?? { by: 'id', direction: 'desc' } }),
  };
}
