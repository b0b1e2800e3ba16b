/**
 * better-sqlite3 with a page limit, for test children only (see ./register.mjs): every read-write
 * connection to a file inside MIMIR_TEST_PAGE_LIMIT_DIR gets `PRAGMA max_page_count =
 * MIMIR_TEST_MAX_PAGE_COUNT` (SQLite keeps at least the file's current size), so growing the
 * database past it fails with SQLITE_FULL, the error a full disk gives. Everything else is the
 * real module.
 */
import { createRequire } from 'node:module';
import { resolve, sep } from 'node:path';
import { env } from 'node:process';

const Real = createRequire(import.meta.url)('better-sqlite3');
const pages = Number(env.MIMIR_TEST_MAX_PAGE_COUNT ?? 0);
const dir = env.MIMIR_TEST_PAGE_LIMIT_DIR ? resolve(env.MIMIR_TEST_PAGE_LIMIT_DIR) : undefined;

function Limited(filename, options) {
  const db = new Real(filename, options);
  if (pages > 0 && dir && typeof filename === 'string' && !db.readonly && !db.memory && resolve(filename).startsWith(dir + sep)) {
    db.pragma(`max_page_count = ${pages}`);
  }
  return db;
}
Object.setPrototypeOf(Limited, Real);
Limited.prototype = Real.prototype;
export default Limited;
