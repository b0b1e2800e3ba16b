/**
 * The import screen: the SRD fixture through the folder dialog with progress and a summary that
 * agrees with the database; a cancelled import that leaves nothing behind; folders that are not
 * 5etools data, stated plainly. The folder dialog is the harness's (its answer set by the test).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeSyntheticSpellData } from '../test/synthetic-5etools';
import { expect, requireHarness, test } from './fixtures';
import { HomebrewForm } from './pages/HomebrewPage';
import { ImportPage } from './pages/ImportPage';
import { callOk } from './pages/mimir-call';

const srdDir = process.env['MIMIR_5ETOOLS_DIR'];

test('import the SRD fixture: progress per stage, a summary that matches the catalog, the history', async ({ appPage: page, harness }, testInfo) => {
  test.skip(!srdDir, 'MIMIR_5ETOOLS_DIR is not set (the 5etools SRD fixture folder)');
  requireHarness(harness, 'the folder dialog answers what the test sets').services.chosenFolder = srdDir!;
  const screen = await new ImportPage(page).open();
  await expect(screen.history).toContainText('No imports yet.');
  await expect(screen.start).toBeDisabled();
  await screen.chooseFolder.click();
  await expect(screen.region).toContainText(`Folder: ${srdDir!}`);
  await screen.start.click();

  await expect(screen.summary).toBeVisible({ timeout: 60_000 });
  // Every stage reported its progress, and the last report of each is complete.
  for (const stage of ['Reading files', 'Resolving copies and versions', 'Mapping records to rows', 'Writing to the catalog']) {
    await expect(screen.stage(stage)).toBeVisible();
    const bar = screen.stage(stage);
    expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));
  }
  await expect(screen.progress).toContainText(/Reading files: (\d+) of \1 files/);

  const spells = await callOk(page, 'spells', 'count', {});
  const creatures = await callOk(page, 'creatures', 'count', {});
  expect(spells).toBeGreaterThan(100);
  // Inserted column of a fresh catalog = rows now in the table.
  expect((await screen.kindRow('Spells'))[0]).toBe(String(spells));
  expect((await screen.kindRow('Creatures'))[0]).toBe(String(creatures));
  await expect(screen.summary).toContainText(/Import finished/);
  // Kept in test-results/ as a file and attached to the report; tall enough for the whole view.
  await page.setViewportSize({ width: 1280, height: 2000 });
  const screenshot = testInfo.outputPath('import-summary.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach('import summary', { path: screenshot, contentType: 'image/png' });

  const log = await callOk(page, 'importLog', 'list', {});
  expect(log.items).toHaveLength(1);
  await expect(screen.historyRows()).toHaveCount(1);
  await expect(screen.historyRows().first()).toContainText(srdDir!);
  await expect(screen.historyRows().first()).toContainText(log.items[0]!.importStatus === 'success' ? 'Finished' : 'Finished, records skipped');

  // An imported row says so in its form.
  const [spell] = (await callOk(page, 'spells', 'list', { limit: 1 })).items;
  await page.goto(new URL(`#/spells/${spell!.id}/edit`, page.url()).toString());
  const form = await new HomebrewForm(page, 'spells', 'spell').ready();
  await expect(form.importedNote()).toBeVisible();
});

test('cancel an import: nothing of it is written, and the log says cancelled', async ({ appPage: page, harness, userDataDir }) => {
  const control = requireHarness(harness, 'the folder dialog answers what the test sets');
  // Large enough that the cancel arrives while the import still runs.
  const dataDir = join(userDataDir, 'synthetic');
  writeSyntheticSpellData(dataDir, 25_000);
  control.services.chosenFolder = dataDir;
  const before = await callOk(page, 'db', 'status');

  const screen = await new ImportPage(page).open();
  await screen.chooseFolder.click();
  await screen.start.click();
  await expect(screen.progress).toBeVisible();
  await screen.cancel.click();
  await expect(screen.outcome).toContainText('Import cancelled', { timeout: 30_000 });
  await expect(screen.outcome).toContainText('Nothing of it was written');
  await expect(screen.summary).toHaveCount(0);

  expect(await callOk(page, 'spells', 'count', {})).toBe(0);
  expect(await callOk(page, 'sources', 'count', {})).toBe(0);
  const after = await callOk(page, 'db', 'status');
  expect({ ...after.counts, importLog: undefined }).toEqual({ ...before.counts, importLog: undefined });
  const log = await callOk(page, 'importLog', 'list', {});
  expect(log.items.map((entry) => entry.importStatus)).toEqual(['cancelled']);
  await expect(screen.historyRows()).toHaveCount(1);
  await expect(screen.historyRows().first()).toContainText('Cancelled');
});

test('a path that is not a folder, and a folder without 5etools data, are stated plainly', async ({ appPage: page, harness, userDataDir }) => {
  const control = requireHarness(harness, 'the folder dialog answers what the test sets');
  control.services.chosenFolder = join(userDataDir, 'no-such-folder');
  const screen = await new ImportPage(page).open();
  await screen.chooseFolder.click();
  await screen.start.click();
  await expect(screen.outcome).toContainText('Import failed');
  await expect(screen.outcome).toContainText('is not a folder');
  expect(await callOk(page, 'spells', 'count', {})).toBe(0);

  const empty = join(userDataDir, 'empty');
  mkdirSync(empty);
  control.services.chosenFolder = empty;
  await screen.chooseFolder.click();
  await screen.start.click();
  await expect(screen.outcome).toContainText('Import failed');
  await expect(screen.outcome).toContainText('holds no 5etools data');
  await expect(screen.summary).toHaveCount(0);
  // Both failures are in the history, with their reasons.
  await expect(screen.historyRows()).toHaveCount(2);
  await expect(screen.historyRows().first()).toContainText('Failed');
});

test('a cancelled folder dialog changes nothing', async ({ appPage: page, harness }) => {
  requireHarness(harness, 'the folder dialog answers what the test sets').services.chosenFolder = null;
  const screen = await new ImportPage(page).open();
  await screen.chooseFolder.click();
  await expect(screen.region).toContainText('No folder chosen.');
  await expect(screen.start).toBeDisabled();
});
