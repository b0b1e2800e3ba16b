/** The global search palette on the SRD fixture: type, arrows, Enter opens the hit, Escape closes. */
import { expect, test } from './fixtures';
import { seedSrd } from './catalog-data';
import { DetailPage } from './pages/DetailPage';
import { SearchPalettePage } from './pages/SearchPalettePage';

test.describe('global search', () => {
  test.beforeEach(async ({ appPage }) => {
    await seedSrd(appPage);
  });

  test('finds Fireball as you type and Enter opens it', async ({ appPage }) => {
    const palette = new SearchPalettePage(appPage);
    await palette.openWithShortcut();
    await expect(palette.input).toBeFocused();
    await palette.search('fireball');
    await expect(palette.options().first()).toContainText('Fireball');
    await expect(palette.options().first()).toContainText('Spell');
    await expect(palette.input).toHaveAttribute('aria-activedescendant', /search-hit-0/);
    await palette.input.press('Enter');
    await expect(palette.dialog).toBeHidden();
    await new DetailPage(appPage).expectShowing('Fireball');
  });

  test('a typo still finds the spell; arrows move the active option; Escape closes', async ({ appPage }) => {
    const palette = new SearchPalettePage(appPage);
    await appPage.keyboard.press('/');
    await palette.search('frieball');
    await expect(palette.option(/Fireball/).first()).toBeVisible();
    await palette.search('dragon');
    await expect(palette.status).toContainText('for \u201cdragon\u201d');
    await expect(palette.options().first()).toHaveAttribute('aria-selected', 'true');
    await palette.input.press('ArrowDown');
    await expect(palette.options().nth(1)).toHaveAttribute('aria-selected', 'true');
    // The second hit, as the API ranks it.
    const second = await appPage.evaluate(async () => {
      type Api = { mimir: { search: { query(input: { text: string; limit: number }): Promise<{ ok: true; data: { hits: { name: string }[] } }> } } };
      const answer = await (globalThis as unknown as Api).mimir.search.query({ text: 'dragon', limit: 30 });
      return answer.data.hits[1]?.name ?? '';
    });
    await expect(palette.options().nth(1)).toContainText(second);
    await palette.input.press('Enter');
    await new DetailPage(appPage).expectShowing(second);

    await palette.openWithShortcut();
    await palette.search('in:creatures -undead zzzxqv');
    await expect(palette.status).toContainText('No results');
    await palette.input.press('Tab');
    await expect(palette.input).toBeFocused();
    await palette.input.press('Escape');
    await expect(palette.dialog).toBeHidden();
  });

  test('body matches show a highlighted snippet', async ({ appPage }) => {
    const palette = new SearchPalettePage(appPage);
    await palette.openWithShortcut();
    await palette.search('low roar');
    const hit = palette.option(/Fireball/).first();
    await expect(hit).toBeVisible();
    await expect(hit.getByTestId('search-highlight').first()).toBeVisible();
  });
});
