/**
 * The preload: exposes exactly one object, `window.mimir`, built from the IPC contract by the
 * shared client builder. The page gets a method per contract channel and `on(event, listener)`
 * for the contract's events; never ipcRenderer itself, no way to name an arbitrary channel, and
 * no way to listen to an event the contract does not declare (nothing else is ever subscribed).
 *
 * Runs sandboxed (`sandbox: true`), where `require` only offers electron's renderer modules, so
 * electron-vite bundles this file and everything it imports into the single out/preload/index.cjs.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventName } from '../src-shared/channels';
import { createClient, type Invoke, type Subscribe } from '../src-shared/client';
import type { Result } from '../src-shared/errors';

// The channel comes from the client's contract-built method table, never from the page.
const invoke: Invoke = (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>;

// Only declared events (checked again here: this is the last gate before ipcRenderer); the page's
// listener gets the payload, never the event object (which would carry `sender`).
const subscribe: Subscribe = (event, listener) => {
  if (!isEventName(event)) throw new TypeError('Unknown event.');
  const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
  ipcRenderer.on(event, forward);
  return () => {
    ipcRenderer.removeListener(event, forward);
  };
};

contextBridge.exposeInMainWorld('mimir', createClient(invoke, subscribe));
