/**
 * Search, every facet and sorting narrow or order the list to exactly what the database answers:
 * after each change the grid's row count (aria-rowcount) and first rows equal a `list` call with
 * the filter the facet stands for, and the URL keeps the change.
 */
import type { BrowseKind } from '../src-renderer/src/app/route';
import { listOf, mimir, ok, seedSrd } from './catalog-data';
import { expect, test } from './fixtures';
import { AppShell, type ListPage } from './pages';

/** Rows compared in order after each step (all fit in the harness window). */
const FIRST = 8;

interface Step {
  /** What the user does. */
  name: string;
  apply(list: ListPage): Promise<void>;
  /** The `list` filter the database must answer with (isReprinted: false is added unless `allPrintings`). */
  filter: Record<string, unknown>;
  sort?: { by: string; direction: 'asc' | 'desc' };
  /** Expected in the URL's hash. */
  hash: RegExp;
}

const check = (facet: string, option: string) => (list: ListPage) => list.option(facet, option).check();
const choose = (select: string, option: string) => (list: ListPage) => list.choose(select, option);

const STEPS: Partial<Record<BrowseKind, Step[]>> = {
  spells: [
    { name: 'level: cantrips and 3rd level', apply: async (l) => (await check('Level', 'Cantrip')(l), await check('Level', '3rd level')(l)), filter: { level: [0, 3] }, hash: /level=0%2C3/ },
    { name: 'school: Evocation', apply: check('School', 'Evocation'), filter: { school: 'V' }, hash: /school=V/ },
    { name: 'class: Wizard', apply: choose('Class', 'Wizard'), filter: { class: 'wizard' }, hash: /class=wizard/ },
    { name: 'rituals', apply: choose('Ritual', 'Rituals only'), filter: { isRitual: true }, hash: /ritual=1/ },
    { name: 'no concentration', apply: choose('Concentration', 'No concentration'), filter: { isConcentration: false }, hash: /conc=0/ },
    { name: 'source: PHB', apply: check('Source', "Player's Handbook (2014) (PHB)"), filter: { sourceId: 'PHB' }, hash: /src=PHB/ },
    { name: 'rule system: 2014', apply: check('Rule system', 'D&D 5th Edition (2014)'), filter: { ruleSystemId: 'dnd5e-2014' }, hash: /rs=dnd5e-2014/ },
    { name: 'sorted by level', apply: (l) => l.sortBy('Level'), filter: {}, sort: { by: 'level', direction: 'asc' }, hash: /sort=level/ },
    {
      // Clear filters keeps the order: a second click on the same column reverses it.
      name: 'then descending',
      apply: (l) => l.sortBy('Level'),
      filter: {},
      sort: { by: 'level', direction: 'desc' },
      hash: /dir=desc/,
    },
  ],
  creatures: [
    { name: 'CR 1 to 5', apply: async (l) => (await choose('Lowest CR', '1')(l), await choose('Highest CR', '5')(l)), filter: { crMin: '1', crMax: '5' }, hash: /crmax=5&crmin=1/ },
    { name: 'type: dragon', apply: check('Type', 'Dragon'), filter: { type: 'dragon' }, hash: /type=dragon/ },
    { name: 'size: Huge or Gargantuan', apply: async (l) => (await check('Size', 'Huge')(l), await check('Size', 'Gargantuan')(l)), filter: { size: ['H', 'G'] }, hash: /size=H%2CG/ },
    { name: 'environment: forest', apply: choose('Environment', 'Forest'), filter: { environment: 'forest' }, hash: /env=forest/ },
    { name: 'legendary', apply: choose('Legendary', 'Legendary only'), filter: { isLegendary: true }, hash: /legendary=1/ },
    { name: 'sorted by CR, descending', apply: async (l) => (await l.sortBy('CR'), await l.sortBy('CR')), filter: {}, sort: { by: 'crValue', direction: 'desc' }, hash: /sort=crValue/ },
  ],
  items: [
    { name: 'type: melee weapon', apply: check('Type', 'Melee weapon'), filter: { type: 'M' }, hash: /type=M/ },
    { name: 'wondrous', apply: choose('Wondrous', 'Wondrous items only'), filter: { isWondrous: true }, hash: /wondrous=1/ },
    { name: 'rarity: rare', apply: check('Rarity', 'Rare'), filter: { rarity: 'rare' }, hash: /rarity=rare/ },
    { name: 'attunement', apply: choose('Attunement', 'Requires attunement'), filter: { requiresAttunement: true }, hash: /attune=1/ },
    { name: 'mundane', apply: choose('Magic', 'Mundane items'), filter: { isMagic: false }, hash: /magic=0/ },
    { name: 'variants only', apply: choose('Variant', 'Variants only'), filter: { isVariant: true }, hash: /variant=1/ },
    { name: 'variants of the longsword', apply: choose('Variants of', 'Longsword (PHB)'), filter: { baseItemId: 'longsword-phb' }, hash: /base=longsword-phb/ },
    { name: 'sorted by rarity', apply: (l) => l.sortBy('Rarity'), filter: {}, sort: { by: 'rarity', direction: 'asc' }, hash: /sort=rarity/ },
  ],
  races: [
    { name: 'subraces', apply: check('Race or subrace', 'Subrace'), filter: { raceType: 'subrace' }, hash: /kind=subrace/ },
    { name: 'subraces of the elf', apply: choose('Subraces of', 'Elf (PHB)'), filter: { parentRaceId: 'elf-phb' }, hash: /parent=elf-phb/ },
  ],
  classes: [
    { name: 'subclasses', apply: check('Class or subclass', 'Subclass'), filter: { classType: 'subclass' }, hash: /kind=subclass/ },
    { name: 'subclasses of the fighter', apply: choose('Subclasses of', 'Fighter (PHB)'), filter: { parentClassId: 'fighter-phb' }, hash: /parent=fighter-phb/ },
    { name: 'sorted by hit die, descending', apply: async (l) => (await l.sortBy('Hit die'), await l.sortBy('Hit die')), filter: {}, sort: { by: 'hitDie', direction: 'desc' }, hash: /sort=hitDie/ },
  ],
  feats: [
    { name: 'with prerequisites', apply: choose('Prerequisites', 'With prerequisites'), filter: { hasPrerequisites: true }, hash: /prereq=1/ },
    { name: 'category: origin', apply: check('Category', 'Origin'), filter: { featType: 'origin' }, hash: /category=origin/ },
  ],
  backgrounds: [{ name: 'source: PHB', apply: check('Source', "Player's Handbook (2014) (PHB)"), filter: { sourceId: 'PHB' }, hash: /src=PHB/ }],
  sources: [
    { name: 'rule system: 2014', apply: check('Rule system', 'D&D 5th Edition (2014)'), filter: { ruleSystemId: 'dnd5e-2014' }, hash: /rs=dnd5e-2014/ },
    { name: 'SRD books', apply: choose('SRD', 'In the SRD'), filter: { isSrd: true }, hash: /srd=1/ },
    { name: 'third-party', apply: choose('Official', 'Third-party and homebrew'), filter: { isOfficial: false }, hash: /official=0/ },
  ],
};

/**
 * A homebrew book (2024 rules, not official, not SRD) with one spell, feat and background, so the
 * source, rule system, SRD and official facets narrow even where the SRD has a single value.
 */
async function addHomebrew(page: Parameters<typeof mimir>[0]): Promise<void> {
  const book = { ruleSystemId: 'dnd5e-2024', sourceId: 'HB' } as const;
  ok(await mimir(page, 'sources', 'create', { id: 'HB', ruleSystemId: 'dnd5e-2024', fullName: 'Homebrew', isOfficial: false, isSrd: false }));
  ok(await mimir(page, 'spells', 'create', { id: 'aardvark-ray-hb', name: 'Aardvark Ray', level: 1, school: 'V', ...book }));
  ok(await mimir(page, 'feats', 'create', { id: 'able-cook-hb', name: 'Able Cook', ...book }));
  ok(await mimir(page, 'backgrounds', 'create', { id: 'alchemist-hb', name: 'Alchemist', ...book }));
}

const nameOf = (kind: BrowseKind) => (row: { id: string; name?: string }) => (kind === 'sources' ? row.id : (row.name ?? ''));

for (const [kind, steps] of Object.entries(STEPS) as [BrowseKind, Step[]][]) {
  test(`${kind}: every facet and sort gives what the database lists`, async ({ appPage }) => {
    // Up to nine steps, each a list comparison: longer than the default 30 s on a busy machine.
    test.setTimeout(120_000);
    await seedSrd(appPage);
    await addHomebrew(appPage);
    const shell = await new AppShell(appPage).ready();
    const list = await shell.openKind(kind);
    const base = kind === 'sources' ? {} : { isReprinted: false };
    const everything = await listOf(appPage, kind, { filter: base, limit: FIRST });
    for (const step of steps) {
      await test.step(step.name, async () => {
        await step.apply(list);
        const expected = await listOf(appPage, kind, { filter: { ...base, ...step.filter }, ...(step.sort ? { sort: step.sort } : {}), limit: FIRST });
        await list.expectRows({ total: expected.total, names: expected.items.map(nameOf(kind)) });
        await expect.poll(() => shell.hash()).toMatch(step.hash);
        if (Object.keys(step.filter).length > 0) expect(expected.total, 'the facet narrows the list').toBeLessThan(everything.total);
        await list.clearFilters.click();
        if (!step.sort) await list.expectRows({ total: everything.total, names: everything.items.map(nameOf(kind)) });
      });
    }
  });
}

test('name search runs in the database as you type, and leaves one history entry, not one per keystroke', async ({ appPage }) => {
  await seedSrd(appPage);
  const shell = await new AppShell(appPage).ready();
  const list = await shell.openKind('creatures');
  const historyBefore = await appPage.evaluate(() => (globalThis as unknown as { history: { length: number } }).history.length);
  await list.searchBox.pressSequentially('DRAGON', { delay: 20 });
  const dragons = await listOf(appPage, 'creatures', { filter: { isReprinted: false, nameContains: 'dragon' }, limit: FIRST });
  expect(dragons.total).toBeGreaterThan(10);
  await list.expectRows({ total: dragons.total, names: dragons.items.map((r) => r.name ?? '') });
  await expect.poll(() => shell.hash()).toBe('#/creatures?q=DRAGON');
  expect(await appPage.evaluate(() => (globalThis as unknown as { history: { length: number } }).history.length)).toBe(historyBefore);
  // Narrowed further by a facet: both apply, in the database.
  await list.option('Size', 'Gargantuan').check();
  const ancient = await listOf(appPage, 'creatures', { filter: { isReprinted: false, nameContains: 'dragon', size: 'G' }, limit: FIRST });
  await list.expectRows({ total: ancient.total, names: ancient.items.map((r) => r.name ?? '') });
  // A search that matches nothing says so.
  await list.searchBox.fill('zzzz-no-such-creature');
  await list.expectRows({ total: 0, names: [] });
  await expect(list.region).toContainText('0 creatures matching “zzzz-no-such-creature”');
});
