/**
 * Homebrew through the forms: create, edit and delete a spell, a creature and an item; errors on
 * the field they belong to, with nothing saved; a delete that other rows prevent, explained.
 * What the screen shows is compared with what the database says (`get`, `count` calls).
 */
import type { Page } from '@playwright/test';
import type { BrowseKind } from '../src-renderer/src/app/route';
import { expect, test } from './fixtures';
import { callMimir, callOk } from './pages/mimir-call';
import { HomebrewForm, RowActions } from './pages/HomebrewPage';

const SOURCE = { id: 'HB', fullName: 'Homebrew Book', ruleSystemId: 'dnd5e-2014', isOfficial: false };
const SOURCE_OPTION = 'Homebrew Book (HB)';

/** A rule system and a homebrew book to put rows in (a fresh catalog has neither). */
async function seedBook(page: Page): Promise<void> {
  await callOk(page, 'ruleSystems', 'create', { id: 'dnd5e-2014', name: 'D&D 5e (2014)' });
  await callOk(page, 'sources', 'create', SOURCE);
}

/** Chooses the homebrew book in the Source picker by part of its title. */
async function pickBook(form: HomebrewForm): Promise<void> {
  await form.pick('Source', 'homebrew', SOURCE_OPTION);
}

/** Goes to a view by its address (the hash only: no reload). */
async function openHash(page: Page, hash: string): Promise<void> {
  const url = new URL(page.url());
  url.hash = hash;
  await page.goto(url.toString());
}

async function openNewForm(page: Page, kind: BrowseKind, one: string): Promise<HomebrewForm> {
  await openHash(page, `#/${kind}`);
  await new RowActions(page, one).newButton().click();
  return new HomebrewForm(page, kind, one).ready();
}

interface KindCase {
  kind: 'spells' | 'creatures' | 'items';
  one: string;
  name: string;
  id: string;
  fill(form: HomebrewForm): Promise<void>;
  /** What the stored row holds after `fill`. */
  created: Record<string, unknown>;
  edit(form: HomebrewForm): Promise<void>;
  edited: Record<string, unknown>;
}

const CASES: KindCase[] = [
  {
    kind: 'spells',
    one: 'spell',
    name: 'Zap of Testing',
    id: 'zap-of-testing-hb',
    async fill(form) {
      await form.fill('Level', '1');
      // The label is shown, the code stored.
      await form.choose('School', { label: 'Evocation' });
      await form.check('Concentration');
      // A class of the catalog by part of its name, and one that is not in it, as written.
      await form.pick('Classes', 'wiz', 'Wizard · HB');
      await form.pick('Classes', 'Sorcerer', 'Add “Sorcerer” as written');
      await expect(form.region.getByRole('list', { name: 'Classes: chosen' }).getByRole('listitem')).toHaveText(['Wizard×', 'Sorcerer×']);
      await form.fill('Rules text', '["A crackling bolt of {@damage 1d6} lightning.", {"type": "entries", "name": "Overload", "entries": ["It arcs."]}]');
    },
    created: { level: 1, school: 'V', isConcentration: true, classes: ['wizard', 'sorcerer'], sourceId: 'HB', ruleSystemId: 'dnd5e-2014' },
    async edit(form) {
      await form.fill('Level', '3');
      await form.check('Ritual');
    },
    edited: { level: 3, isRitual: true, isConcentration: true },
  },
  {
    kind: 'creatures',
    one: 'creature',
    name: 'Test Goblin',
    id: 'test-goblin-hb',
    async fill(form) {
      await form.choose('Size', { label: 'Small' });
      await form.choose('Type', { label: 'Humanoid' });
      await form.fill('Challenge rating', '1/4');
      await form.fill('Hit points', '{"average": 7, "formula": "2d6"}');
    },
    created: { size: 'S', type: 'humanoid', challengeRating: '1/4', hitPoints: { average: 7, formula: '2d6' } },
    async edit(form) {
      await form.fill('Challenge rating', '1');
      await form.choose('Type', { label: '(none)' });
    },
    edited: { challengeRating: '1', type: null, size: 'S' },
  },
  {
    kind: 'items',
    one: 'item',
    name: 'Wand of Tests',
    id: 'wand-of-tests-hb',
    async fill(form) {
      await form.choose('Rarity', { label: 'Rare' });
      await form.check('Requires attunement');
      await form.fill('Weight (lb)', '1.5');
    },
    created: { rarity: 'rare', requiresAttunement: true, weightLb: 1.5, isMagic: true },
    async edit(form) {
      await form.choose('Rarity', { label: 'Very rare' });
      await form.fill('Value (cp)', '50000');
    },
    edited: { rarity: 'very rare', valueCp: 50000, requiresAttunement: true },
  },
];

for (const c of CASES) {
  test(`create, edit and delete a ${c.one} through the form`, async ({ appPage: page }) => {
    await seedBook(page);
    await callOk(page, 'classes', 'create', { id: 'wizard-hb', name: 'Wizard', ruleSystemId: 'dnd5e-2014', sourceId: 'HB', classType: 'class' });
    const form = await openNewForm(page, c.kind, c.one);
    await form.fill('Name', c.name);
    await pickBook(form);
    // The id follows the name and the book; the rule system follows the book (shown by name).
    await expect(form.field('Id')).toHaveValue(c.id);
    await expect(form.field('Rule system')).toHaveValue('D&D 5e (2014)');
    await expect(form.field('Rule system')).toHaveAccessibleDescription(/id dnd5e-2014/);
    await c.fill(form);
    await form.createButton().click();

    const actions = new RowActions(page, c.one);
    await expect(actions.edit(c.name)).toBeVisible();
    expect(new URL(page.url()).hash).toBe(`#/${c.kind}?sel=${c.id}`);
    const created = await callOk(page, c.kind, 'get', { id: c.id });
    expect(created).toMatchObject({ name: c.name, origin: 'user', ...c.created });

    await actions.edit(c.name).click();
    const editForm = await new HomebrewForm(page, c.kind, c.one).ready();
    await expect(editForm.field('Name')).toHaveValue(c.name);
    // A stored reference shows the name of the row it names.
    await expect(editForm.field('Source')).toHaveValue('Homebrew Book');
    await expect(editForm.importedNote()).toHaveCount(0);
    await c.edit(editForm);
    await editForm.saveButton().click();
    await expect(actions.edit(c.name)).toBeVisible();
    const edited = await callOk(page, c.kind, 'get', { id: c.id });
    expect(edited).toMatchObject({ name: c.name, ...c.edited });
    expect(edited.userEditedAt).not.toBeNull();

    await actions.confirmDelete(c.name);
    await expect(actions.deleted()).toHaveText(`Deleted ${c.name}.`);
    expect(new URL(page.url()).hash).toBe(`#/${c.kind}`);
    expect(await callOk(page, c.kind, 'count', {})).toBe(0);
    expect((await callMimir(page, c.kind, 'get', { id: c.id })).ok).toBe(false);
  });
}

test('the rules text has a live preview of the entries being typed', async ({ appPage: page }) => {
  await seedBook(page);
  const form = await openNewForm(page, 'spells', 'spell');
  const preview = form.preview('Rules text');
  await expect(preview).toContainText('Nothing to preview yet.');
  await form.fill('Rules text', '[{"type": "entries", "name": "Storm", "entries": ["Thunder rolls."]}]');
  await expect(preview).toContainText('Storm');
  await expect(preview).toContainText('Thunder rolls.');
  // Invalid JSON keeps the last valid preview and says so; the field says what is wrong.
  await form.fill('Rules text', '[{"type": "entries", "name": "Storm"');
  await expect(preview).toContainText('The preview shows the last valid JSON.');
  await expect(preview).toContainText('Storm');
  await form.field('Rules text').blur();
  await form.expectError('Rules text', /Not valid JSON/);
});

test('a validation error appears on the right field, and nothing is saved', async ({ appPage: page }, testInfo) => {
  await seedBook(page);
  const form = await openNewForm(page, 'spells', 'spell');
  await form.fill('Name', 'Overpowered');
  await pickBook(form);
  await form.fill('Level', '12');
  await form.field('Level').blur();
  // The contract's schema says so as the user types: level is 0 to 9.
  await form.expectError('Level', /9/);
  await form.expectValid('Name');
  await form.fill('Casting time', '[{"number": 1, "unit": "fortnight"}]');
  await form.field('Casting time').blur();
  await form.expectError('Casting time', /^At \[0\]\.unit: /);

  await form.createButton().click();
  await expect(form.summary).toHaveText(/Not saved: 2 fields need attention\./);
  await expect(form.field('Level')).toBeFocused();
  // Kept in test-results/ as a file and attached to the report; tall enough for the whole view.
  await page.setViewportSize({ width: 1280, height: 2000 });
  const screenshot = testInfo.outputPath('form-with-error.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach('form with a validation error', { path: screenshot, contentType: 'image/png' });
  expect(await callOk(page, 'spells', 'count', {})).toBe(0);

  // Corrected, it saves.
  await form.fill('Level', '9');
  await form.fill('Casting time', '[{"number": 1, "unit": "action"}]');
  await form.expectValid('Level');
  await form.createButton().click();
  await expect(new RowActions(page, 'spell').edit('Overpowered')).toBeVisible();
  expect(await callOk(page, 'spells', 'count', {})).toBe(1);
});

test('a required field left empty is named, and nothing is sent', async ({ appPage: page }) => {
  await seedBook(page);
  const form = await openNewForm(page, 'items', 'item');
  await form.createButton().click();
  await form.expectError('Name', 'Required.');
  await form.expectError('Source', 'Required.');
  await expect(form.field('Name')).toBeFocused();
  expect(await callOk(page, 'items', 'count', {})).toBe(0);
});

test("the API's refusal lands on the field it names: an id already taken", async ({ appPage: page }) => {
  await seedBook(page);
  await callOk(page, 'spells', 'create', { id: 'light-hb', name: 'Light', ruleSystemId: 'dnd5e-2014', sourceId: 'HB', level: 0 });
  const form = await openNewForm(page, 'spells', 'spell');
  await form.fill('Name', 'Light');
  await pickBook(form);
  await form.fill('Level', '1');
  await form.createButton().click();
  await form.expectError('Id', /already exists|already/i);
  expect(await callOk(page, 'spells', 'get', { id: 'light-hb' })).toMatchObject({ level: 0 });
  expect(await callOk(page, 'spells', 'count', {})).toBe(1);
  // Changing the id clears the API's message; the new id saves.
  await form.fill('Id', 'light-2-hb');
  await form.expectValid('Id');
  await form.createButton().click();
  await expect(new RowActions(page, 'spell').edit('Light')).toBeVisible();
  expect(await callOk(page, 'spells', 'count', {})).toBe(2);
});

test('deleting a race with subraces is refused with the explanation; nothing is deleted', async ({ appPage: page }) => {
  await seedBook(page);
  const base = { ruleSystemId: 'dnd5e-2014', sourceId: 'HB' };
  await callOk(page, 'races', 'batchUpsert', {
    rows: [
      { ...base, id: 'elf-hb', name: 'Elf', raceType: 'race' },
      ...['High', 'Wood', 'Dark'].map((kind) => ({
        ...base,
        id: `elf-${kind.toLowerCase()}-hb`,
        name: `${kind} Elf`,
        raceType: 'subrace' as const,
        parentRaceId: 'elf-hb',
      })),
    ],
  });
  await openHash(page, '#/races?sel=elf-hb');
  const actions = new RowActions(page, 'race');
  await actions.confirmDelete('Elf');
  await expect(actions.alert()).toContainText('3 subraces still belong to Elf');
  expect(await callOk(page, 'races', 'count', {})).toBe(4);
});

test('a delete asks first: Escape or "Keep it" keeps the row', async ({ appPage: page }) => {
  await seedBook(page);
  await callOk(page, 'feats', 'create', { id: 'alert-hb', name: 'Alert', ruleSystemId: 'dnd5e-2014', sourceId: 'HB' });
  await openHash(page, '#/feats?sel=alert-hb');
  const actions = new RowActions(page, 'feat');
  await actions.delete('Alert').click();
  const dialog = actions.group.getByRole('alertdialog');
  await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(actions.delete('Alert')).toBeFocused();
  await actions.delete('Alert').click();
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(actions.delete('Alert')).toBeVisible();
  expect(await callOk(page, 'feats', 'count', {})).toBe(1);
});

test('deleting a source that spells belong to is refused with the explanation', async ({ appPage: page }) => {
  await seedBook(page);
  for (const name of ['Spark', 'Glow']) {
    await callOk(page, 'spells', 'create', { id: `${name.toLowerCase()}-hb`, name, ruleSystemId: 'dnd5e-2014', sourceId: 'HB', level: 0 });
  }
  await openHash(page, '#/sources?sel=HB');
  const actions = new RowActions(page, 'source');
  await actions.confirmDelete('Homebrew Book');
  await expect(actions.alert()).toContainText('2 spells still belong to source Homebrew Book');
  expect(await callOk(page, 'sources', 'count', {})).toBe(1);
  expect(await callOk(page, 'spells', 'count', {})).toBe(2);
});

test('every browsable kind has a form; a source and a feat can be made and found', async ({ appPage: page }) => {
  await seedBook(page);
  for (const [kind, one] of [
    ['races', 'race'],
    ['classes', 'class'],
    ['backgrounds', 'background'],
    ['feats', 'feat'],
    ['sources', 'source'],
  ] as const) {
    const form = await openNewForm(page, kind, one);
    await expect(form.field(kind === 'sources' ? 'Title' : 'Name')).toBeVisible();
  }
  let form = await openNewForm(page, 'sources', 'source');
  await form.fill('Title', 'Second Book');
  await form.fill('Book code', 'HB2');
  await form.pick('Rule system', 'D&D', 'D&D 5e (2014) (dnd5e-2014)');
  await form.createButton().click();
  await expect(new RowActions(page, 'source').edit('Second Book')).toBeVisible();
  expect(await callOk(page, 'sources', 'get', { id: 'HB2' })).toMatchObject({ fullName: 'Second Book', isOfficial: false });

  form = await openNewForm(page, 'feats', 'feat');
  await form.fill('Name', 'Lucky Tester');
  await form.pick('Source', 'second', 'Second Book (HB2)');
  await form.choose('Category', { label: 'General' });
  await form.createButton().click();
  await expect(new RowActions(page, 'feat').edit('Lucky Tester')).toBeVisible();
  expect(await callOk(page, 'feats', 'get', { id: 'lucky-tester-hb2' })).toMatchObject({ featType: 'general', sourceId: 'HB2' });
});

test('a subrace picks its parent race by name, with the keyboard; only races are offered', async ({ appPage: page }) => {
  await seedBook(page);
  const base = { ruleSystemId: 'dnd5e-2014', sourceId: 'HB' };
  await callOk(page, 'races', 'batchUpsert', {
    rows: [
      { ...base, id: 'elf-hb', name: 'Elf', raceType: 'race' },
      { ...base, id: 'dwarf-hb', name: 'Dwarf', raceType: 'race' },
      { ...base, id: 'elf-high-hb', name: 'High Elf', raceType: 'subrace', parentRaceId: 'elf-hb' },
    ],
  });
  const form = await openNewForm(page, 'races', 'race');
  await form.fill('Name', 'Sea Elf');
  await pickBook(form);
  await form.choose('Race or subrace', { label: 'Subrace' });
  await expect(form.field('Race or subrace')).toHaveValue('subrace');

  const parent = form.field('Parent race');
  await expect(parent).toHaveRole('combobox');
  await parent.pressSequentially('elf');
  const options = form.options('Parent race');
  // The database's answer: races whose name contains "elf"; the subrace High Elf is not a parent.
  await expect(options.getByRole('option')).toHaveText(['Elf · HB']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(parent).toHaveValue('Elf');
  await expect(parent).toHaveAttribute('aria-expanded', 'false');
  await expect(parent).toHaveAccessibleDescription(/Chosen: Elf · HB, id elf-hb/);

  // Typing without choosing and leaving keeps the chosen row; Escape closes the list first.
  await parent.fill('dw');
  await expect(options.getByRole('option')).toHaveText(['Dwarf · HB']);
  await page.keyboard.press('Escape');
  await expect(parent).toHaveAttribute('aria-expanded', 'false');
  await form.field('Name').focus();
  await expect(parent).toHaveValue('Elf');

  // A name nothing has says so.
  await parent.fill('zzz');
  await expect(options.getByRole('option')).toHaveText(['No row matches “zzz”.']);
  await form.field('Name').focus();

  await form.createButton().click();
  await expect(new RowActions(page, 'race').edit('Sea Elf')).toBeVisible();
  expect(await callOk(page, 'races', 'get', { id: 'sea-elf-hb' })).toMatchObject({ raceType: 'subrace', parentRaceId: 'elf-hb', sourceId: 'HB' });

  // Emptying the picker clears the stored id on save.
  await new RowActions(page, 'race').edit('Sea Elf').click();
  const edit = await new HomebrewForm(page, 'races', 'race').ready();
  await expect(edit.field('Parent race')).toHaveValue('Elf');
  await edit.field('Parent race').fill('');
  await edit.field('Name').focus();
  await expect(edit.field('Parent race')).toHaveAccessibleDescription(/None chosen/);
  await edit.choose('Race or subrace', { label: 'Race' });
  await edit.saveButton().click();
  await expect(new RowActions(page, 'race').edit('Sea Elf')).toBeVisible();
  expect(await callOk(page, 'races', 'get', { id: 'sea-elf-hb' })).toMatchObject({ raceType: 'race', parentRaceId: null });
});
