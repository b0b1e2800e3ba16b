/** Page object of the detail view: the selected row of a browse view (the AppShell's detail slot). */
import type { Locator, Page } from '@playwright/test';
import { expect } from '../fixtures';

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
