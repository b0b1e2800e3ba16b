/**
 * What each database channel does, over one catalog. Runs in a database worker thread (the
 * in-process test transport runs it in the test process). The main thread has only checked the
 * sender, the channel name and the payload's structural limits: the one zod parse of a call
 * happens here, before anything is written. For table channels that parse is the repository's own
 * (it validates every input it is given), so the dispatcher only unpacks the request's envelope
 * (`{ id, patch }`, `{ rows }` …) by hand; the other channels parse their contract schema here.
 *
 * After every successful write (and after an import, which always writes its import_log row) it
 * emits `catalog:changed` naming the tables, so open views can refresh.
 */
import { MAX_BATCH_ROWS, channelsByName, contract, type CatalogChanged, type ChannelByName, type ChannelsRunning, type OutputOf } from '../../../src-shared/contract';
import { ENTITY_API, type EntityVerb, type EventName } from '../../../src-shared/channels';
import { catalogEntities, ENTITY_KEYS, type EntityKey } from '../../../src-shared/catalog/entities';
import type { DbStatus } from '../../../src-shared/db-types';
import { CatalogError, fail, type ValidationIssue } from '../../../src-shared/errors';
import type { ImportProgress, ImportResult } from '../../../src-shared/import-types';
import { validate, validationFailed } from '../../../src-shared/validation';
import type { Catalog } from '../../db/catalog';
import { checkIntegrity } from '../../db/integrity';
import { embeddedMigrations, readHistory } from '../../db/migrations';
import type { ReferencesOfInput, SearchInput } from '../../../src-shared/search';
import { rebuildReferences, referencesOf } from '../../db/references';
import { readSettings, updateSettings } from '../../db/settings';
import { searchCatalog } from '../../db/search';

/** Channels answered by the database host: everything not running in the main process. */
export type DatabaseChannelName = ChannelsRunning<'reader'> | ChannelsRunning<'writer'>;

/** One handler per database channel. Handlers receive the raw (structurally checked) input. */
export type Handlers = {
  [N in DatabaseChannelName]: (input: unknown, context: CallContext) => OutputOf<ChannelByName<N>>;
};

export interface CallContext {
  /** Aborted when the caller cancels (`import:cancel`, quitting); only imports look at it. */
  signal?: AbortSignal;
}

export interface DispatcherDependencies {
  /** Runs a 5etools import (the importer module). */
  importFiveEtools(
    catalog: Catalog,
    dataDir: string,
    options: { onProgress: (progress: ImportProgress) => void; signal?: AbortSignal },
  ): ImportResult;
  /** Sends an event towards the page (through the host and the main process). */
  emit(event: EventName, payload: unknown): void;
}

/** Tables an import writes (on success); a failed or cancelled run still writes its log row. */
const IMPORT_TABLES: EntityKey[] = ENTITY_KEYS.filter((key) => key !== 'contentReferences');

const cancelled = (): CatalogError =>
  fail('Cancelled', 'The import was cancelled; nothing of it was kept.', { operation: 'import' });

/** A request envelope that is not a plain object with exactly the expected keys. */
function envelope(channel: string, input: unknown, keys: readonly string[], required: readonly string[]): Record<string, unknown> {
  const issues: ValidationIssue[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    issues.push({ path: [], message: 'expected an object' });
  } else {
    for (const key of Object.keys(input)) {
      if (!keys.includes(key)) issues.push({ path: [key], message: `Unrecognized key: "${key}"` });
    }
    for (const key of required) {
      if ((input as Record<string, unknown>)[key] === undefined) issues.push({ path: [key], message: 'Required' });
    }
  }
  if (issues.length > 0) throw validationFailed(`request for ${channel}`, issues);
  return input as Record<string, unknown>;
}

/** The search input with the preferred rule system filled in where the caller named none (anything else is left to the search's own parse). */
function withPreference(input: unknown, preferRuleSystem: string): SearchInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || 'preferRuleSystem' in input) return input as SearchInput;
  return { ...(input as SearchInput), preferRuleSystem };
}

/** Runs `body`; a ValidationFailed from the repository gets its field paths prefixed with `at`. */
function within<T>(at: (string | number)[] | ((error: CatalogError) => (string | number)[]), body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (!(error instanceof CatalogError) || error.error.code !== 'ValidationFailed') throw error;
    const prefix = typeof at === 'function' ? at(error) : at;
    if (prefix.length === 0) throw error;
    const issues = error.error.details.issues.map((issue) => ({ ...issue, path: [...prefix, ...issue.path] }));
    throw new CatalogError({ ...error.error, details: { issues } });
  }
}

type AnyHandler = (input: unknown, context: CallContext) => unknown;

function entityHandlers(catalog: Catalog, key: EntityKey): Partial<Record<EntityVerb, AnyHandler>> {
  // One repository serves every verb; the contract types each verb's input and output.
  const repo = catalog[key] as unknown as Record<EntityVerb, (...args: unknown[]) => unknown>;
  const { label } = catalogEntities[key];
  const name = (verb: EntityVerb) => `${key}:${verb}`;
  const all: Record<EntityVerb, AnyHandler> = {
    create: (input) => repo.create(input),
    get: (input) => {
      const { id } = envelope(name('get'), input, ['id'], ['id']);
      return within(['id'], () => repo.get(id));
    },
    update: (input) => {
      const { id, patch } = envelope(name('update'), input, ['id', 'patch'], ['id', 'patch']);
      // The repository checks the id before the patch; its message says which one it refused.
      return within((error) => (error.message.startsWith(`Invalid ${label} id`) ? ['id'] : ['patch']), () => repo.update(id, patch));
    },
    delete: (input) => {
      const { id } = envelope(name('delete'), input, ['id'], ['id']);
      return within(['id'], () => repo.delete(id));
    },
    // The list schema itself is strict and reports every unknown key: only the object is checked here.
    list: (input) => repo.list(envelope(name('list'), input, Object.keys(input ?? {}), [])),
    summaries: (input) => repo.summaries(envelope(name('summaries'), input, Object.keys(input ?? {}), [])),
    count: (input) => {
      const { filter } = envelope(name('count'), input ?? {}, ['filter'], []);
      return within(['filter'], () => repo.count(filter));
    },
    batchUpsert: (input) => {
      const { rows } = envelope(name('batchUpsert'), input, ['rows'], ['rows']);
      if (Array.isArray(rows) && rows.length > MAX_BATCH_ROWS) {
        throw validationFailed(`request for ${name('batchUpsert')}`, [
          { path: ['rows'], message: `at most ${MAX_BATCH_ROWS} rows per call; import larger sets with import:5etools` },
        ]);
      }
      return within(['rows'], () => repo.batchUpsert(rows));
    },
  };
  return Object.fromEntries((ENTITY_API[key] as readonly EntityVerb[]).map((verb) => [verb, all[verb]]));
}

export function createHandlers(catalog: Catalog, deps: DispatcherDependencies): Handlers {
  const handlers: Record<string, AnyHandler> = {};
  for (const key of ENTITY_KEYS) {
    for (const [verb, handler] of Object.entries(entityHandlers(catalog, key))) handlers[`${key}:${verb}`] = handler;
  }
  const typed = handlers as unknown as Pick<Handlers, `${EntityKey}:${EntityVerb}` & DatabaseChannelName>;
  return {
    ...typed,
    'db:status': (input): DbStatus => {
      validate(contract.db.status.input, input, 'request for db:status');
      const { connection } = catalog;
      const history = readHistory(connection.sqlite);
      const counts: Record<string, number> = {};
      for (const key of ENTITY_KEYS) counts[key] = catalog[key].count({});
      return {
        file: connection.file,
        readonly: connection.readonly,
        schemaVersion: history.at(-1)?.version ?? 0,
        latestVersion: embeddedMigrations.length,
        counts,
      };
    },
    'db:check': (input) => {
      validate(contract.db.check.input, input, 'request for db:check');
      return checkIntegrity(catalog.connection.sqlite, 'full');
    },
    // Both parse their (still unknown) input with the contract's schema themselves.
    // A query that names no preferred rule system ranks by the user's setting.
    'search:query': (input) => searchCatalog(catalog.connection.sqlite, withPreference(input, readSettings(catalog.connection.sqlite).preferredRuleSystem)),
    'settings:get': (input) => {
      validate(contract.settings.get.input, input, 'request for settings:get');
      return readSettings(catalog.connection.sqlite);
    },
    'settings:update': (input) => {
      const { sqlite } = catalog.connection;
      return catalog.transaction(() => updateSettings(sqlite, input, () => rebuildReferences(sqlite)));
    },
    'references:of': (input) => referencesOf(catalog.connection.sqlite, input as ReferencesOfInput),
    'import:5etools': (input, { signal }) => {
      const { dataDir } = validate(contract.import.fiveEtools.input, input, 'request for import:5etools');
      // An import cancelled before it started still runs into the importer, which logs the run.
      return deps.importFiveEtools(catalog, dataDir, {
        onProgress: (progress) => {
          // Also a stop point of its own: progress is reported between batches, inside the
          // import's transaction, so throwing here rolls everything back whichever stage runs.
          if (signal?.aborted) throw cancelled();
          deps.emit('import:progress', progress);
        },
        ...(signal ? { signal } : {}),
      });
    },
  };
}

/** The tables a call on `channel` may have changed, or none for a channel that only reads. */
function changedBy(channel: string, succeeded: boolean): EntityKey[] {
  if (channel === contract.import.fiveEtools.channel) return succeeded ? IMPORT_TABLES : ['importLog'];
  // A new preferred rule system re-resolves references (the setting itself is no catalog table).
  if (channel === contract.settings.update.channel) return succeeded ? ['contentReferences'] : [];
  if (!succeeded || channelsByName.get(channel)?.runs !== 'writer') return [];
  const key = channel.slice(0, channel.indexOf(':'));
  return (ENTITY_KEYS as readonly string[]).includes(key) ? [key as EntityKey] : [];
}

export interface Dispatcher {
  /** Runs one call; throws a CatalogError (or any error, mapped by the caller) on failure. */
  run(channel: string, input: unknown, context?: CallContext): unknown;
}

export function createDispatcher(catalog: Catalog, deps: DispatcherDependencies): Dispatcher {
  const handlers = createHandlers(catalog, deps) as unknown as Record<string, AnyHandler>;
  const changed = (channel: string, succeeded: boolean) => {
    const tables = changedBy(channel, succeeded);
    if (tables.length > 0) deps.emit('catalog:changed', { tables, cause: channel } satisfies CatalogChanged);
  };
  return {
    run(channel, input, context = {}) {
      const handler = Object.hasOwn(handlers, channel) ? handlers[channel] : undefined;
      if (!handler) throw new Error(`No handler for channel '${channel}'.`);
      let result: unknown;
      try {
        result = handler(input, context);
      } catch (error) {
        changed(channel, false);
        throw error;
      }
      changed(channel, true);
      return result;
    },
  };
}
