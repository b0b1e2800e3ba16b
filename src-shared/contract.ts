/**
 * The IPC contract: every channel the renderer can call, with the zod schema of its input, the
 * type of its output and **where it runs**, and every event the main process pushes, with the zod
 * schema of its payload. The main-process router, the database host, the preload and the renderer
 * client are all derived from this one object, so adding a channel is one edit here (and one in
 * channels.ts, checked below), and a handler, client method or call site that disagrees with it is
 * a compile error.
 *
 * Where a channel runs (`runs`):
 * - `main`: the Electron main process (dialogs, the shell, app facts); its input is parsed there.
 * - `reader`: the database host's reader worker; answers while an import holds the writer.
 * - `writer`: the database host's writer worker; every write and import, one at a time.
 * Database channels are parsed once, in the worker, before the repository acts; the main thread
 * only checks the sender, the channel name and the payload's structural limits.
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
  type SummaryOf,
  type UpsertResult,
} from './catalog/define';
import { catalogEntities, ENTITY_KEYS, type CatalogEntities, type EntityKey } from './catalog/entities';
import { CHANNELS, ENTITY_API, EVENTS, READ_VERBS, type Channels, type EntityVerb, type EventName, type VerbsOf } from './channels';
import type { DbStatus, IntegrityReport } from './db-types';
import { IMPORT_KINDS, IMPORT_STAGES, type ImportProgress, type ImportResult } from './import-types';
import { referencesOfInputSchema, searchInputSchema, type ReferencesOf, type SearchResult } from './search';
import { settingsUpdateSchema, type Settings, type SettingsUpdateResult } from './settings';

/** Where a channel's handler runs. */
export type Runs = 'main' | 'reader' | 'writer';
export const RUNS = ['main', 'reader', 'writer'] as const satisfies readonly Runs[];

/** One channel. `output` exists only at the type level. */
export interface Channel<Name extends string = string, Input extends z.ZodType = z.ZodType, Output = unknown, R extends Runs = Runs> {
  readonly channel: Name;
  readonly runs: R;
  readonly input: Input;
  readonly output?: Output;
}

function channel<Output>() {
  return <Name extends string, R extends Runs, Input extends z.ZodType>(
    name: Name,
    runs: R,
    input: Input,
  ): Channel<Name, Input, Output, R> => ({ channel: name, runs, input });
}

/** Most rows one batchUpsert call may carry; larger imports go through `import:5etools`. */
export const MAX_BATCH_ROWS = 1000;

export {
  CHANNEL_NAMES,
  CHANNELS,
  ENTITY_API,
  ENTITY_VERBS,
  EVENT_NAMES,
  EVENTS,
  READ_VERBS,
  type EntityVerb,
  type EventName,
} from './channels';

const isRead = (verb: EntityVerb): boolean => (READ_VERBS as readonly EntityVerb[]).includes(verb);

function allEntityChannels<K extends EntityKey, D extends EntityDefinition>(key: K, definition: D) {
  // A definition types its id schema as `string | number`; the row type says which.
  const id = definition.id as z.ZodType<IdOf<D>, IdOf<D>>;
  const filter = filterSchema(definition);
  const list = listInputSchema(definition);
  return {
    create: channel<RowOf<D>>()(`${key}:create`, 'writer', definition.insert as D['insert']),
    get: channel<RowOf<D>>()(`${key}:get`, 'reader', z.strictObject({ id })),
    update: channel<RowOf<D>>()(`${key}:update`, 'writer', z.strictObject({ id, patch: definition.update as D['update'] })),
    delete: channel<{ id: IdOf<D> }>()(`${key}:delete`, 'writer', z.strictObject({ id })),
    list: channel<Page<RowOf<D>>>()(`${key}:list`, 'reader', list),
    /** `list`'s page with list rows: scalar columns and reprint links, no rules text (SummaryOf). */
    summaries: channel<Page<SummaryOf<D>>>()(`${key}:summaries`, 'reader', list),
    count: channel<number>()(`${key}:count`, 'reader', z.strictObject({ filter: filter.optional() })),
    batchUpsert: channel<UpsertResult>()(
      `${key}:batchUpsert`,
      'writer',
      z.strictObject({ rows: z.array(definition.insert as D['insert']).max(MAX_BATCH_ROWS) }),
    ),
  };
}

/** The channels of one table: only the verbs `ENTITY_API` gives it. */
function entityChannels<K extends EntityKey, D extends EntityDefinition>(key: K, definition: D) {
  const all = allEntityChannels(key, definition);
  const picked = Object.fromEntries((ENTITY_API[key] as readonly EntityVerb[]).map((verb) => [verb, all[verb]]));
  // The verbs' placement follows from whether they read; a reader verb that wrote would be refused
  // by the reader's query_only connection, never silently queued on the writer.
  for (const verb of Object.keys(picked) as EntityVerb[]) {
    if ((all[verb].runs === 'reader') !== isRead(verb)) throw new Error(`${key}:${verb} runs on the wrong worker`);
  }
  return picked as Pick<ReturnType<typeof allEntityChannels<K, D>>, VerbsOf<K>>;
}

type EntityContract = {
  [K in EntityKey]: ReturnType<typeof entityChannels<K, CatalogEntities[K]>>;
};

const noInput = z.strictObject({}).optional();

/**
 * A folder chosen in the renderer (from `dialog:chooseFolder`). Absolute only: a relative path
 * would be resolved against the main process's working directory, which the renderer cannot know.
 * POSIX `/…`, Windows `C:\…` or `C:/…`, or a UNC share `\\server\…`.
 */
const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/, 'must be an absolute path to a folder');

/** A file named by a main-process answer (a backup from `backups:list`), absolute like `absolutePath`. */
const absoluteFile = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/, 'must be an absolute path to a file');

/** What `app:info` reports. */
export interface AppInfo {
  /** Mimir's version (package.json) and the runtimes it runs on. */
  versions: { app: string; electron: string; chrome: string; node: string; sqlite: string };
  /** The catalog file in use. */
  catalogFile: string;
  /** Where automatic backups (before migrations) are kept. */
  backupsFolder: string;
}

/** What `import:cancel` did. */
export interface CancelResult {
  /** Whether an import was running or queued (it then ends with a `Cancelled` error). */
  cancelled: boolean;
}

/** One verified automatic backup of the open catalog (`backups:list`, `backups:create`). */
export interface BackupEntry {
  /** Absolute path; pass it to `backups:restore`. */
  file: string;
  /** The file name, `<catalog file name>.<UTC time>.v<version>.bak.sqlite`. */
  name: string;
  /** When it was taken (ISO 8601, from its name). */
  createdAt: string;
  /** Schema version recorded in the backup itself (an older one is migrated when restored). */
  schemaVersion: number;
  bytes: number;
  /** Rows per catalog table the backup has, keyed like the API (`spells`, `ruleSystems` …). */
  counts: Partial<Record<EntityKey, number>>;
}

/** What `backups:list` reports. */
export interface BackupList {
  /** Where automatic backups of the open catalog are kept. */
  folder: string;
  /** Verified backups, newest first: each can be restored by this build. */
  backups: BackupEntry[];
  /** Backups of this catalog that cannot be restored, and why (damaged, from a different build …). */
  unusable: { file: string; name: string; problem: string }[];
}

/** What `backups:restore` did. */
export interface RestoreOutcome {
  /** The backup that is now the catalog. */
  restoredFrom: string;
  /** Its schema version, and the catalog's after the restart (older backups are migrated). */
  backupVersion: number;
  schemaVersion: number;
  /** Where the replaced catalog file and its sidecars were kept (nothing is deleted). */
  keptAside: { from: string; to: string }[];
  /** Things a person should know (a -wal that could not be merged on close …), one sentence each. */
  warnings: string[];
}

export const contract = {
  ...(Object.fromEntries(ENTITY_KEYS.map((key) => [key, entityChannels(key, catalogEntities[key])])) as EntityContract),
  db: {
    /** File, schema version and row counts. */
    status: channel<DbStatus>()(CHANNELS.db.status, 'reader', noInput),
    /** integrity_check, foreign keys and schema drift. */
    check: channel<IntegrityReport>()(CHANNELS.db.check, 'reader', noInput),
  },
  import: {
    /**
     * Imports a 5etools data folder (from `dialog:chooseFolder`); progress arrives as
     * `import:progress` events, then `catalog:changed`. The run is recorded in `importLog`.
     */
    fiveEtools: channel<ImportResult>()(CHANNELS.import.fiveEtools, 'writer', z.strictObject({ dataDir: absolutePath })),
    /**
     * Stops the running (and any queued) import: it rolls back and its call fails with `Cancelled`.
     * Runs in the main process, since the writer is busy with the import itself.
     */
    cancel: channel<CancelResult>()(CHANNELS.import.cancel, 'main', noInput),
  },
  search: {
    /**
     * Ranked full-text search over every kind (query syntax: README "Search"): hits with kind,
     * id, name, source, how they matched and a highlighted snippet. Text over 256 characters is
     * ValidationFailed; any other text gives hits or an empty list.
     */
    query: channel<SearchResult>()(CHANNELS.search.query, 'reader', searchInputSchema),
  },
  references: {
    /**
     * What one row mentions and what mentions it (`content_references`), each direction paged
     * (`limit`, `offset`) with counts per kind and reference type over all pages.
     */
    of: channel<ReferencesOf>()(CHANNELS.references.of, 'reader', referencesOfInputSchema),
  },
  settings: {
    /** The user's settings (README "Settings"), each with its default until it is changed. */
    get: channel<Settings>()(CHANNELS.settings.get, 'reader', noInput),
    /**
     * Changes settings (`{ preferredRuleSystem: 'dnd5e-2024' }`); a bad value is ValidationFailed
     * and nothing is written. A new preferred rule system re-resolves every row's references in
     * the same transaction (reported in `references`) and is what imports and searches use next.
     */
    update: channel<SettingsUpdateResult>()(CHANNELS.settings.update, 'writer', settingsUpdateSchema),
  },
  dialog: {
    /** The system's folder picker; the chosen folder's absolute path, or null when cancelled. */
    chooseFolder: channel<string | null>()(
      CHANNELS.dialog.chooseFolder,
      'main',
      z.strictObject({ title: z.string().min(1).max(200).optional() }).optional(),
    ),
  },
  app: {
    /** Versions, the catalog file and the backups folder. */
    info: channel<AppInfo>()(CHANNELS.app.info, 'main', noInput),
  },
  shell: {
    /**
     * Opens the system's file manager at one of the app's own places (never a path the page
     * names): `backups` (the backups folder) or `catalog` (the catalog file).
     */
    showItemInFolder: channel<null>()(
      CHANNELS.shell.showItemInFolder,
      'main',
      z.strictObject({ target: z.enum(['backups', 'catalog']) }),
    ),
  },
  backups: {
    /** The verified automatic backups of the open catalog, newest first (and the unusable ones, with why). */
    list: channel<BackupList>()(CHANNELS.backups.list, 'main', noInput),
    /** Takes a verified backup of the open catalog now (kept with the automatic ones: the newest 5 stay). */
    create: channel<BackupEntry>()(CHANNELS.backups.create, 'main', noInput),
    /**
     * Puts a listed backup (`file`, from `backups:list`; omitted: the newest verified one) in place
     * of the catalog: the catalog service is closed, the current file and its sidecars are kept
     * aside, the service restarts on the restored file and `catalog:changed` names every table.
     * A refused or failed restore leaves the current catalog open and unchanged.
     */
    restore: channel<RestoreOutcome>()(
      CHANNELS.backups.restore,
      'main',
      z.strictObject({ file: absoluteFile.optional() }).optional(),
    ),
  },
};

export type Contract = typeof contract;
export type Namespace = keyof Contract;
export type MethodOf<N extends Namespace> = keyof Contract[N] & string;
type AnyChannel = Channel<string, z.ZodType, unknown, Runs>;

/** Every channel of the contract as a union. */
export type ContractChannel = { [N in Namespace]: Contract[N][MethodOf<N>] }[Namespace];
export type ChannelName = ContractChannel extends Channel<infer Name, z.ZodType, unknown, Runs> ? Name : never;
export type ChannelByName<Name extends ChannelName> = Extract<ContractChannel, { channel: Name }>;
/** Channels that run in one place: `ChannelsRunning<'main'>`. */
export type ChannelsRunning<R extends Runs> = Extract<ContractChannel, { runs: R }>['channel'];
/** What a caller sends (zod input) and what a handler receives (zod output, validated). */
export type InputOf<C> = C extends Channel<string, infer I, unknown, Runs> ? z.input<I> : never;
export type ParsedInputOf<C> = C extends Channel<string, infer I, unknown, Runs> ? z.output<I> : never;
export type OutputOf<C> = C extends Channel<string, z.ZodType, infer O, Runs> ? O : never;

/** Flat lookup `channel name → channel`, for the router and the database host. */
export const channelsByName: ReadonlyMap<string, AnyChannel> = new Map(
  Object.values(contract).flatMap((methods) =>
    Object.values(methods as Record<string, AnyChannel>).map((c) => [c.channel, c] as const),
  ),
);

/** Where a channel runs, or undefined for a name that is not in the contract. */
export function placementOf(name: string): Runs | undefined {
  return channelsByName.get(name)?.runs;
}

// ---------------------------------------------------------------------------------------------
// Events

const importProgressSchema = z.strictObject({
  stage: z.enum(IMPORT_STAGES),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  kind: z.enum(IMPORT_KINDS).optional(),
});

const catalogChangedSchema = z.strictObject({
  /** API names of the tables whose rows may have changed (`spells`, `importLog` …). */
  tables: z.array(z.enum(ENTITY_KEYS)).min(1),
  /** The channel whose call changed them. */
  cause: z.string().min(1).max(100),
});

const dbFailedSchema = z.strictObject({
  /** The typed reason, for logs and a support message. */
  code: z.literal('Unavailable'),
  message: z.string(),
});

/**
 * Every event with the zod schema of its payload. The schemas document the payloads and the tests
 * check every emitted payload against them; the compiler keeps them equal to the shared types.
 */
export const events = {
  [EVENTS.importProgress]: importProgressSchema,
  [EVENTS.catalogChanged]: catalogChangedSchema,
  [EVENTS.dbFailed]: dbFailedSchema,
} as const satisfies Record<EventName, z.ZodType>;

export type Events = typeof events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export type CatalogChanged = EventPayload<'catalog:changed'>;

// The contract and the plain name list (channels.ts) must list the same namespaces, methods
// and channel names; a difference in either direction fails to compile here.
type NamesOfContract = {
  [N in Namespace]: { [M in MethodOf<N>]: Contract[N][M] extends Channel<infer Name, z.ZodType, unknown, Runs> ? Name : never };
};
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _namesAgree: Same<NamesOfContract, { -readonly [N in keyof Channels]: { -readonly [M in keyof Channels[N]]: Channels[N][M] } }> = true;
void _namesAgree;
// Every declared event has a schema, and every schema a declared name.
const _eventsAgree: Same<keyof Events, EventName> = true;
void _eventsAgree;
// The progress event carries exactly the importer's ImportProgress.
const _progressAgrees: Same<EventPayload<'import:progress'>, ImportProgress> = true;
void _progressAgrees;
