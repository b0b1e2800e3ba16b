/**
 * The browser's frame: navigation by kind (with counts), the status line, the detail slot and the
 * URL. Locators by role and accessible name only.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { BrowseKind } from '../../src-renderer/src/app/route';
import { ListPage } from './ListPage';

/** What the navigation and list headings call each kind. */
export const KIND_TITLES: Readonly<Record<BrowseKind, string>> = {
  spells: 'Spells',
  creatures: 'Creatures',
  items: 'Items',
  races: 'Races',
  classes: 'Classes',
  backgrounds: 'Backgrounds',
  feats: 'Feats',
  rulesTerms: 'Rules terms',
  sources: 'Sources',
};

export class AppShell {
  readonly nav: Locator;
  readonly status: Locator;
  /** The detail slot (DetailView). */
  readonly detail: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Catalog' });
    this.status = page.getByRole('status');
    this.detail = page.getByRole('article', { name: 'Details' });
  }

  /** Waits for the frame: heading and a status line that read the catalog. */
  async ready(): Promise<this> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Mimir catalog' })).toBeVisible();
    await expect(this.status).toContainText('Schema version');
    return this;
  }

  kindLink(kind: BrowseKind): Locator {
    return this.nav.getByRole('link', { name: new RegExp(`^${KIND_TITLES[kind]}(\\s|$)`) });
  }

  /** Opens a kind from the navigation and waits for its list. */
  async openKind(kind: BrowseKind): Promise<ListPage> {
    await this.kindLink(kind).click();
    await expect(this.kindLink(kind)).toHaveAttribute('aria-current', 'page');
    return new ListPage(this.page, kind).ready();
  }

  /** The list of `kind` (already shown). */
  list(kind: BrowseKind): ListPage {
    return new ListPage(this.page, kind);
  }

  /** The count the navigation shows for `kind` (null before the counts arrive). */
  async kindCount(kind: BrowseKind): Promise<number | null> {
    const text = (await this.kindLink(kind).textContent()) ?? '';
    const digits = text.slice(KIND_TITLES[kind].length).replace(/[^\d]/g, '');
    return digits === '' ? null : Number(digits);
  }

  /** The URL's hash (`#/spells?level=3`). */
  hash(): string {
    return new URL(this.page.url()).hash;
  }

  /** Goes to `hash` as a typed or bookmarked address would: a new document load. */
  async open(hash: string): Promise<void> {
    const url = new URL(this.page.url());
    url.hash = hash;
    await this.page.goto(url.toString());
    await this.page.reload();
  }
}
