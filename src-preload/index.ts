/**
 * The preload: exposes exactly one object, `window.mimir`, built from the IPC contract by the
 * shared client builder. The page gets a method per contract channel and the import progress
 * subscription; never ipcRenderer itself, and no way to name an arbitrary channel.
 *
 * Runs sandboxed (`sandbox: true`), where `require` only offers electron's renderer modules, so
 * electron-vite bundles this file and everything it imports into the single out/preload/index.cjs.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createClient, type Invoke, type Subscribe } from '../src-shared/client';
import type { Result } from '../src-shared/errors';

// The channel comes from the client's contract-built method table, never from the page.
const invoke: Invoke = (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>;

// Typed to the progress event only (see Subscribe); the page's listener never sees the event object.
const subscribe: Subscribe = (event, listener) => {
  const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
  ipcRenderer.on(event, forward);
  return () => {
    ipcRenderer.removeListener(event, forward);
  };
};

contextBridge.exposeInMainWorld('mimir', createClient(invoke, subscribe));
