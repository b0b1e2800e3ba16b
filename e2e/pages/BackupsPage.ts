/**
 * The backups screen (a modal dialog opened from the status line): its list of backups, "Back up
 * now", "Restore" with its confirmation, and what it reports. Locators by role and accessible name.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class BackupsDialog {
  readonly dialog: Locator;
  /** Verified backups: one row per backup (the header row left out). */
  readonly rows: Locator;
  readonly backUpNow: Locator;
  readonly confirmation: Locator;
  /** What the last backup or restore did (a polite live region, not an alert). */
  readonly report: Locator;
  readonly refusal: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Backups' });
    this.rows = this.dialog.getByRole('table', { name: 'Backups that can be restored' }).getByRole('row').filter({ has: page.getByRole('rowheader') });
    this.backUpNow = this.dialog.getByRole('button', { name: 'Back up now' });
    this.confirmation = this.dialog.getByRole('alertdialog');
    this.report = this.dialog.getByText(/^(Backup taken|Restored|The previous catalog|It was upgraded)/);
    this.refusal = this.dialog.getByRole('alert');
  }

  /** Opens the screen from the status line and waits for its list. */
  async open(): Promise<this> {
    await this.page.getByRole('contentinfo').getByRole('button', { name: 'Backups…' }).click();
    await expect(this.dialog).toBeVisible();
    await expect(this.dialog.getByText('Reading the backups…')).toHaveCount(0);
    return this;
  }

  /** Takes a backup and waits until the list shows `count` backups. */
  async backUp(count: number): Promise<void> {
    await this.backUpNow.click();
    await expect(this.dialog.getByText(/^Backup taken: catalog\.sqlite\..*\.bak\.sqlite\.$/)).toBeVisible();
    await expect(this.rows).toHaveCount(count);
  }

  /** The "Restore" button of the `index`th backup (newest first). */
  restoreButton(index = 0): Locator {
    return this.rows.nth(index).getByRole('button', { name: /^Restore the backup of / });
  }

  /** Asks to restore the `index`th backup and answers yes. */
  async restore(index = 0): Promise<void> {
    await this.restoreButton(index).click();
    await this.confirm();
  }

  async confirm(): Promise<void> {
    await expect(this.confirmation).toBeVisible();
    await this.confirmation.getByRole('button', { name: 'Yes, restore this backup' }).click();
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
