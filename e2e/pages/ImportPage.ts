/** The import screen: folder, start, progress per stage, cancel, summary and history. */
import { expect, type Locator, type Page } from '@playwright/test';

export class ImportPage {
  readonly region: Locator;
  readonly chooseFolder: Locator;
  readonly start: Locator;
  readonly cancel: Locator;
  readonly progress: Locator;
  readonly summary: Locator;
  readonly history: Locator;
  readonly outcome: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Import 5etools data' });
    this.chooseFolder = this.region.getByRole('button', { name: 'Choose folder…' });
    this.start = this.region.getByRole('button', { name: 'Start import' });
    this.cancel = this.region.getByRole('button', { name: /^Cancel(ling)? import/ });
    this.progress = this.region.getByRole('region', { name: 'Progress' });
    this.summary = this.region.getByRole('region', { name: 'Import summary' });
    this.history = this.region.getByRole('region', { name: 'Earlier imports' });
    this.outcome = this.region.getByRole('alert');
  }

  /** Opens the screen from the navigation. */
  async open(): Promise<this> {
    await this.page.getByRole('navigation', { name: 'Catalog' }).getByRole('link', { name: 'Import' }).click();
    await expect(this.region).toBeVisible();
    return this;
  }

  /** The progress bar of a stage ("Reading files", "Writing to the catalog" …). */
  stage(name: string): Locator {
    return this.progress.getByRole('progressbar', { name: new RegExp(`^${name}:`) });
  }

  /** The summary's row of one kind ("Spells"), as its cells' texts. */
  async kindRow(kind: string): Promise<string[]> {
    const row = this.summary.getByRole('row', { name: new RegExp(`^${kind}\\b`) });
    return row.getByRole('cell').allTextContents();
  }

  historyRows(): Locator {
    return this.history.getByRole('row').filter({ has: this.page.getByRole('cell') });
  }
}
