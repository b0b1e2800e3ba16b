// Build configuration for the three Electron processes (electron-vite 5).
//
// - main:     ESM (package.json has "type": "module"), dependencies stay external so
//             better-sqlite3 (a native addon) and friends load from node_modules at run time.
//             Three inputs: the app entry, the database-host worker thread and the backup
//             channels' file operations (src-main/catalog-backups.ts), an entry of its own so the
//             Playwright harness runs the very code the app does (src-main/db needs Vite's
//             import.meta.glob, which Playwright's loader lacks).
//             Migrations are inlined by `import.meta.glob(..., { query: '?raw' })` in
//             src-main/db/migrations/embedded.ts, so the app never reads .sql files at run time.
// - preload:  one self-contained CommonJS file (out/preload/index.cjs). A sandboxed preload
//             (`sandbox: true`) can only `require('electron')`'s renderer APIs, so every other
//             dependency (zod, src-shared code) is bundled in and nothing is split into chunks.
// - renderer: Preact + TypeScript, rooted at src-renderer. esbuild compiles the JSX with Preact's
//             automatic runtime (no Babel plugin needed: there is no HMR-specific transform).
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const r = (path: string): string => resolve(root, path);

export default defineConfig({
  main: {
    build: {
      outDir: r('out/main'),
      // better-sqlite3 (native) loads from node_modules; the pure-JS libraries are bundled, which
      // roughly halves how long each database worker takes to load (measured, see README).
      externalizeDeps: { exclude: ['zod', 'drizzle-orm', 'drizzle-zod'] },
      sourcemap: true,
      rollupOptions: {
        input: {
          index: r('src-main/index.ts'),
          'db-worker': r('src-main/db-host/worker/index.ts'),
          'catalog-backups': r('src-main/catalog-backups.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: r('out/preload'),
      // Bundle everything: a sandboxed preload cannot require anything from node_modules.
      externalizeDeps: false,
      sourcemap: true,
      rollupOptions: {
        input: { index: r('src-preload/index.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          inlineDynamicImports: true,
        },
      },
    },
  },
  renderer: {
    root: r('src-renderer'),
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    build: {
      outDir: r('out/renderer'),
      // Minified (electron-vite leaves it off): the bundle is parsed on every window start.
      minify: true,
      rollupOptions: {
        input: { index: r('src-renderer/index.html') },
      },
    },
  },
});
