/**
 * Detail views on the SRD fixture: a spell, a creature and an item render without raw markup
 * (screenshots attached), links lead from one entity to another and Back returns, and "Mentioned
 * in" lists the creatures that cast Fireball.
 */
import { expect, test } from './fixtures';
import { seedSrd } from './catalog-data';
import { DetailPage } from './pages/DetailPage';

test.describe('detail views', () => {
  test.beforeEach(async ({ appPage }) => {
    await seedSrd(appPage);
  });

  test('a spell, a creature and an item render with no raw {@ markup', async ({ appPage }, testInfo) => {
    const detail = new DetailPage(appPage);

    await detail.open('spells', 'fireball-phb', 'Fireball');
    await expect(detail.article).toContainText('3rd-level evocation');
    await expect(detail.article).toContainText('Casting Time');
    await expect(detail.article).toContainText('V, S, M (a tiny ball of bat guano and sulfur)');
    await expect(detail.article).toContainText('8d6 fire damage');
    await detail.expectNoRawMarkup();
    await testInfo.attach('spell-fireball', { body: await detail.article.screenshot(), contentType: 'image/png' });

    await detail.open('creatures', 'adult-red-dragon-mm', 'Adult Red Dragon');
    await expect(detail.statBlock).toContainText('Huge dragon, chaotic evil');
    await expect(detail.statBlock.getByRole('table', { name: 'Ability scores' })).toContainText('27 (+8)');
    await expect(detail.statBlock.getByRole('region', { name: 'Legendary Actions' })).toBeVisible();
    await expect(detail.statBlock).toContainText('Melee Weapon Attack: +14 to hit');
    await detail.expectNoRawMarkup();
    await testInfo.attach('creature-adult-red-dragon', { body: await detail.article.screenshot(), contentType: 'image/png' });

    await detail.open('items', 'bag-of-holding-dmg', 'Bag of Holding');
    await expect(detail.article).toContainText('Wondrous item, uncommon');
    await expect(detail.link("Heward's handy haversack")).toBeVisible();
    await detail.expectNoRawMarkup();
    await testInfo.attach('item-bag-of-holding', { body: await detail.article.screenshot(), contentType: 'image/png' });
  });

  test('a link opens the entity it names, with a preview on focus, and Back returns', async ({ appPage }) => {
    const detail = new DetailPage(appPage);
    await detail.open('creatures', 'lich-mm', 'Lich');
    const fireball = detail.link('fireball');
    await fireball.focus();
    await expect(appPage.getByRole('tooltip')).toContainText('Fireball');
    await expect(appPage.getByRole('tooltip')).toContainText('3rd-level evocation');
    await fireball.press('Enter');
    await detail.expectShowing('Fireball');
    // The followed link is gone; keyboard focus continues at the new row's heading.
    await expect(detail.heading).toBeFocused();
    await expect(appPage).toHaveURL(/#\/spells\?sel=fireball-phb$/);
    await appPage.goBack();
    await detail.expectShowing('Lich');
    // A condition is not a catalog kind: shown as text, marked, not a link.
    await expect(detail.article.getByTitle('Condition \u201cparalyzed\u201d: not in the catalog')).toBeVisible();
    await expect(detail.article.getByRole('link', { name: 'paralyzed' })).toHaveCount(0);
  });

  test('tags outside the stored references (a class\'s starting equipment) are linked by a name lookup', async ({ appPage }) => {
    const detail = new DetailPage(appPage);
    await detail.open('classes', 'fighter-phb', 'Fighter');
    await expect(detail.link('chain mail')).toHaveAttribute('href', '#/items?sel=chain-mail-phb');
    await expect(detail.article.getByRole('region', { name: 'Features by level' })).toContainText('Action Surge');
    await detail.expectNoRawMarkup();
  });

  test('"Mentioned in" on Fireball lists the creatures that cast it', async ({ appPage }) => {
    const detail = new DetailPage(appPage);
    await detail.open('spells', 'fireball-phb', 'Fireball');
    const casters = detail.mentionedIn.getByRole('region', { name: 'Creatures that can cast it' });
    await expect(casters.getByRole('link', { name: 'Lich', exact: true })).toBeVisible();
    await expect(casters.getByRole('link', { name: 'Mage', exact: true })).toBeVisible();
    await casters.getByRole('link', { name: 'Mage', exact: true }).click();
    await detail.expectShowing('Mage');
  });

  test('"Mentioned in" pages through many backlinks', async ({ appPage }) => {
    const detail = new DetailPage(appPage);
    await detail.open('spells', 'detect-magic-phb', 'Detect Magic');
    const pages = detail.mentionedIn.getByRole('navigation', { name: 'Mentioned in pages' });
    await expect(pages).toContainText('1\u201325 of 31');
    const firstPage = await detail.mentionedIn.getByRole('link').allTextContents();
    expect(firstPage).toHaveLength(25);
    await pages.getByRole('button', { name: 'Next' }).click();
    await expect(pages).toContainText('26\u201331 of 31');
    await expect(detail.mentionedIn.getByRole('link')).toHaveCount(6);
    const secondPage = await detail.mentionedIn.getByRole('link').allTextContents();
    expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);
    await expect(pages.getByRole('button', { name: 'Next' })).toBeDisabled();
    await pages.getByRole('button', { name: 'Previous' }).click();
    await expect(pages).toContainText('1\u201325 of 31');
  });
});
