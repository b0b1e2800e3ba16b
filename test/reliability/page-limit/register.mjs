/**
 * Test-only preload for the reliability suite's CLI children (`node --import <this> cli.js`),
 * never loaded by the app or `npm run db`: routes `import 'better-sqlite3'` to ./sqlite.mjs,
 * which sets `PRAGMA max_page_count` on the read-write connections to files in
 * MIMIR_TEST_PAGE_LIMIT_DIR, so a child meets SQLITE_FULL as on a full disk where no small
 * file system can be mounted. See test/reliability/harness.ts (`pageLimit`).
 */
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
