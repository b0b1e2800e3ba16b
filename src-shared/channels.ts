/**
 * The name of every IPC channel, grouped as the client exposes them (`window.mimir.<namespace>.
 * <method>`). Plain strings with no schema attached: the preload builds `window.mimir` from this
 * module alone, so its bundle carries no zod or drizzle. contract.ts builds each channel from
 * these names, and the compiler checks that the two list the same namespaces and methods.
 */
import { ENTITY_KEYS, type EntityKey } from './catalog/entity-keys';

export const ENTITY_VERBS = ['create', 'get', 'update', 'delete', 'list', 'count', 'batchUpsert'] as const;
export type EntityVerb = (typeof ENTITY_VERBS)[number];

type EntityChannelNames = { readonly [K in EntityKey]: { readonly [V in EntityVerb]: `${K}:${V}` } };

const entityChannelNames = Object.fromEntries(
  ENTITY_KEYS.map((key) => [key, Object.fromEntries(ENTITY_VERBS.map((verb) => [verb, `${key}:${verb}`]))]),
) as unknown as EntityChannelNames;

export const CHANNELS = {
  ...entityChannelNames,
  db: { status: 'db:status', check: 'db:check' },
  import: { fiveEtools: 'import:5etools', history: 'import:history' },
} as const;

export type Channels = typeof CHANNELS;
export type Namespace = keyof Channels;
export type MethodOf<N extends Namespace> = keyof Channels[N] & string;
export type ChannelName = { [N in Namespace]: Channels[N][MethodOf<N>] }[Namespace];

/** Every channel name. */
export const CHANNEL_NAMES = Object.values(CHANNELS).flatMap((methods) => Object.values(methods)) as ChannelName[];

/** Event pushed from main to the renderer during `import:5etools`. */
export const IMPORT_PROGRESS_EVENT = 'import:progress';
