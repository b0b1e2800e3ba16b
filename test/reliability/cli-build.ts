/**
 * The `npm run db` command line bundled once per test run, for the reliability suite: the same
 * sources as `vite-node src-main/cli/index.ts` (migrations embedded by import.meta.glob), built
 * with vite into one ESM file under node_modules/.cache so better-sqlite3 resolves. A child then
 * starts in a fraction of a second instead of vite-node's second or two, which is what lets the
 * suite kill dozens of real CLI processes within its time budget.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export async function buildCli(): Promise<string> {
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, 'mimir-reliability-cli-'));
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: join(root, 'src-main/cli/index.ts'),
      outDir,
      emptyOutDir: false,
      sourcemap: false,
      minify: false,
      rollupOptions: { output: { format: 'esm', entryFileNames: 'cli.js' } },
    },
    // The pure-JS libraries bundled in (as the app's main build does): a child starts faster.
    ssr: { external: ['better-sqlite3'], noExternal: ['zod', 'drizzle-orm', 'drizzle-zod'] },
  });
  writeFileSync(join(outDir, 'package.json'), JSON.stringify({ type: 'module' }));
  return join(outDir, 'cli.js');
}
