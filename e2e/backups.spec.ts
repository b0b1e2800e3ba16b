/**
 * Backups in the browser: "Back up now", a change, "Restore" with its confirmation, and the old
 * row back in the list and the detail (the restore's `catalog:changed`); the previous catalog kept
 * aside on disk; refusals (a damaged backup, a vanished one) said plainly with nothing changed.
 * The harness runs the app's own catalog session (src-main/catalog-session.ts) on the test's
 * user-data directory, so these are the real channels and files.
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { CATALOG_FILE_NAME, emitHarnessEvent, expect, requireHarness, test } from './fixtures';
import { BackupsDialog } from './pages/BackupsPage';
import { DetailPage } from './pages/DetailPage';
import { callOk } from './pages/mimir-call';
import { AppShell } from './pages';

const BASE = { ruleSystemId: 'dnd5e-2014', sourceId: 'HB' };

async function seed(page: Page): Promise<void> {
  await callOk(page, 'ruleSystems', 'create', { id: 'dnd5e-2014', name: 'D&D 5e (2014)' });
  await callOk(page, 'sources', 'create', { id: 'HB', fullName: 'Homebrew Book', ruleSystemId: 'dnd5e-2014', isOfficial: false });
  await callOk(page, 'spells', 'create', { ...BASE, id: 'zap-hb', name: 'Zap', level: 1 });
}

test('back up, change a row, restore: the old row is back in the list and the detail', async ({ appPage: page, userDataDir, harness }, testInfo) => {
  requireHarness(harness, 'the test reads the kept-aside files in the user-data directory');
  await seed(page);
  const shell = await new AppShell(page).ready();
  const detail = new DetailPage(page);
  await detail.open('spells', 'zap-hb', 'Zap');

  const backups = await new BackupsDialog(page).open();
  await expect(backups.dialog.getByText('There is no backup yet.', { exact: false })).toBeVisible();
  await backups.backUp(1);
  const row = backups.rows.first();
  await expect(row).toContainText('1 spell, 1 source');
  await expect(row.getByRole('cell').first()).toHaveText(/^\d+$/); // the schema version
  await backups.close();

  await callOk(page, 'spells', 'update', { id: 'zap-hb', patch: { name: 'Zap Renamed', level: 2 } });
  await callOk(page, 'spells', 'create', { ...BASE, id: 'later-hb', name: 'Later', level: 0 });
  await detail.expectShowing('Zap Renamed');
  const list = shell.list('spells');
  await list.expectRows({ total: 2, names: ['Later', 'Zap Renamed'] });

  await backups.open();
  await backups.restoreButton(0).click();
  // The question says what happens before anything does.
  await expect(backups.confirmation).toContainText('Restore the backup of');
  await expect(backups.confirmation).toContainText(`kept aside in its folder, renamed to ${CATALOG_FILE_NAME}.replaced-`);
  await expect(backups.confirmation).toContainText('nothing is deleted');
  await expect(backups.confirmation.getByRole('button', { name: 'Keep the current catalog' })).toBeFocused();
  const screenshot = testInfo.outputPath('backups-confirm-restore.png');
  await page.screenshot({ path: screenshot });
  await testInfo.attach('backups screen asking to restore', { path: screenshot, contentType: 'image/png' });
  await backups.confirm();
  await expect(backups.dialog.getByText(/^Restored catalog\.sqlite\..*\.bak\.sqlite \(schema version \d+\)\.$/)).toBeVisible();
  await expect(backups.dialog.getByText(/^The previous catalog was kept aside as catalog\.sqlite\.replaced-/)).toBeVisible();
  await backups.close();

  // catalog:changed: the list, the detail and the status line read the restored catalog.
  await detail.expectShowing('Zap');
  await list.expectRows({ total: 1, names: ['Zap'] });
  await expect(shell.status).toContainText('1 spells');
  expect(await callOk(page, 'spells', 'get', { id: 'zap-hb' })).toMatchObject({ name: 'Zap', level: 1 });
  const kept = readdirSync(userDataDir).filter((name) => name.startsWith(`${CATALOG_FILE_NAME}.replaced-`));
  expect(kept.length, `kept aside in ${userDataDir}: ${readdirSync(userDataDir).join(', ')}`).toBeGreaterThan(0);
  expect(existsSync(join(userDataDir, CATALOG_FILE_NAME))).toBe(true);
});

test('refusals are said plainly and change nothing: a damaged backup, a vanished one', async ({ appPage: page, userDataDir, harness }) => {
  requireHarness(harness, 'the test damages and deletes backup files on disk');
  await seed(page);
  await callOk(page, 'spells', 'create', { ...BASE, id: 'later-hb', name: 'Later', level: 0 });
  await new AppShell(page).ready();
  const backups = await new BackupsDialog(page).open();
  await backups.backUp(1);

  // Damage the backup after it was listed (no change follows, so the list is not read again
  // before the click): the restore verifies it first and refuses.
  const folder = join(userDataDir, 'backups');
  const [damaged] = readdirSync(folder).filter((name) => name.endsWith('.bak.sqlite'));
  const fd = openSync(join(folder, damaged as string), 'r+');
  writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 0);
  closeSync(fd);
  await backups.restore(0);
  await expect(backups.refusal).toContainText('The restore was refused: the backup is damaged.');
  await expect(backups.refusal).toContainText('The current catalog was not changed.');
  // Listed again: the damaged file is apart, with the reason.
  await expect(backups.dialog.getByRole('heading', { name: 'Backups that cannot be restored' })).toBeVisible();
  await expect(backups.dialog.getByRole('list', { name: 'Backups that cannot be restored' })).toContainText(damaged as string);
  await expect(backups.rows).toHaveCount(0);
  expect(await callOk(page, 'spells', 'count', {})).toBe(2);

  // A backup that vanishes between the list and the click: NotFound, nothing read.
  await backups.backUp(1);
  const fresh = readdirSync(folder).filter((name) => name.endsWith('.bak.sqlite') && name !== damaged);
  for (const name of fresh) rmSync(join(folder, name));
  await backups.restore(0);
  await expect(backups.refusal).toContainText('The restore was refused: that backup is no longer there.');
  expect(await callOk(page, 'spells', 'count', {})).toBe(2);
  expect(readdirSync(userDataDir).filter((name) => name.includes('.replaced-'))).toEqual([]);
});

test('a catalog damaged while open: the status line offers "Restore the newest backup", and it brings the catalog back', async ({ appPage: page, userDataDir, harness }) => {
  requireHarness(harness, 'the test damages the catalog file on disk');
  await seed(page);
  const shell = await new AppShell(page).ready();
  const backups = await new BackupsDialog(page).open();
  await backups.backUp(1);
  await backups.close();

  // Everything the open catalog holds is moved into the main file (the WAL emptied), then every
  // page after the first is overwritten, as a failing disk might. The next read after a write
  // (which makes the readers drop their page caches) finds the damage.
  const file = join(userDataDir, CATALOG_FILE_NAME);
  const connection = new Database(file);
  connection.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = Number(connection.pragma('page_size', { simple: true }));
  connection.close();
  const fd = openSync(file, 'r+');
  const size = fstatSync(fd).size;
  for (let at = pageSize; at < size; at += pageSize) writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, at);
  closeSync(fd);
  await emitHarnessEvent(page, 'catalog:changed', { tables: ['spells'], cause: 'test' });

  const alert = page.getByRole('contentinfo').getByRole('alert');
  await expect(alert.first()).toContainText('The catalog could not be read');
  const screenshot = test.info().outputPath('damaged-catalog-restore-offer.png');
  await page.screenshot({ path: screenshot });
  await alert.getByRole('button', { name: 'Restore the newest backup' }).click();
  // The Backups screen, asking about the newest backup.
  await expect(backups.dialog).toBeVisible();
  await expect(backups.confirmation).toContainText('Restore the backup of');
  await backups.confirm();
  await expect(backups.dialog.getByText(/^The previous catalog was kept aside as catalog\.sqlite\.replaced-/)).toBeVisible();
  await backups.close();
  // The status line's alert and the list's notice about the damaged file are gone.
  await expect(alert).toHaveCount(0);
  await expect(shell.status).toContainText('1 spells');
  expect(await callOk(page, 'spells', 'get', { id: 'zap-hb' })).toMatchObject({ name: 'Zap' });
  expect(readdirSync(userDataDir).some((name) => name.startsWith(`${CATALOG_FILE_NAME}.replaced-`))).toBe(true);
});
