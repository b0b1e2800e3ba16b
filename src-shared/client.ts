/**
 * Builds the renderer's API object (`window.mimir`) from the contract's channel names and an
 * invoke function.
 * The preload binds it to Electron IPC; tests and the end-to-end harness bind the very same
 * code to other transports. Every method resolves to the wire envelope
 * `{ ok: true, data } | { ok: false, error }`; `unwrap` turns an envelope into a value or a throw.
 */
import { CHANNELS, IMPORT_PROGRESS_EVENT, type ChannelName } from './channels';
// Types only: the contract's schemas stay out of the preload bundle.
import type { Contract, InputOf, MethodOf, Namespace, OutputOf } from './contract';
import { CatalogError, type Result } from './errors';
import type { ImportProgress } from './import-types';

export type Invoke = (channel: ChannelName, input: unknown) => Promise<Result<unknown>>;
export type Subscribe = (event: typeof IMPORT_PROGRESS_EVENT, listener: (payload: unknown) => void) => () => void;

type Method<C> = undefined extends InputOf<C>
  ? (input?: InputOf<C>) => Promise<Result<OutputOf<C>>>
  : (input: InputOf<C>) => Promise<Result<OutputOf<C>>>;

export type MimirApi = {
  readonly [N in Namespace]: { readonly [M in MethodOf<N>]: Method<Contract[N][M]> } & (N extends 'import'
    ? {
        /** Calls `listener` with each progress event of a running import; returns the unsubscribe. */
        readonly onProgress: (listener: (progress: ImportProgress) => void) => () => void;
      }
    : unknown);
};

export function createClient(invoke: Invoke, subscribe: Subscribe): MimirApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const [namespace, methods] of Object.entries(CHANNELS)) {
    const bound: Record<string, unknown> = {};
    for (const [method, channel] of Object.entries(methods as Record<string, ChannelName>)) {
      bound[method] = (input?: unknown) => invoke(channel, input);
    }
    api[namespace] = bound;
  }
  (api['import'] as Record<string, unknown>)['onProgress'] = (listener: (progress: ImportProgress) => void) =>
    subscribe(IMPORT_PROGRESS_EVENT, (payload) => listener(payload as ImportProgress));
  for (const value of Object.values(api)) Object.freeze(value);
  return Object.freeze(api) as unknown as MimirApi;
}

/** The value of a successful envelope, or a thrown CatalogError carrying the typed error. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.data;
  throw new CatalogError(result.error);
}
