/**
 * One `window.mimir.<namespace>.<method>(input)` call in the page, typed by the contract, for
 * specs that seed rows or compare the screen with what the database says. e2e/ is type-checked
 * without the DOM library, so page code reaches the API through `globalThis`.
 */
import type { Page } from '@playwright/test';
import type { MimirApi } from '../../src-shared/client';

type Api = Omit<MimirApi, 'on'>;
type Namespace = keyof Api & string;
type Method<N extends Namespace> = keyof Api[N] & string;
type CallOf<N extends Namespace, M extends Method<N>> = Api[N][M] extends (...args: infer A) => Promise<infer R>
  ? { args: A; result: R }
  : never;

export function callMimir<N extends Namespace, M extends Method<N>>(
  page: Page,
  namespace: N,
  method: M,
  ...args: CallOf<N, M>['args']
): Promise<CallOf<N, M>['result']> {
  return page.evaluate(
    ([ns, m, input]) => {
      const api = (globalThis as unknown as { mimir: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> }).mimir;
      return api[ns]![m]!(input);
    },
    [namespace, method, args[0]] as const,
  ) as Promise<CallOf<N, M>['result']>;
}

/** The data of a successful call; throws with the error's message otherwise. */
export async function callOk<N extends Namespace, M extends Method<N>>(
  page: Page,
  namespace: N,
  method: M,
  ...args: CallOf<N, M>['args']
): Promise<Extract<CallOf<N, M>['result'], { ok: true }> extends { data: infer D } ? D : never> {
  const result = (await callMimir(page, namespace, method, ...args)) as { ok: boolean; data?: unknown; error?: { message: string } };
  if (!result.ok) throw new Error(`${namespace}.${method} failed: ${result.error?.message ?? 'unknown error'}`);
  return result.data as never;
}
