/**
 * Which better-sqlite3 native addon to load.
 *
 * There are two builds of the addon:
 * - `node_modules/better-sqlite3/build` is compiled for Node's ABI by `npm install`; tests, the
 *   `db` command line and the benchmarks use it (better-sqlite3's default lookup).
 * - `native/electron/better_sqlite3.node` is compiled for Electron's ABI by the postinstall
 *   script `scripts/build-electron-sqlite.mjs`; only the app uses it.
 *
 * Pass the result as the `nativeBinding` option of `openConnection`. No `electron` import here,
 * so this runs (and returns undefined) under plain Node as well.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Relative to the app root (the folder holding package.json and native/). */
export const ELECTRON_NATIVE_BINDING = join('native', 'electron', 'better_sqlite3.node');

/**
 * The Electron-ABI addon's absolute path when running inside Electron and the file exists;
 * otherwise undefined, meaning "use better-sqlite3's default (Node) build".
 */
export function electronNativeBinding(appRoot: string): string | undefined {
  if (!process.versions.electron) return undefined;
  const file = join(appRoot, ELECTRON_NATIVE_BINDING);
  return existsSync(file) ? file : undefined;
}
