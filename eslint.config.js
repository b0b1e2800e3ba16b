// Lint rules shared by every process. Type-aware rules stay off to keep lint fast;
// `tsc` on both tsconfigs is the type gate.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'native/**', 'test-results/**', 'playwright-report/**'] },
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
    // The database core runs under plain Node (tests, CLI, benchmarks): it must never import electron.
    // In src-main/ipc only the Electron binding itself may.
    files: [
      'src-main/db/**/*.ts',
      'src-main/db-host/**/*.ts',
      'src-main/import/**/*.ts',
      'src-main/cli/**/*.ts',
      'src-main/ipc/**/*.ts',
      'src-main/startup-failure.ts',
      'src-shared/**/*.ts',
    ],
    ignores: ['src-main/ipc/electron-ipc.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The database core must run under plain Node.' }] }],
    },
  },
);
