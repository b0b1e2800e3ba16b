/**
 * The name of every IPC channel and event, grouped as the client exposes them (`window.mimir.
 * <namespace>.<method>`, `window.mimir.on(event, …)`). Plain strings with no schema attached: the
 * preload builds `window.mimir` from this module alone, so its bundle carries no zod or drizzle.
 * contract.ts builds each channel from these names (with its input schema and where it runs), and
 * the compiler checks that the two list the same namespaces, methods and events.
 */
import { ENTITY_KEYS, type EntityKey } from './catalog/entity-keys';

export const ENTITY_VERBS = ['create', 'get', 'update', 'delete', 'list', 'summaries', 'count', 'batchUpsert'] as const;
export type EntityVerb = (typeof ENTITY_VERBS)[number];

/** Entity verbs that only read (answered by the reader worker). */
export const READ_VERBS = ['get', 'list', 'summaries', 'count'] as const satisfies readonly EntityVerb[];

/**
 * The verbs each table exposes over IPC. Content tables take the whole set; `importLog` is the
 * import history, written only by imports, so the page can read it but never forge or erase it.
 */
export const ENTITY_API = {
  ruleSystems: ENTITY_VERBS,
  sources: ENTITY_VERBS,
  races: ENTITY_VERBS,
  classes: ENTITY_VERBS,
  items: ENTITY_VERBS,
  spells: ENTITY_VERBS,
  creatures: ENTITY_VERBS,
  backgrounds: ENTITY_VERBS,
  feats: ENTITY_VERBS,
  rulesTerms: ENTITY_VERBS,
  // A reference is a fact between two rows: added or removed, never edited in place.
  contentReferences: ['create', 'get', 'delete', 'list', 'count', 'batchUpsert'],
  importLog: READ_VERBS,
} as const satisfies Record<EntityKey, readonly EntityVerb[]>;

export type VerbsOf<K extends EntityKey> = (typeof ENTITY_API)[K][number];

type EntityChannelNames = { readonly [K in EntityKey]: { readonly [V in VerbsOf<K>]: `${K}:${V}` } };

const entityChannelNames = Object.fromEntries(
  ENTITY_KEYS.map((key) => [
    key,
    Object.fromEntries((ENTITY_API[key] as readonly EntityVerb[]).map((verb) => [verb, `${key}:${verb}`])),
  ]),
) as unknown as EntityChannelNames;

export const CHANNELS = {
  ...entityChannelNames,
  db: { status: 'db:status', check: 'db:check' },
  import: { fiveEtools: 'import:5etools', cancel: 'import:cancel' },
  search: { query: 'search:query' },
  references: { of: 'references:of' },
  settings: { get: 'settings:get', update: 'settings:update' },
  dialog: { chooseFolder: 'dialog:chooseFolder' },
  app: { info: 'app:info' },
  shell: { showItemInFolder: 'shell:showItemInFolder' },
  backups: { list: 'backups:list', create: 'backups:create', restore: 'backups:restore' },
} as const;

export type Channels = typeof CHANNELS;
export type Namespace = keyof Channels;
export type MethodOf<N extends Namespace> = keyof Channels[N] & string;
export type ChannelName = { [N in Namespace]: Channels[N][MethodOf<N>] }[Namespace];

/** Every channel name. */
export const CHANNEL_NAMES = Object.values(CHANNELS).flatMap((methods) => Object.values(methods)) as ChannelName[];

/** Events pushed from the main process to the page. */
export const EVENTS = {
  /** Progress of a running `import:5etools`. */
  importProgress: 'import:progress',
  /** Tables whose rows changed (after any write, an import included), so open views can refresh. */
  catalogChanged: 'catalog:changed',
  /** The catalog service stopped and could not be restarted; calls now fail with `Unavailable`. */
  dbFailed: 'db:failed',
} as const;

export type EventName = (typeof EVENTS)[keyof typeof EVENTS];
export const EVENT_NAMES = Object.values(EVENTS) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as string[]).includes(name);
}

