/**
 * The renderer's view of what the preload exposes. `MimirApi` is derived from the IPC contract
 * (src-shared/client.ts), so a channel added, renamed or retyped there changes this type too.
 * Included by tsconfig.web.json.
 */
import type { MimirApi } from '../src-shared/client';

declare global {
  interface Window {
    readonly mimir: MimirApi;
  }
}

export {};
