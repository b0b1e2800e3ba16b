// Lint rules shared by every process. Type-aware rules stay off to keep lint fast;
// `tsc` on both tsconfigs is the type gate.
//
// Layering (which code may import which) is enforced here, not by comments:
// - import/no-restricted-paths (eslint-plugin-import) matches the *resolved* file of each import
//   against folders, so `../../test/x` and `../test/x` are caught alike;
// - ESLint's own no-restricted-imports names packages (vitest, electron).
// test/lint-layering.test.ts lints deliberate violations (test/fixtures/layering/) to prove it.
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

const SOURCES = ['src-main/**/*.ts', 'src-shared/**/*.ts', 'src-preload/**/*.ts', 'src-renderer/**/*.ts', 'src-renderer/**/*.tsx'];
/** The only files that bind Electron's API (tests stand in for it through them). */
const ELECTRON_BINDINGS = ['src-main/index.ts', 'src-main/ipc/electron-ipc.ts', 'src-preload/index.ts'];

const noVitest = { name: 'vitest', message: 'Test code lives in *.test.ts files and test/, never in the app.' };
const noElectron = {
  name: 'electron',
  message: 'Only the binding files (src-main/index.ts, src-main/ipc/electron-ipc.ts, src-preload/index.ts) import electron; the rest runs under plain Node.',
};

export default tseslint.config(
  {
    ignores: ['out/**', 'node_modules/**', 'native/**', 'test-results/**', 'playwright-report/**', 'test/fixtures/layering/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // Application code (tests beside it excluded): the folder layering.
    files: SOURCES,
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.d.ts', '.js'] } } },
    rules: {
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: SOURCES, from: './test', message: 'Application code never imports test helpers.' },
            { target: './src-shared', from: './src-main', message: 'src-shared runs in every process: it imports nothing from src-main.' },
            { target: './src-shared', from: './src-preload', message: 'src-shared imports nothing from the preload.' },
            {
              target: './src-main/db',
              from: ['./src-main/ipc', './src-main/import', './src-main/cli', './src-main/db-host'],
              message: 'The database core (src-main/db) is used by the IPC layer, the importer, the CLI and the host, never the reverse.',
            },
            {
              target: './src-main/ipc',
              from: './src-main/db-host/worker',
              message: 'src-main/ipc runs on the main thread; worker code (db-host/worker) runs in the database threads.',
            },
            { target: './src-preload', from: './src-main', message: 'The sandboxed preload bundles src-shared only.' },
            { target: './src-renderer', from: ['./src-main', './src-preload/index.ts'], message: 'The renderer reaches the app through window.mimir only.' },
          ],
        },
      ],
      'no-restricted-imports': ['error', { paths: [noVitest, noElectron], patterns: [{ group: ['vitest/*'], message: noVitest.message }] }],
    },
  },
  {
    files: ELECTRON_BINDINGS,
    rules: {
      'no-restricted-imports': ['error', { paths: [noVitest], patterns: [{ group: ['vitest/*'], message: noVitest.message }] }],
    },
  },
);
