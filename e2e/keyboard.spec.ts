/**
 * The list without a mouse: Tab reaches the list's search box, typing searches, ↓ enters the grid,
 * arrows, Home and End move, Enter opens the row in the detail slot, Escape closes it and leaves
 * focus on the row. (`/` and Ctrl+K belong to the global search palette.)
 */
import { listOf, seedSrd } from './catalog-data';
import { expect, test } from './fixtures';
import { AppShell } from './pages';

test('keyboard only: search → list → detail and back', async ({ appPage }) => {
  await seedSrd(appPage);
  const shell = await new AppShell(appPage).ready();
  const list = await shell.list('spells').ready();

  // Tab from the start of the page until the list's search box has focus.
  for (let presses = 0; presses < 20; presses++) {
    await appPage.keyboard.press('Tab');
    if (await list.searchBox.evaluate((element) => element === element.ownerDocument.activeElement)) break;
  }
  await expect(list.searchBox).toBeFocused();

  await appPage.keyboard.type('cure');
  const cures = await listOf(appPage, 'spells', { filter: { isReprinted: false, nameContains: 'cure' } });
  expect(cures.total).toBeGreaterThan(1);
  await list.expectRows({ total: cures.total, names: cures.items.map((r) => r.name ?? '') });

  await appPage.keyboard.press('ArrowDown');
  const [first, second] = cures.items.map((r) => r.name ?? '');
  await expect(list.row(first ?? '')).toBeFocused();
  await appPage.keyboard.press('ArrowDown');
  await expect(list.row(second ?? '')).toBeFocused();
  await appPage.keyboard.press('ArrowUp');
  await appPage.keyboard.press('ArrowDown');
  await expect(list.row(second ?? '')).toBeFocused();

  await appPage.keyboard.press('Enter');
  await expect(shell.detail.getByRole('heading', { name: second })).toBeVisible();
  await expect(list.row(second ?? '')).toHaveAttribute('aria-selected', 'true');
  expect(shell.hash()).toContain(`sel=${cures.items[1]?.id}`);

  await appPage.keyboard.press('Escape');
  await expect(shell.detail).toHaveCount(0);
  await expect(list.row(second ?? '')).toBeFocused();
  expect(shell.hash()).not.toContain('sel=');
});

test('keyboard: Home, End and Page Down move across pages the list has not loaded yet', async ({ appPage }) => {
  await seedSrd(appPage);
  const shell = await new AppShell(appPage).ready();
  const list = await shell.openKind('items');
  const total = await list.total();
  expect(total).toBeGreaterThan(200);
  const [last] = (await listOf(appPage, 'items', { filter: { isReprinted: false }, offset: total - 1, limit: 1 })).items;
  const [firstRow] = (await listOf(appPage, 'items', { filter: { isReprinted: false }, limit: 1 })).items;

  await list.rows.first().focus();
  await appPage.keyboard.press('End');
  // The focused row, whichever it is (a state, not a structure: no role or name to find it by).
  const focused = list.grid.locator('[role="row"]:focus');
  await expect(focused).toHaveAttribute('aria-rowindex', String(total + 1));
  await expect(focused).toContainText(last?.name ?? '');
  await appPage.keyboard.press('Home');
  await expect(list.row(firstRow?.name ?? '')).toBeFocused();
  await appPage.keyboard.press('PageDown');
  await expect(focused).not.toHaveAttribute('aria-rowindex', '2');
  await expect(focused).not.toContainText('Loading…');
});
