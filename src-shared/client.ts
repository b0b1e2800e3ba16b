/**
 * Builds the renderer's API object (`window.mimir`) from the contract's channel and event names,
 * an invoke function and a subscribe function.
 * The preload binds it to Electron IPC; tests and the end-to-end harness bind the very same
 * code to other transports. Every method resolves to the wire envelope
 * `{ ok: true, data } | { ok: false, error }`; `unwrap` turns an envelope into a value or a throw.
 * `on(event, listener)` is the one way to receive events; it returns the unsubscribe function.
 */
import { CHANNELS, isEventName, type ChannelName, type EventName } from './channels';
// Types only: the contract's schemas stay out of the preload bundle.
import type { Contract, EventPayload, InputOf, MethodOf, Namespace, OutputOf } from './contract';
import { CatalogError, type Result } from './errors';

export type Invoke = (channel: ChannelName, input: unknown) => Promise<Result<unknown>>;
/** Registers a listener for one declared event; returns the unsubscribe. */
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

type Method<C> = undefined extends InputOf<C>
  ? (input?: InputOf<C>) => Promise<Result<OutputOf<C>>>
  : (input: InputOf<C>) => Promise<Result<OutputOf<C>>>;

export type MimirApi = {
  readonly [N in Namespace]: { readonly [M in MethodOf<N>]: Method<Contract[N][M]> };
} & {
  /**
   * Calls `listener` with each payload of `event`, in the order they were sent, until the returned
   * function is called. Only the contract's events can be named.
   */
  readonly on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
};

export function createClient(invoke: Invoke, subscribe: Subscribe): MimirApi {
  const api: Record<string, unknown> = {};
  for (const [namespace, methods] of Object.entries(CHANNELS)) {
    const bound: Record<string, unknown> = {};
    for (const [method, channel] of Object.entries(methods as Record<string, ChannelName>)) {
      bound[method] = (input?: unknown) => invoke(channel, input);
    }
    api[namespace] = Object.freeze(bound);
  }
  api['on'] = (event: unknown, listener: unknown) => {
    // The page is not type-checked at run time: refuse what the types would.
    if (!isEventName(event)) throw new TypeError(`Unknown event '${String(event).slice(0, 100)}'.`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    let subscribed = true;
    const unsubscribe = subscribe(event, (payload) => {
      if (subscribed) (listener as (payload: unknown) => void)(payload);
    });
    return () => {
      if (!subscribed) return;
      subscribed = false;
      unsubscribe();
    };
  };
  return Object.freeze(api) as unknown as MimirApi;
}

/** The value of a successful envelope, or a thrown CatalogError carrying the typed error. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.data;
  throw new CatalogError(result.error);
}
