/**
 * Rules terms on the SRD fixture with the synthetic rules-terms fixture: a condition's detail
 * (its rules text, "Mentioned in" with the creatures naming it), a {@condition} link followed from
 * a stat block, the kind's list facet, and the edition preference re-resolving links.
 */
import { mimir, ok, seedSrdWithRulesTerms } from './catalog-data';
import { expect, test } from './fixtures';
import { AppShell } from './pages';
import { DetailPage } from './pages/DetailPage';

test.describe('rules terms', () => {
  test.beforeEach(async ({ appPage }) => {
    await seedSrdWithRulesTerms(appPage);
  });

  test('Frightened: its rules text, and the creatures that mention it', async ({ appPage }, testInfo) => {
    const detail = new DetailPage(appPage);
    await detail.open('rulesTerms', 'frightened-phb', 'Frightened');
    await expect(detail.article).toContainText('Condition');
    await expect(detail.article).toContainText('A frightened creature has disadvantage on ability checks and attack rolls');
    await expect(detail.article.getByRole('note', { name: 'Printings' })).toContainText('Superseded by Frightened (XPHB)');
    await detail.expectNoRawMarkup();
    const creatures = detail.mentionedIn.getByRole('region', { name: 'Creatures that mention it' });
    await expect(creatures.getByRole('link', { name: 'Adult Red Dragon', exact: true })).toBeVisible();
    await testInfo.attach('rules-term-frightened', { body: await detail.article.screenshot(), contentType: 'image/png' });
    await creatures.getByRole('link', { name: 'Adult Red Dragon', exact: true }).click();
    await detail.expectShowing('Adult Red Dragon');
  });

  test('a {@condition} link in a stat block opens the condition, and Back returns', async ({ appPage }) => {
    const detail = new DetailPage(appPage);
    await detail.open('creatures', 'adult-red-dragon-mm', 'Adult Red Dragon');
    const frightened = detail.link('frightened').first();
    await expect(frightened).toHaveAttribute('href', '#/rulesTerms?sel=frightened-phb');
    await frightened.click();
    await detail.expectShowing('Frightened');
    await expect(appPage).toHaveURL(/#\/rulesTerms\?sel=frightened-phb$/);
    await expect(detail.heading).toBeFocused();
    await appPage.goBack();
    await detail.expectShowing('Adult Red Dragon');
  });

  test('the rules-terms list filters by term type', async ({ appPage }) => {
    const shell = await new AppShell(appPage).ready();
    const list = await shell.openKind('rulesTerms');
    await list.option('Term type', 'Skill').check();
    await list.expectRows({ total: 2, names: ['Perception', 'Stealth'] });
    expect(shell.hash()).toMatch(/type=skill/);
  });

  test('preferring the 2024 rules sends links without a source to the 2024 printing', async ({ appPage }) => {
    await new AppShell(appPage).ready();
    const detail = new DetailPage(appPage);
    await detail.open('creatures', 'adult-red-dragon-mm', 'Adult Red Dragon');
    await expect(detail.link('frightened').first()).toHaveAttribute('href', '#/rulesTerms?sel=frightened-phb');
    const preference = appPage.getByRole('combobox', { name: 'Preferred rules' });
    await expect(preference).toHaveValue('dnd5e-2014');
    await preference.selectOption({ label: '2024 rules' });
    await expect(appPage.getByText(/2024 rules preferred; \d+ references resolved again\./)).toBeVisible();
    await expect(detail.link('frightened').first()).toHaveAttribute('href', '#/rulesTerms?sel=frightened-xphb');
    expect(ok(await mimir(appPage, 'settings', 'get'))).toEqual({ preferredRuleSystem: 'dnd5e-2024' });
    // Kept in the catalog: a reload shows the same preference.
    await appPage.reload();
    await expect(appPage.getByRole('combobox', { name: 'Preferred rules' })).toHaveValue('dnd5e-2024');
  });
});
