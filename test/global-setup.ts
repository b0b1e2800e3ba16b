/**
 * vitest global setup: gives the database host tests a current build of the worker thread.
 *
 * A worker thread cannot run TypeScript through vite (and its migrations are embedded with
 * import.meta.glob at build time), so the host tests run the built out/main/db-worker.js. This
 * runs `electron-vite build` when that file is missing or older than any source it could include,
 * so `npx vitest run` alone works; when it is current this costs one directory walk.
 *
 * The tests then use a snapshot of out/main (under node_modules/.cache, so the worker still
 * resolves better-sqlite3 and friends from node_modules): a rebuild during the run, by
 * `electron-vite dev` or a second build, empties out/ and would otherwise pull the worker away
 * from under a running test. Tests read its path with `inject('dbWorkerPath')`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Snapshot of the built database worker (out/main/db-worker.js) for this test run. */
    dbWorkerPath: string;
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));
const builtMain = join(root, 'out', 'main');
const builtWorker = join(builtMain, 'db-worker.js');

const SNAPSHOT_PREFIX = 'mimir-db-worker-';
const SOURCES = ['src-main', 'src-shared', 'migrations', 'electron.vite.config.ts', 'package.json'];

/** Newest modification time among the build's inputs (test files excluded: they are not built). */
function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.ts$/.test(path) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestSource(join(path, name)));
  return newest;
}

/**
 * Builds out/main when the worker is missing or stale. Exported for `npm run bench`, which passes
 * its own `log` so `--json` keeps stdout to the JSON document.
 */
export function ensureBuilt(log: (message: string) => void = console.log): void {
  const inputs = Math.max(...SOURCES.map((p) => join(root, p)).filter(existsSync).map(newestSource));
  if (existsSync(builtWorker) && statSync(builtWorker).mtimeMs >= inputs) return;

  const started = Date.now();
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [bin, 'build'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0 || !existsSync(builtWorker)) {
    throw new Error(`electron-vite build failed (the database host tests need it):\n${result.stdout}\n${result.stderr}`);
  }
  log(`global-setup: out/ was older than the sources; rebuilt with electron-vite in ${Date.now() - started} ms`);
}

export default function setup(project: TestProject): () => void {
  ensureBuilt();
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  // Snapshots of runs that were killed before their teardown (a day old: never a running one's).
  for (const name of readdirSync(cache)) {
    const path = join(cache, name);
    if (name.startsWith(SNAPSHOT_PREFIX) && Date.now() - statSync(path).mtimeMs > 24 * 3600_000) {
      rmSync(path, { recursive: true, force: true });
    }
  }
  const snapshot = mkdtempSync(join(cache, SNAPSHOT_PREFIX));
  cpSync(builtMain, snapshot, { recursive: true });
  // node_modules is a package boundary: without this the ESM build would be read as CommonJS.
  writeFileSync(join(snapshot, 'package.json'), JSON.stringify({ type: 'module' }));
  project.provide('dbWorkerPath', join(snapshot, 'db-worker.js'));
  return () => rmSync(snapshot, { recursive: true, force: true });
}
