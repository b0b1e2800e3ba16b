/** Page object of the global search palette (Ctrl+K or `/`). */
import type { Locator, Page } from '@playwright/test';

export class SearchPalettePage {
  readonly dialog: Locator;
  readonly input: Locator;
  readonly results: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Search the catalog' });
    this.input = this.dialog.getByRole('combobox', { name: 'Search' });
    this.results = this.dialog.getByRole('listbox', { name: 'Results' });
    // A live region without a role (the status line is the page's one status).
    this.status = this.dialog.getByTestId('search-status');
  }

  async openWithShortcut(): Promise<void> {
    await this.page.keyboard.press('Control+k');
  }

  async search(text: string): Promise<void> {
    await this.input.fill(text);
  }

  options(): Locator {
    return this.results.getByRole('option');
  }

  option(name: string | RegExp): Locator {
    return this.results.getByRole('option', { name });
  }
}
