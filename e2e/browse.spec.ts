/**
 * The catalog browser's lists against the database: first start, every kind, search and facets
 * narrowing to what a `list` call answers, superseded printings, and the view in the URL.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSE_KINDS } from '../src-renderer/src/app/route';
import { listOf, mimir, ok, seedSrd, seedSrdWithRulesTerms, seedSynthetic } from './catalog-data';
import { CATALOG_FILE_NAME, expect, repoRoot, requireHarness, test } from './fixtures';
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
  // The SRD has no rules terms: the synthetic rules-terms fixture is imported with it.
  await seedSrdWithRulesTerms(appPage);
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

/** Two printings of Fireball: the 2014 one superseded by the 2024 one (as the importer links them). */
async function reprintedPair(page: Parameters<typeof mimir>[0]): Promise<void> {
  ok(await mimir(page, 'ruleSystems', 'batchUpsert', { rows: [{ id: 'dnd5e-2014', name: 'D&D 5th Edition (2014)' }, { id: 'dnd5e-2024', name: 'D&D 5th Edition (2024)' }] }));
  ok(await mimir(page, 'sources', 'batchUpsert', {
    rows: [
      { id: 'PHB', ruleSystemId: 'dnd5e-2014', fullName: "Player's Handbook (2014)" },
      { id: 'XPHB', ruleSystemId: 'dnd5e-2024', fullName: "Player's Handbook (2024)" },
    ],
  }));
  ok(await mimir(page, 'spells', 'batchUpsert', {
    rows: [
      { id: 'fireball-xphb', name: 'Fireball', ruleSystemId: 'dnd5e-2024', sourceId: 'XPHB', level: 3, school: 'V' },
      { id: 'fireball-phb', name: 'Fireball', ruleSystemId: 'dnd5e-2014', sourceId: 'PHB', level: 3, school: 'V', reprintedAs: ['Fireball|XPHB'], supersededBy: 'fireball-xphb' },
      { id: 'fire-bolt-phb', name: 'Fire Bolt', ruleSystemId: 'dnd5e-2014', sourceId: 'PHB', level: 0, school: 'V' },
    ],
  }));
}

test('hides superseded printings by default, marks rows with other printings, and shows all on request', async ({ appPage }) => {
  await reprintedPair(appPage);
  const shell = await new AppShell(appPage).ready();
  const list = await shell.list('spells').ready();
  await expect(list.hideSuperseded).toBeChecked();
  const newest = await listOf(appPage, 'spells', { filter: { isReprinted: false } });
  expect(newest.items.map((r) => r.id)).toEqual(['fire-bolt-phb', 'fireball-xphb']);
  await list.expectRows({ total: 2, names: ['Fire Bolt', 'Fireball'] });
  // The 2024 Fireball says an older printing is in the catalog.
  await expect(list.row('Fireball')).toContainText('Also in PHB');
  await expect(list.row('Fire Bolt')).not.toContainText('Also in');

  await list.hideSuperseded.uncheck();
  const all = await listOf(appPage, 'spells', { filter: {} });
  expect(all.total).toBe(3);
  await list.expectRows({ total: 3, names: all.items.map((r) => r.name ?? '') });
  await expect.poll(() => shell.hash()).toBe('#/spells?printings=all');
  await expect(list.row('Fireball').filter({ hasText: 'Reprinted in XPHB' })).toHaveCount(1);
  await expect(list.row('Fireball').filter({ hasText: 'Also in PHB' })).toHaveCount(1);

  await list.hideSuperseded.check();
  await list.expectRows({ total: 2, names: ['Fire Bolt', 'Fireball'] });
});

test('the URL restores a view: kind, facets, sort and the selected row', async ({ appPage }) => {
  await seedSrd(appPage);
  const shell = await new AppShell(appPage).ready();
  const dragons = await listOf(appPage, 'creatures', { filter: { isReprinted: false, type: 'dragon' }, sort: { by: 'crValue', direction: 'desc' }, limit: FIRST });
  const chosen = dragons.items[2];
  if (!chosen) throw new Error('the SRD has fewer than three dragons');
  await shell.open(`#/creatures?type=dragon&sort=crValue&dir=desc&sel=${chosen.id}`);
  const list = await shell.list('creatures').ready();
  await expect(shell.kindLink('creatures')).toHaveAttribute('aria-current', 'page');
  await expect(list.option('Type', 'Dragon')).toBeChecked();
  await expect(list.columnHeader('CR')).toHaveAttribute('aria-sort', 'descending');
  await list.expectRows({ total: dragons.total, names: dragons.items.map((r) => r.name ?? '') });
  await expect(list.row(chosen.name ?? '')).toHaveAttribute('aria-selected', 'true');
  await expect(shell.detail.getByRole('heading', { name: chosen.name })).toBeVisible();
});

test('back and forward walk through facet changes and opened rows', async ({ appPage }) => {
  await seedSrd(appPage);
  const shell = await new AppShell(appPage).ready();
  const list = await shell.openKind('spells');
  const all = await listOf(appPage, 'spells', { filter: { isReprinted: false }, limit: FIRST });
  const evocation = await listOf(appPage, 'spells', { filter: { isReprinted: false, school: 'V' }, limit: FIRST });
  await list.option('School', 'Evocation').check();
  await list.expectRows({ total: evocation.total, names: evocation.items.map((r) => r.name ?? '') });
  const first = evocation.items[0]?.name ?? '';
  await list.row(first).click();
  await expect(shell.detail.getByRole('heading', { name: first })).toBeVisible();

  await appPage.goBack();
  await expect(shell.detail).toHaveCount(0);
  await expect(list.option('School', 'Evocation')).toBeChecked();
  await appPage.goBack();
  await expect(list.option('School', 'Evocation')).not.toBeChecked();
  await list.expectRows({ total: all.total, names: all.items.map((r) => r.name ?? '') });
  await appPage.goForward();
  await list.expectRows({ total: evocation.total, names: evocation.items.map((r) => r.name ?? '') });
  await appPage.goForward();
  await expect(shell.detail.getByRole('heading', { name: first })).toBeVisible();
});

test('data and view survive closing and reopening the catalog', async ({ appPage, harness: maybeHarness }) => {
  const harness = requireHarness(maybeHarness, 'the test restarts the database host on the same file');
  await seedSrd(appPage);
  const shell = await new AppShell(appPage).ready();
  const list = await shell.openKind('spells');
  await list.option('Level', '9th level').check();
  const ninth = await listOf(appPage, 'spells', { filter: { isReprinted: false, level: 9 }, limit: FIRST });
  await list.expectRows({ total: ninth.total, names: ninth.items.map((r) => r.name ?? '') });
  const before = ok(await mimir(appPage, 'db', 'status')).counts;

  await harness.reopen();
  await shell.ready();
  expect(ok(await mimir(appPage, 'db', 'status')).counts).toEqual(before);
  await expect(list.option('Level', '9th level')).toBeChecked();
  await list.expectRows({ total: ninth.total, names: ninth.items.map((r) => r.name ?? '') });
  await expect.poll(() => shell.kindCount('creatures')).toBe(before['creatures']);
});

test('kind counts follow catalog:changed, and a long list pages in as it scrolls', async ({ appPage }) => {
  const shell = await new AppShell(appPage).ready();
  await expect.poll(() => shell.kindCount('spells')).toBe(0);
  await seedSynthetic(appPage, { spells: 1200 });
  await expect.poll(() => shell.kindCount('spells')).toBe(1200);
  const list = await shell.list('spells').ready();
  await list.expectRows({ total: 1200, names: (await listOf(appPage, 'spells', { filter: { isReprinted: false }, limit: FIRST })).items.map((r) => r.name ?? '') });
  // Far beyond the first page: the rows there come from their own list call.
  await list.rows.first().focus();
  await appPage.keyboard.press('End');
  const last = (await listOf(appPage, 'spells', { filter: { isReprinted: false }, offset: 1199, limit: 1 })).items[0];
  await expect(list.row(last?.name ?? '').filter({ has: appPage.getByRole('gridcell') })).toHaveAttribute('aria-rowindex', '1201');
  await expect(appPage.getByRole('row', { name: /Loading/ })).toHaveCount(0);
});

test('screenshots: the list in the light and the dark theme', async ({ appPage }, testInfo) => {
  await seedSrd(appPage);
  await appPage.setViewportSize({ width: 1280, height: 800 });
  const shell = await new AppShell(appPage).ready();
  const list = await shell.openKind('creatures');
  await list.option('Type', 'Dragon').check();
  await list.expectRows({ total: (await listOf(appPage, 'creatures', { filter: { isReprinted: false, type: 'dragon' } })).total, names: [] });
  await list.row('Adult Red Dragon').click();
  await expect(shell.detail.getByRole('heading', { name: 'Adult Red Dragon' })).toBeVisible();
  await appPage.emulateMedia({ colorScheme: 'light' });
  await testInfo.attach('list (light)', { body: await appPage.screenshot(), contentType: 'image/png' });
  await appPage.emulateMedia({ colorScheme: 'dark' });
  // The theme follows the system: the page background is dark now.
  await expect(appPage.locator('body')).toHaveCSS('background-color', 'rgb(23, 24, 27)');
  await testInfo.attach('list (dark)', { body: await appPage.screenshot(), contentType: 'image/png' });
  await appPage.setViewportSize({ width: 800, height: 700 });
  await testInfo.attach('list (dark, 800 × 700)', { body: await appPage.screenshot(), contentType: 'image/png' });
});
