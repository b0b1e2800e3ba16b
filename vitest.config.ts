// Unit and integration tests: the real database service on real SQLite files, under Node (the
// Node build of better-sqlite3). `import.meta.glob` (embedded migrations) works because vitest
// runs the sources through vite. Playwright specs in e2e/ are not vitest tests.
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import type { Reporter } from 'vitest/node';

/**
 * Lists every skipped test with its reason after the summary, so a run without the 5etools
 * fixtures (or anything else optional) says what it did not test instead of hiding it in a count.
 */
const skippedTestsReporter: Reporter = {
  onTestRunEnd(testModules) {
    const lines: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests('skipped')) {
        const result = test.result();
        const note = result.state === 'skipped' && result.note ? ` (${result.note})` : '';
        lines.push(`  ↓ ${relative(process.cwd(), module.moduleId)} > ${test.fullName}${note}`);
      }
    }
    if (lines.length > 0) console.log(`\nSkipped tests (${lines.length}):\n${lines.join('\n')}\n`);
  },
};

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src-main/**/*.test.ts', 'src-shared/**/*.test.ts', 'src-renderer/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'out/**'],
    // Rebuilds out/ when stale: the database host tests run the built worker thread.
    globalSetup: ['test/global-setup.ts'],
    // 2 cores. Forks rather than threads: native addon, and crash isolation per file.
    pool: 'forks',
    poolOptions: { forks: { minForks: 1, maxForks: 2 } },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default', skippedTestsReporter],
  },
});
