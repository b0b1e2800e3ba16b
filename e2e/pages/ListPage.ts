/**
 * One kind's list: its name search, facets (groups of checkboxes, selects), sortable column
 * headers and the virtualized grid of rows. `total()` is the grid's `aria-rowcount` less the
 * header row, i.e. every row the database matched, not only those in the DOM.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { BrowseKind } from '../../src-renderer/src/app/route';
import { KIND_TITLES } from './AppShell';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class ListPage {
  readonly title: string;
  readonly region: Locator;
  readonly searchBox: Locator;
  readonly filters: Locator;
  readonly grid: Locator;
  /** Data rows rendered in the grid (the header row excluded). */
  readonly rows: Locator;
  readonly hideSuperseded: Locator;
  readonly clearFilters: Locator;

  constructor(
    readonly page: Page,
    readonly kind: BrowseKind,
  ) {
    this.title = KIND_TITLES[kind];
    this.region = page.getByRole('region', { name: `${this.title} list` });
    this.searchBox = this.region.getByRole('searchbox', { name: `Search ${this.title.toLowerCase()} by name` });
    this.filters = this.region.getByRole('complementary', { name: 'Filters' });
    this.grid = this.region.getByRole('grid', { name: this.title });
    this.rows = this.grid.getByRole('row').filter({ has: page.getByRole('gridcell') });
    this.hideSuperseded = this.filters.getByRole('checkbox', { name: 'Hide superseded printings' });
    this.clearFilters = this.filters.getByRole('button', { name: 'Clear filters' });
  }

  /** Waits until the grid shows an answer from the database. */
  async ready(): Promise<this> {
    await expect(this.grid).toBeVisible();
    await expect(this.region.getByText(/^Loading…$/)).toHaveCount(0);
    return this;
  }

  /** Rows matched by the database for the current view. */
  async total(): Promise<number> {
    return Number(await this.grid.getAttribute('aria-rowcount')) - 1;
  }

  /**
   * The row whose first cell (the name) is `name` (followed by a printings marker or nothing).
   * Rows are positional DOM elements: after changing a facet or the search, wait for the new rows
   * (`expectRows`) before clicking one. While the new answer is pending the grid is `aria-busy`
   * and ignores clicks on its rows (so a click never opens the row that replaces the aimed one).
   */
  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('gridcell', { name: new RegExp(`^${escapeRegExp(name)}(\\s|$)`) }) });
  }

  /** The first-column text of the rendered rows, in order (the printings marker left out). */
  async names(): Promise<string[]> {
    return this.rows.evaluateAll((rows) =>
      rows.map((row) => row.querySelector('[role="gridcell"]')?.firstChild?.textContent ?? ''),
    );
  }

  facet(label: string): Locator {
    return this.filters.getByRole('group', { name: label });
  }

  /** A checkbox of a "any of" facet. */
  option(facet: string, option: string): Locator {
    return this.facet(facet).getByRole('checkbox', { name: option, exact: true });
  }

  /** A select (yes/no facets, one-value facets, range bounds). */
  select(label: string): Locator {
    return this.filters.getByRole('combobox', { name: label, exact: true });
  }

  async choose(label: string, optionLabel: string): Promise<void> {
    await this.select(label).selectOption({ label: optionLabel });
  }

  columnHeader(label: string): Locator {
    return this.grid.getByRole('columnheader', { name: new RegExp(`^${escapeRegExp(label)}`) });
  }

  async sortBy(label: string): Promise<void> {
    await this.columnHeader(label).getByRole('button').click();
  }

  async search(text: string): Promise<void> {
    await this.searchBox.fill(text);
  }

  /**
   * Waits until the grid shows `expected`: the database's total, and its first rows in order (as
   * many as `expected.names` lists, which should not exceed what fits on screen).
   */
  async expectRows(expected: { total: number; names: string[] }): Promise<void> {
    await expect
      .poll(async () => ({ total: await this.total(), names: (await this.names()).slice(0, expected.names.length) }))
      .toEqual(expected);
  }
}
