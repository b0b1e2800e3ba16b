/**
 * Indexed filters are answered from their index. For each one, the plan SQLite makes for the exact
 * statements `list` runs (page and total count, via `explainList`) must search the expected index
 * and never scan the table. Filters are tested one at a time: combined, the planner may rightly
 * prefer another of the indexes involved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigrated, seedRuleSystemAndSource, type MigratedCatalog } from '../../test/helpers';
import { ENTITY_TABLES, repositoryOf, samples, type EntityTable } from '../../test/entity-samples';
import { ITEM_FLAG_KEYS, ITEM_FLAGS } from '../../src-shared/catalog/tables';

let ctx: MigratedCatalog;
beforeAll(() => {
  ctx = openMigrated();
  seedRuleSystemAndSource(ctx.catalog);
  // A few rows, so the plans are made for a table that is not empty.
  for (const key of ENTITY_TABLES) {
    repositoryOf(ctx.catalog, key).batchUpsert(
      ['a', 'b', 'c'].map((n) => samples[key].full({ id: `${key}-${n}`, name: `${key} ${n}` })),
    );
  }
});
afterAll(() => ctx.connection.close());

type Case = [key: EntityTable, filter: Record<string, unknown>, index: string];

const common: Case[] = ENTITY_TABLES.flatMap((key): Case[] => [
  [key, { nameStartsWith: 'Fire' }, `${key}_name_idx`],
  [key, { sourceId: 'PHB' }, `${key}_source_id_idx`],
  [key, { sourceId: ['PHB', 'XPHB'] }, `${key}_source_id_idx`],
  [key, { ruleSystemId: 'dnd5e-2014' }, `${key}_rule_system_id_idx`],
  [key, { isReprinted: true }, `${key}_superseded_by_idx`],
  // The browser asks this once per page of 100 ids: the older printings of the rows shown.
  [key, { supersededBy: [`${key}-a`, `${key}-b`] }, `${key}_superseded_by_idx`],
  // false keeps nearly every row: another filter's index drives, the reprint test rides along.
  [key, { isReprinted: false, sourceId: 'PHB' }, `${key}_source_id_idx`],
]);

const specific: Case[] = [
  ['spells', { level: 3 }, 'spells_level_idx'],
  ['spells', { level: [1, 2] }, 'spells_level_idx'],
  ['spells', { levelMin: 3 }, 'spells_level_idx'],
  ['spells', { levelMax: 3 }, 'spells_level_idx'],
  ['spells', { school: 'V' }, 'spells_school_idx'],
  ['spells', { school: ['A', 'N'] }, 'spells_school_idx'],
  ['spells', { isRitual: true }, 'spells_is_ritual_idx'],
  ['spells', { isConcentration: false }, 'spells_is_concentration_idx'],
  ['creatures', { crMin: '1/4' }, 'creatures_cr_value_idx'],
  ['creatures', { crMax: 5 }, 'creatures_cr_value_idx'],
  ['creatures', { crMin: 1, crMax: '5' }, 'creatures_cr_value_idx'],
  ['creatures', { type: 'dragon' }, 'creatures_type_idx'],
  ['creatures', { size: ['L', 'H'] }, 'creatures_size_idx'],
  ['items', { type: 'M' }, 'items_type_idx'],
  ['items', { rarity: 'rare' }, 'items_rarity_idx'],
  ['items', { rarity: ['rare', 'legendary'] }, 'items_rarity_idx'],
  ['items', { isMagic: true }, 'items_is_magic_idx'],
  ['items', { isMagic: false }, 'items_is_magic_idx'],
  ['items', { baseItemId: 'items-a' }, 'items_base_item_id_idx'],
  ...ITEM_FLAG_KEYS.flatMap((flag): Case[] => [
    ['items', { [flag]: true }, `items_${ITEM_FLAGS[flag].column}_idx`],
    ['items', { [flag]: false }, `items_${ITEM_FLAGS[flag].column}_idx`],
  ]),
  ['races', { raceType: 'subrace' }, 'races_race_type_idx'],
  ['races', { parentRaceId: 'races-a' }, 'races_parent_race_id_idx'],
  ['classes', { classType: 'subclass' }, 'classes_class_type_idx'],
  ['classes', { parentClassId: 'classes-a' }, 'classes_parent_class_id_idx'],
  ['classes', { casterProgression: 'full' }, 'classes_caster_progression_idx'],
  ['classes', { casterProgression: ['1/2', '1/3'] }, 'classes_caster_progression_idx'],
  ['feats', { featType: 'origin' }, 'feats_feat_type_idx'],
];

/** True when a plan line reads every row of `table` (a SCAN, even one ordered by an index). */
const scans = (table: string) => (line: string) => new RegExp(`^SCAN ${table}\\b`).test(line);
const searches = (table: string, index: string) => (line: string) =>
  new RegExp(`^SEARCH ${table} USING (COVERING )?INDEX ${index} \\(`).test(line);

describe.each(ENTITY_TABLES)('%s isReprinted', (key) => {
  it('finds newer printings with primary-key lookups from the superseded_by index, never a scan of the table', () => {
    for (const isReprinted of [true, false]) {
      const plan = repositoryOf(ctx.catalog, key).explainList({ filter: { isReprinted, sourceId: 'PHB' } });
      for (const lines of [plan.rows, plan.count]) {
        expect(lines.some((line) => /^SEARCH newer (EXISTS )?USING (COVERING )?INDEX sqlite_autoindex_\w+_1 \(id=\?\)/.test(line)), lines.join('\n')).toBe(true);
        expect(lines.filter(scans(key)).concat(lines.filter((l) => l.startsWith('SCAN newer'))), lines.join('\n')).toEqual([]);
      }
    }
  });
});

/** The plan line that reads `table` itself, as opposed to one of its indexes. */
const readsRows = (table: string) => (line: string) => new RegExp(`^(SCAN|SEARCH) ${table}( |$)(?!USING COVERING INDEX)`).test(line);

describe.each(ENTITY_TABLES)('%s list pages (browser queries, migration 0018)', (key) => {
  const repo = () => repositoryOf(ctx.catalog, key);

  it('"hide superseded printings" alone: the total is counted from an index, no row is read', () => {
    const { count } = repo().explainList({ filter: { isReprinted: false } });
    expect(count.filter(readsRows(key)), count.join('\n')).toEqual([]);
    // The superseded rows are collected once from the partial index, not tested row by row.
    expect(count.some(searches('older', `${key}_superseded_by_idx`)), count.join('\n')).toBe(true);
  });

  it('a name search with superseded printings hidden: total from the name index alone', () => {
    const { count } = repo().explainList({ filter: { nameContains: 'fire', isReprinted: false } });
    expect(count.some((l) => l.startsWith(`SCAN ${key} USING COVERING INDEX ${key}_name_idx`)), count.join('\n')).toBe(true);
    expect(count.filter(readsRows(key)), count.join('\n')).toEqual([]);
  });

  it('a page in name order is read from the (name, id) index without a sort step, then its rows by rowid', () => {
    for (const filter of [{ isReprinted: false }, { nameContains: 'fire', isReprinted: false }, {}]) {
      const { rows } = repo().explainList({ filter, sort: { by: 'name' }, limit: 100, offset: 300 });
      const text = rows.join('\n');
      expect(rows.some((l) => l.startsWith(`SCAN ${key} USING COVERING INDEX ${key}_name_idx`)), text).toBe(true);
      expect(rows.some((l) => l === `SEARCH ${key} USING INTEGER PRIMARY KEY (rowid=?)`), text).toBe(true);
      // Only the outer, at most one page of rows, is sorted: the inner page selection is not.
      expect(rows.filter((l) => l.includes('USE TEMP B-TREE')).length, text).toBeLessThanOrEqual(1);
    }
  });
});

describe.each([...common, ...specific])('%s %o', (key, filter, index) => {
  it(`uses ${index} for the page and for the total, without scanning ${key}`, () => {
    const plan = repositoryOf(ctx.catalog, key).explainList({ filter });
    for (const lines of [plan.rows, plan.count]) {
      expect(lines.some(searches(key, index)), lines.join('\n')).toBe(true);
      expect(lines.filter(scans(key)), lines.join('\n')).toEqual([]);
    }
  });

  it('whatever the sort', () => {
    const plan = repositoryOf(ctx.catalog, key).explainList({ filter, sort: { by: 'id', direction: 'desc' }, limit: 1, offset: 2 });
    expect(plan.rows.some(searches(key, index)), plan.rows.join('\n')).toBe(true);
    expect(plan.rows.filter(scans(key))).toEqual([]);
  });
});

describe('spells by class', () => {
  // The trigger-maintained spell_classes lookup: its primary key (class_name, spell_id) finds the
  // spell ids, the spells primary key finds the rows. No json_each over every spell.
  it.each([['wizard'], ['Wizard']])('class %s: spell_classes primary key, then spells by id', (name) => {
    const plan = ctx.catalog.spells.explainList({ filter: { class: name } });
    for (const lines of [plan.rows, plan.count]) {
      const text = lines.join('\n');
      expect(lines.some((l) => /^SEARCH spell_classes USING (COVERING INDEX|PRIMARY KEY)\b.*\(class_name=\?\)/.test(l)), text).toBe(true);
      expect(lines.some((l) => /^SEARCH spells USING (COVERING )?INDEX sqlite_autoindex_spells_1 \(id=\?\)/.test(l)), text).toBe(true);
      expect(lines.filter(scans('spells')), text).toEqual([]);
      expect(lines.filter(scans('spell_classes')), text).toEqual([]);
      expect(text).not.toContain('json_each');
    }
  });
});

describe('explainList', () => {
  it('explains without reading or writing rows, and validates its input like list', () => {
    const before = ctx.catalog.spells.count();
    expect(ctx.catalog.spells.explainList().rows.length).toBeGreaterThan(0);
    expect(ctx.catalog.spells.count()).toBe(before);
    expect(() => ctx.catalog.spells.explainList({ limit: 10_000 })).toThrow(/capped at/);
  });

  it('tells a scan apart (unfiltered substring search reads every row)', () => {
    // Sanity check of the assertions above: a filter with no index does show up as a SCAN.
    const plan = ctx.catalog.spells.explainList({ filter: { nameContains: 'fire' } });
    expect(plan.count.some(scans('spells')), plan.count.join('\n')).toBe(true);
  });
});
