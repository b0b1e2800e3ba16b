/**
 * The catalog browser's lists against the database: first start, every kind, search and facets
 * narrowing to what a `list` call answers, superseded printings, and the view in the URL.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSE_KINDS } from '../src-renderer/src/app/route';
import { listOf, mimir, ok, seedSrd } from './catalog-data';
import { expect, repoRoot, test, CATALOG_FILE_NAME } from './fixtures';
import { AppShell } from './pages';

const latestVersion = readdirSync(join(repoRoot, 'migrations'), { withFileTypes: true }).filter(
  (entry) => entry.isDirectory() && /^\d{4}_/.test(entry.name),
).length;

/** Rows the grid shows first, compared with the database (fits any window the suite uses). */
const FIRST = 8;

test('first start creates and migrates an empty catalog, and says so', async ({ appPage }) => {
  const shell = await new AppShell(appPage).ready();
  await expect(shell.status).toContainText(`Schema version ${latestVersion} of ${latestVersion}`);
  await expect(shell.status).toContainText(CATALOG_FILE_NAME);
  await expect(shell.status).toContainText('0 spells, 0 creatures, 0 items, 0 sources');
  for (const kind of BROWSE_KINDS) await expect.poll(() => shell.kindCount(kind)).toBe(0);
  const spells = await shell.list('spells').ready();
  expect(await spells.total()).toBe(0);
  await expect(spells.rows).toHaveCount(0);
});

test('browses every kind: counts and first rows are what the database lists', async ({ appPage }) => {
  await seedSrd(appPage);
  const shell = await new AppShell(appPage).ready();
  const status = ok(await mimir(appPage, 'db', 'status'));
  for (const kind of BROWSE_KINDS) {
    await expect.poll(() => shell.kindCount(kind), `${kind} count`).toBe(status.counts[kind]);
    const list = await shell.openKind(kind);
    const input = kind === 'sources' ? { limit: FIRST } : { limit: FIRST, filter: { isReprinted: false } };
    const page = await listOf(appPage, kind, input);
    expect(page.total, `${kind} in the catalog`).toBeGreaterThan(0);
    await list.expectRows({ total: page.total, names: page.items.map((row) => (kind === 'sources' ? row.id : (row.name ?? ''))) });
  }
});
