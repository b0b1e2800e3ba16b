/** Page object of the detail view (the selected row of a browse view) and the SRD seeding it needs. */
import type { Locator, Page } from '@playwright/test';
import { expect } from '../fixtures';

/** The 5etools SRD fixture folder, or undefined when MIMIR_5ETOOLS_DIR is not set. */
export const SRD_DIR = process.env['MIMIR_5ETOOLS_DIR'];
export const SRD_SKIP_REASON = 'MIMIR_5ETOOLS_DIR not set (point it at the 5etools SRD fixture folder)';

/** Imports the SRD fixture through the page's own `window.mimir` (as the import screen does). */
export async function importSrd(page: Page, dataDir: string): Promise<void> {
  const error = await page.evaluate(async (dir) => {
    type Api = { mimir: { import: { fiveEtools(input: { dataDir: string }): Promise<{ ok: boolean; error?: unknown }> } } };
    const result = await (globalThis as unknown as Api).mimir.import.fiveEtools({ dataDir: dir });
    return result.ok ? null : JSON.stringify(result.error);
  }, dataDir);
  expect(error, 'SRD import').toBeNull();
}

export class DetailPage {
  readonly article: Locator;
  readonly heading: Locator;
  readonly mentionedIn: Locator;
  readonly statBlock: Locator;

  constructor(readonly page: Page) {
    this.article = page.getByRole('article', { name: 'Details' });
    this.heading = this.article.getByRole('heading', { level: 2 });
    this.mentionedIn = this.article.getByRole('region', { name: /^Mentioned in/ });
    this.statBlock = this.article.getByRole('group', { name: 'Stat block' });
  }

  /** Opens a row through the URL (`#/spells?sel=fireball-phb`), as a copied link or a reload would. */
  async open(kind: string, id: string, name: string): Promise<void> {
    await this.page.evaluate((hash) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = hash;
    }, `#/${kind}?sel=${encodeURIComponent(id)}`);
    await this.expectShowing(name);
  }

  async expectShowing(name: string): Promise<void> {
    await expect(this.heading).toHaveText(name);
    await expect(this.article).toHaveAttribute('aria-busy', 'false');
  }

  /** A link inside the rendered rules text. */
  link(name: string | RegExp): Locator {
    return this.article.getByRole('link', { name, exact: typeof name === 'string' });
  }

  async expectNoRawMarkup(): Promise<void> {
    await expect(this.article).not.toContainText('{@');
    await expect(this.article).not.toContainText('{=');
  }
}
