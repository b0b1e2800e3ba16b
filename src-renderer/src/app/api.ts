/**
 * Small hooks over `window.mimir` shared by every screen: a call whose answer may arrive out of
 * order (only the latest one counts), and a subscription to the catalog's change events.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { EventName } from '../../../src-shared/channels';
import type { EventPayload } from '../../../src-shared/contract';

type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export type QueryState<T> =
  | { state: 'loading'; data?: T }
  | { state: 'ok'; data: T }
  | { state: 'error'; error: { code: string; message: string }; data?: T };

/**
 * Runs `call` whenever `deps` change (and when `refresh` is bumped). The previous data stays
 * visible while the next answer loads, so lists do not flash empty between keystrokes.
 */
export function useApi<T>(call: () => Promise<Result<T>>, deps: readonly unknown[]): QueryState<T> {
  const [state, setState] = useState<QueryState<T>>({ state: 'loading' });
  const latest = useRef(0);
  // A layout effect: the call starts right after the render that asks for it. Preact runs plain
  // effects after the next animation frame, a frame's delay before every detail view's `get`.
  useLayoutEffect(() => {
    const id = ++latest.current;
    setState((previous) => ({ state: 'loading', ...(previous.data !== undefined ? { data: previous.data } : {}) }));
    call().then(
      (result) => {
        if (id !== latest.current) return;
        setState(result.ok ? { state: 'ok', data: result.data } : { state: 'error', error: result.error });
      },
      (error: unknown) => {
        if (id !== latest.current) return;
        setState({ state: 'error', error: { code: 'Internal', message: error instanceof Error ? error.message : String(error) } });
      },
    );
  }, deps);
  return state;
}

/** Calls `listener` for every event `name` while the component is mounted. */
export function useMimirEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): void {
  const current = useRef(listener);
  current.current = listener;
  useEffect(() => window.mimir.on(name, (payload) => current.current(payload)), [name]);
}

/** A counter that increases on every `catalog:changed`, to put in `useApi` dependencies. */
export function useCatalogVersion(): number {
  const [version, setVersion] = useState(0);
  useMimirEvent('catalog:changed', () => setVersion((v) => v + 1));
  return version;
}
