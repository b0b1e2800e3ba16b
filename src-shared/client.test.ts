/**
 * The surface of `window.mimir`: the preload exposes exactly what `createClient` builds, so its
 * shape is pinned here against the contract — namespaces, methods, the event subscription,
 * immutability — with a recording transport instead of Electron.
 */
import { describe, expect, it } from 'vitest';
import { createClient, unwrap, type Invoke, type Subscribe } from './client';
import { contract, CHANNEL_NAMES, EVENT_NAMES, type ChannelName } from './contract';
import { CatalogError, type Result } from './errors';
import type { ImportProgress } from './import-types';

function recordingClient() {
  const calls: { channel: ChannelName; input: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const invoke: Invoke = (channel, input) => {
    calls.push({ channel, input });
    return Promise.resolve({ ok: true, data: channel });
  };
  const subscribe: Subscribe = (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };
  const emit = (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  return { api: createClient(invoke, subscribe), calls, emit, listeners };
}

describe('window.mimir surface', () => {
  it("has exactly the contract's namespaces", () => {
    const { api } = recordingClient();
    expect(Object.keys(api).sort()).toEqual([...Object.keys(contract), 'on'].sort());
  });

  it.each(Object.keys(contract))("namespace %s has exactly the contract's methods", (namespace) => {
    const { api } = recordingClient();
    const expected = Object.keys(contract[namespace as keyof typeof contract]);
    expect(Object.keys(api[namespace as keyof typeof api]).sort()).toEqual(expected.sort());
    for (const name of expected) expect(typeof (api[namespace as keyof typeof api] as Record<string, unknown>)[name]).toBe('function');
  });

  it('every method invokes its own channel with the input as given', async () => {
    const { api, calls } = recordingClient();
    const invoked: string[] = [];
    for (const [namespace, methods] of Object.entries(contract)) {
      for (const [name, { channel }] of Object.entries(methods as Record<string, { channel: ChannelName }>)) {
        const input = { probe: channel };
        const fn = (api as unknown as Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>>)[namespace]?.[name];
        expect(await fn?.(input)).toEqual({ ok: true, data: channel });
        expect(calls.at(-1)).toEqual({ channel, input });
        expect(calls.at(-1)?.input).toBe(input);
        invoked.push(channel);
      }
    }
    expect(invoked.sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(new Set(invoked).size).toBe(invoked.length);
  });

  it('is frozen, namespaces included', () => {
    const { api } = recordingClient();
    expect(Object.isFrozen(api)).toBe(true);
    for (const namespace of Object.values(api)) if (typeof namespace === 'object') expect(Object.isFrozen(namespace)).toBe(true);
    expect(() => {
      (api as unknown as Record<string, unknown>)['spells'] = {};
    }).toThrow(TypeError);
    expect(() => {
      (api.spells as unknown as Record<string, unknown>)['list'] = () => undefined;
    }).toThrow(TypeError);
  });

  it('on(event) delivers that event in order until unsubscribed; unsubscribing twice is harmless', () => {
    const { api, emit, listeners } = recordingClient();
    const received: ImportProgress[] = [];
    const stop = api.on('import:progress', (progress) => received.push(progress));
    expect(listeners.get('import:progress')?.size).toBe(1);
    emit('import:progress', { stage: 'writing', done: 1, total: 2, kind: 'spells' });
    emit('catalog:changed', { tables: ['spells'], cause: 'spells:create' });
    emit('import:progress', { stage: 'writing', done: 2, total: 2, kind: 'spells' });
    stop();
    stop();
    emit('import:progress', { stage: 'writing', done: 3, total: 2, kind: 'spells' });
    expect(received.map((p) => p.done)).toEqual([1, 2]);
    expect(listeners.get('import:progress')?.size).toBe(0);
  });

  it.each(EVENT_NAMES)('on(%s) subscribes to that declared event only', (event) => {
    const { api, listeners } = recordingClient();
    const stop = api.on(event, () => undefined);
    expect([...listeners.entries()].filter(([, set]) => set.size > 0).map(([name]) => name)).toEqual([event]);
    stop();
  });

  it('on() refuses an undeclared event or a listener that is not a function, subscribing nothing', () => {
    const { api, listeners } = recordingClient();
    const on = api.on as unknown as (event: unknown, listener: unknown) => unknown;
    for (const event of ['import:secret', 'ipc-message', '', '__proto__', 42, undefined]) {
      expect(() => on(event, () => undefined)).toThrow(TypeError);
    }
    expect(() => on('catalog:changed', 'alert(1)')).toThrow(TypeError);
    expect(listeners.size).toBe(0);
  });

  it('unwrap returns the data or throws the typed error', () => {
    expect(unwrap({ ok: true, data: 3 })).toBe(3);
    const error = { code: 'NotFound', message: "No spell with id 'x' exists.", details: { entity: 'spells', id: 'x' } } as const;
    let thrown: unknown;
    try {
      unwrap({ ok: false, error });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CatalogError);
    expect((thrown as CatalogError).error).toEqual(error);
    expect((thrown as CatalogError).code).toBe('NotFound');
  });
});
