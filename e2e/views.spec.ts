/**
 * Every main view in the light and the dark theme and at narrow widths, saved as screenshots in
 * test-results/ (for review), and an accessibility walk of each: every control in the page's
 * accessibility tree (buttons, text boxes, comboboxes, checkboxes, links, options …) has a name.
 * The tree is Playwright's own (`ariaSnapshot`), so a control is judged as a screen reader
 * would meet it, not by its markup.
 */
import type { Page, TestInfo } from '@playwright/test';
import { listOf, seedSrd } from './catalog-data';
import { expect, test } from './fixtures';
import { BackupsDialog } from './pages/BackupsPage';
import { DetailPage } from './pages/DetailPage';
import { HomebrewForm } from './pages/HomebrewPage';
import { SearchPalettePage } from './pages/SearchPalettePage';
import { AppShell } from './pages';

/** Roles a person operates; each must have an accessible name. */
const CONTROL_ROLES = [
  'button',
  'checkbox',
  'combobox',
  'link',
  'listbox',
  'menuitem',
  'option',
  'radio',
  'searchbox',
  'slider',
  'spinbutton',
  'switch',
  'tab',
  'textbox',
  'dialog',
  'alertdialog',
  'grid',
  'table',
];

/** The controls of the page's accessibility tree that have no name, as `role` lines of the snapshot. */
export async function unnamedControls(page: Page): Promise<string[]> {
  const tree = await page.locator('body').ariaSnapshot();
  const pattern = new RegExp(`^\\s*- (${CONTROL_ROLES.join('|')})(?=$|[\\s:\\[])(?! ")`);
  return tree.split('\n').filter((line) => pattern.test(line));
}

const LAYOUTS = [
  { name: 'light', colorScheme: 'light', width: 1280, height: 800 },
  { name: 'dark', colorScheme: 'dark', width: 1280, height: 800 },
  { name: 'dark-900', colorScheme: 'dark', width: 900, height: 700 },
  { name: 'light-600', colorScheme: 'light', width: 600, height: 800 },
] as const;

async function shoot(page: Page, testInfo: TestInfo, view: string, layout: string): Promise<void> {
  const path = testInfo.outputPath(`${view}-${layout}.png`);
  await page.screenshot({ path });
  await testInfo.attach(`${view} (${layout})`, { path, contentType: 'image/png' });
}

for (const layout of LAYOUTS) {
  test(`every view in the ${layout.name} layout (${layout.width} × ${layout.height}): screenshots, and every control named`, async ({ appPage: page }, testInfo) => {
    test.setTimeout(120_000);
    await seedSrd(page);
    await page.emulateMedia({ colorScheme: layout.colorScheme });
    await page.setViewportSize({ width: layout.width, height: layout.height });
    const shell = await new AppShell(page).ready();
    const detail = new DetailPage(page);
    const check = async (view: string): Promise<void> => {
      await shoot(page, testInfo, view, layout.name);
      expect(await unnamedControls(page), `unnamed controls in ${view}`).toEqual([]);
    };

    const spells = await shell.openKind('spells');
    await spells.expectRows({ total: (await listOf(page, 'spells', { filter: { isReprinted: false } })).total, names: [] });
    await detail.open('spells', 'fireball-phb', 'Fireball');
    await check('spell');
    await detail.open('creatures', 'adult-red-dragon-mm', 'Adult Red Dragon');
    await check('creature');
    await detail.open('items', 'bag-of-holding-dmg', 'Bag of Holding');
    await check('item');
    await detail.open('races', 'elf-phb', 'Elf');
    await check('race');
    await detail.open('classes', 'wizard-phb', 'Wizard');
    await check('class');

    await shell.open('#/spells/new');
    const form = await new HomebrewForm(page, 'spells', 'spell').ready();
    await form.fill('Level', '12');
    await form.field('Source').fill('sys');
    await expect(form.options('Source').getByRole('option').first()).toBeVisible();
    await check('form-picker');
    await form.field('Name').focus();
    await form.createButton().click();
    await expect(form.summary).toBeVisible();
    await check('form-errors');

    await shell.open('#/import');
    await expect(page.getByRole('heading', { level: 2, name: /Import/ })).toBeVisible();
    await check('import');

    await shell.open('#/spells');
    const backups = await new BackupsDialog(page).open();
    await backups.backUp(1);
    await backups.restoreButton(0).click();
    await expect(backups.confirmation).toBeVisible();
    await check('backups');
    await backups.confirmation.getByRole('button', { name: 'Keep the current catalog' }).click();
    await backups.close();

    const palette = new SearchPalettePage(page);
    await palette.openWithShortcut();
    await palette.search('fire');
    await expect(palette.options().first()).toBeVisible();
    await check('search');
  });
}
