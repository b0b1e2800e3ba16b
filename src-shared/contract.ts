/**
 * The IPC contract: every channel the renderer can call, with the zod schema of its input and
 * the type of its output. The main-process router, the preload and the renderer client are all
 * derived from this one object, so adding a channel is one edit here, and a handler, client
 * method or call site that disagrees with it is a compile error.
 *
 * Channels are named `<namespace>:<verb>` (`spells:list`, `db:status`, `import:5etools`); the
 * client exposes them as `window.mimir.<namespace>.<method>(input)`.
 */
import { z } from 'zod';
import {
  listInputSchema,
  filterSchema,
  type EntityDefinition,
  type IdOf,
  type Page,
  type RowOf,
  type UpsertResult,
} from './catalog/define';
import { catalogEntities, ENTITY_KEYS, importLogEntity, type CatalogEntities, type EntityKey } from './catalog/entities';
import { CHANNELS, type Channels } from './channels';
import type { DbStatus, IntegrityReport } from './db-types';
import type { ImportResult } from './import-types';

/** One channel. `output` exists only at the type level. */
export interface Channel<Name extends string = string, Input extends z.ZodType = z.ZodType, Output = unknown> {
  readonly channel: Name;
  readonly input: Input;
  readonly output?: Output;
}

function channel<Output>() {
  return <Name extends string, Input extends z.ZodType>(name: Name, input: Input): Channel<Name, Input, Output> => ({
    channel: name,
    input,
  });
}

/** Most rows one batchUpsert call may carry; larger imports go through `import:5etools`. */
export const MAX_BATCH_ROWS = 1000;

export { CHANNEL_NAMES, ENTITY_VERBS, IMPORT_PROGRESS_EVENT, type EntityVerb } from './channels';

function entityChannels<K extends EntityKey, D extends EntityDefinition>(key: K, definition: D) {
  // A definition types its id schema as `string | number`; the row type says which.
  const id = definition.id as z.ZodType<IdOf<D>, IdOf<D>>;
  const filter = filterSchema(definition);
  const list = listInputSchema(definition);
  return {
    create: channel<RowOf<D>>()(`${key}:create`, definition.insert as D['insert']),
    get: channel<RowOf<D>>()(`${key}:get`, z.strictObject({ id })),
    update: channel<RowOf<D>>()(`${key}:update`, z.strictObject({ id, patch: definition.update as D['update'] })),
    delete: channel<{ id: IdOf<D> }>()(`${key}:delete`, z.strictObject({ id })),
    list: channel<Page<RowOf<D>>>()(`${key}:list`, list),
    count: channel<number>()(`${key}:count`, z.strictObject({ filter: filter.optional() })),
    batchUpsert: channel<UpsertResult>()(
      `${key}:batchUpsert`,
      z.strictObject({ rows: z.array(definition.insert as D['insert']).max(MAX_BATCH_ROWS) }),
    ),
  };
}

type EntityContract = {
  [K in EntityKey]: ReturnType<typeof entityChannels<K, CatalogEntities[K]>>;
};

const noInput = z.strictObject({}).optional();

/**
 * A folder chosen in the renderer (e.g. from an open dialog). Absolute only: a relative path would
 * be resolved against the main process's working directory, which the renderer cannot know.
 * POSIX `/…`, Windows `C:\…` or `C:/…`, or a UNC share `\\server\…`.
 */
const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/, 'must be an absolute path to a folder');

export const contract = {
  ...(Object.fromEntries(
    ENTITY_KEYS.map((key) => [key, entityChannels(key, catalogEntities[key])]),
  ) as EntityContract),
  db: {
    /** File, schema version and row counts. */
    status: channel<DbStatus>()(CHANNELS.db.status, noInput),
    /** integrity_check, foreign keys and schema drift. */
    check: channel<IntegrityReport>()(CHANNELS.db.check, noInput),
  },
  import: {
    /** Imports a 5etools data folder; progress arrives as `import:progress` events. */
    fiveEtools: channel<ImportResult>()(CHANNELS.import.fiveEtools, z.strictObject({ dataDir: absolutePath })),
    /** Past import runs (import_log), newest first by default. */
    history: channel<Page<RowOf<typeof importLogEntity>>>()(CHANNELS.import.history, listInputSchema(importLogEntity)),
  },
};

export type Contract = typeof contract;
export type Namespace = keyof Contract;
export type MethodOf<N extends Namespace> = keyof Contract[N] & string;
type AnyChannel = Channel<string, z.ZodType, unknown>;

/** Every channel of the contract as a union. */
export type ContractChannel = { [N in Namespace]: Contract[N][MethodOf<N>] }[Namespace];
export type ChannelName = ContractChannel extends Channel<infer Name, z.ZodType, unknown> ? Name : never;
export type ChannelByName<Name extends ChannelName> = Extract<ContractChannel, { channel: Name }>;
/** What a caller sends (zod input) and what a handler receives (zod output, validated). */
export type InputOf<C> = C extends Channel<string, infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<C> = C extends Channel<string, infer I, unknown> ? z.output<I> : never;
export type OutputOf<C> = C extends Channel<string, z.ZodType, infer O> ? O : never;

/** Flat lookup `channel name → channel`, for the router. */
export const channelsByName: ReadonlyMap<string, AnyChannel> = new Map(
  Object.values(contract).flatMap((methods) =>
    Object.values(methods as Record<string, AnyChannel>).map((c) => [c.channel, c] as const),
  ),
);

// The contract and the plain name list (channels.ts) must list the same namespaces, methods
// and channel names; a difference in either direction fails to compile here.
type NamesOfContract = { [N in Namespace]: { [M in MethodOf<N>]: Contract[N][M] extends Channel<infer Name> ? Name : never } };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _namesAgree: Same<NamesOfContract, { -readonly [N in keyof Channels]: { -readonly [M in keyof Channels[N]]: Channels[N][M] } }> = true;
void _namesAgree;
