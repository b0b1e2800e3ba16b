/**
 * Deleting a row that others still reference is refused with ReferencedByOthers, naming how many
 * rows of which table (and column) point at it, and nothing is deleted: subraces → race,
 * subclasses → class, variants → base item, entities → source, entities → rule system.
 * Once the referencing rows are gone, the delete goes through.
 */
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catchError, openMigrated, seedRuleSystemAndSource, type MigratedCatalog } from '../../test/helpers';
import { ENTITY_TABLES, repositoryOf, samples, snapshot } from '../../test/entity-samples';
import { toCatalogError } from './sqlite-errors';

let ctx: MigratedCatalog;
let sqlite: Database.Database;
beforeEach(() => {
  ctx = openMigrated();
  sqlite = ctx.connection.sqlite;
  seedRuleSystemAndSource(ctx.catalog);
});
afterEach(() => ctx.connection.close());

const everything = () =>
  Object.fromEntries(
    [...ENTITY_TABLES, 'sources', 'rule_systems', 'import_log', 'content_references'].map((table) => [table, snapshot(sqlite, table)]),
  );

const common = { ruleSystemId: 'dnd5e-2014', sourceId: 'PHB' };

describe.each([
  {
    key: 'races' as const,
    column: 'parent_race_id',
    words: { two: '2 subraces still belong to Dwarf', many: '2 subraces', one: '1 subrace', label: 'race' },
    parent: { ...common, id: 'dwarf-phb', name: 'Dwarf', raceType: 'race' },
    children: [
      { ...common, id: 'dwarf-hill-phb', name: 'Hill Dwarf', raceType: 'subrace', parentRaceId: 'dwarf-phb' },
      { ...common, id: 'dwarf-mountain-phb', name: 'Mountain Dwarf', raceType: 'subrace', parentRaceId: 'dwarf-phb' },
    ],
  },
  {
    key: 'classes' as const,
    column: 'parent_class_id',
    words: { two: '2 subclasses still belong to Fighter', many: '2 subclasses', one: '1 subclass', label: 'class' },
    parent: { ...common, id: 'fighter-phb', name: 'Fighter', classType: 'class' },
    children: [
      { ...common, id: 'fighter-champion-phb', name: 'Champion', classType: 'subclass', parentClassId: 'fighter-phb' },
      { ...common, id: 'fighter-battle-master-phb', name: 'Battle Master', classType: 'subclass', parentClassId: 'fighter-phb' },
    ],
  },
  {
    key: 'items' as const,
    column: 'base_item_id',
    words: { two: '2 item variants are still based on Longsword', many: '2 item variants', one: '1 item variant', label: 'item' },
    parent: { ...common, id: 'longsword-phb', name: 'Longsword', type: 'M' },
    children: [
      { ...common, id: '+1-longsword-phb', name: '+1 Longsword', type: 'M', rarity: 'uncommon', baseItemId: 'longsword-phb' },
      { ...common, id: 'flame-tongue-longsword-phb', name: 'Flame Tongue Longsword', type: 'M', rarity: 'rare', baseItemId: 'longsword-phb' },
    ],
  },
])('$key: a parent with children ($column)', ({ key, column, words, parent, children }) => {
  const repo = () => repositoryOf(ctx.catalog, key);
  beforeEach(() => {
    repo().batchUpsert([parent, ...children]);
  });

  it('is refused with ReferencedByOthers naming the count and the column; nothing deleted', () => {
    const before = everything();
    const error = catchError('ReferencedByOthers', () => repo().delete(parent.id));
    expect(error.details).toEqual({
      entity: key,
      id: parent.id,
      name: parent.name,
      references: [{ entity: key, column, count: 2, noun: words.many }],
    });
    // In words a DM understands, naming the row by its name rather than its id.
    expect(error.message).toBe(
      `Cannot delete the ${words.label} ${parent.name}: ${words.two}. Delete those first, or change them to point elsewhere.`,
    );
    expect(everything()).toEqual(before);
  });

  const deleteWithSql = () => {
    try {
      sqlite.prepare(`DELETE FROM ${key} WHERE id = ?`).run(parent.id);
    } catch (error) {
      return error;
    }
    throw new Error('the DELETE was not refused');
  };

  it('is refused by the database itself (ON DELETE RESTRICT) when SQL bypasses the repository', () => {
    const before = everything();
    expect(String(deleteWithSql())).toContain('FOREIGN KEY constraint failed');
    expect(everything()).toEqual(before);
  });

  // SQLite implements RESTRICT with an internal trigger and reports SQLITE_CONSTRAINT_TRIGGER.
  it('that refusal maps to ForeignKeyViolation', () => {
    expect(toCatalogError(deleteWithSql()).code).toBe('ForeignKeyViolation');
  });

  it('goes through once the children are deleted (the count follows)', () => {
    const [first, second] = children.map((child) => child.id);
    repo().delete(first!);
    const error = catchError('ReferencedByOthers', () => repo().delete(parent.id));
    expect(error.details.references).toEqual([{ entity: key, column, count: 1, noun: words.one }]);
    expect(error.message).toContain(`${words.one} ${words.two.includes('based') ? 'is still based on' : 'still belongs to'} ${parent.name}`);
    repo().delete(second!);
    expect(repo().delete(parent.id)).toEqual({ id: parent.id });
    expect(repo().count()).toBe(0);
  });
});

describe('a source or rule system that entities still use', () => {
  /** One row in every entity table (two spells), an import log entry and a content reference, all PHB / 2014. */
  function seedUsers() {
    for (const key of ENTITY_TABLES) {
      repositoryOf(ctx.catalog, key).create(samples[key].full({ id: `${key}-phb`, name: key }));
    }
    repositoryOf(ctx.catalog, 'spells').create(samples.spells.minimal({ id: 'light-phb', name: 'Light' }));
    ctx.catalog.importLog.create({ filePath: '/data/spells.json', fileType: 'spells', ruleSystemId: 'dnd5e-2014', sourceId: 'PHB' });
    ctx.catalog.contentReferences.create({
      sourceEntityId: 'spells-phb',
      sourceEntityType: 'spells',
      targetEntityId: 'creatures-phb',
      targetEntityType: 'creatures',
      ruleSystemId: 'dnd5e-2014',
    });
  }
  /** Table, column and count of each reference (the words are checked through the message). */
  const byTable = (references: { entity: string; column: string; count: number }[]) =>
    [...references].map(({ entity, column, count }) => ({ entity, column, count })).sort((a, b) => a.entity.localeCompare(b.entity));

  it('deleting the source is refused, listing every referencing table with its count; nothing deleted', () => {
    seedUsers();
    const before = everything();
    const error = catchError('ReferencedByOthers', () => ctx.catalog.sources.delete('PHB'));
    expect(byTable(error.details.references)).toEqual([
      { entity: 'backgrounds', column: 'source_id', count: 1 },
      { entity: 'classes', column: 'source_id', count: 1 },
      { entity: 'creatures', column: 'source_id', count: 1 },
      { entity: 'feats', column: 'source_id', count: 1 },
      { entity: 'import_log', column: 'source_id', count: 1 },
      { entity: 'items', column: 'source_id', count: 1 },
      { entity: 'races', column: 'source_id', count: 1 },
      { entity: 'spells', column: 'source_id', count: 2 },
    ]);
    const { fullName } = ctx.catalog.sources.get('PHB');
    expect(error.details).toMatchObject({ entity: 'sources', id: 'PHB', name: fullName });
    expect(error.message).toMatch(new RegExp(`^Cannot delete the source ${fullName.replace(/[()]/g, '\\$&')}: `));
    expect(error.message).toContain(`2 spells still belong to source ${fullName}`);
    expect(error.message).toContain(`1 creature still belongs to source ${fullName}`);
    expect(error.message).toContain(`1 class still belongs to source ${fullName}`);
    expect(error.message).toContain(`1 import log entry still belongs to source ${fullName}`);
    expect(everything()).toEqual(before);
  });

  it('deleting the rule system is refused, counting its sources, entities, log and references; nothing deleted', () => {
    seedUsers();
    const before = everything();
    const error = catchError('ReferencedByOthers', () => ctx.catalog.ruleSystems.delete('dnd5e-2014'));
    expect(byTable(error.details.references)).toEqual([
      { entity: 'backgrounds', column: 'rule_system_id', count: 1 },
      { entity: 'classes', column: 'rule_system_id', count: 1 },
      // The one created by hand, plus those the saved rows' {@tag} markup produced.
      { entity: 'content_references', column: 'rule_system_id', count: ctx.catalog.contentReferences.count({ ruleSystemId: 'dnd5e-2014' }) },
      { entity: 'creatures', column: 'rule_system_id', count: 1 },
      { entity: 'feats', column: 'rule_system_id', count: 1 },
      { entity: 'import_log', column: 'rule_system_id', count: 1 },
      { entity: 'items', column: 'rule_system_id', count: 1 },
      { entity: 'races', column: 'rule_system_id', count: 1 },
      { entity: 'sources', column: 'rule_system_id', count: 1 },
      { entity: 'spells', column: 'rule_system_id', count: 2 },
    ]);
    expect(everything()).toEqual(before);
  });

  it('a source used by nothing but still listed under its rule system keeps the rule system alive', () => {
    const error = catchError('ReferencedByOthers', () => ctx.catalog.ruleSystems.delete('dnd5e-2024'));
    const { name } = ctx.catalog.ruleSystems.get('dnd5e-2024');
    expect(error.details.references).toEqual([{ entity: 'sources', column: 'rule_system_id', count: 1, noun: '1 source' }]);
    expect(error.message).toContain(`1 source still uses rule system ${name}`);
  });

  it('both go through once everything that uses them is deleted', () => {
    seedUsers();
    for (const key of ENTITY_TABLES) repositoryOf(ctx.catalog, key).delete(`${key}-phb`);
    // Still one spell, the log entry and the content reference.
    expect(byTable(catchError('ReferencedByOthers', () => ctx.catalog.sources.delete('PHB')).details.references)).toEqual([
      { entity: 'import_log', column: 'source_id', count: 1 },
      { entity: 'spells', column: 'source_id', count: 1 },
    ]);
    ctx.catalog.spells.delete('light-phb');
    for (const entry of ctx.catalog.importLog.list().items) ctx.catalog.importLog.delete(entry.id);
    expect(ctx.catalog.sources.delete('PHB')).toEqual({ id: 'PHB' });
    for (const reference of ctx.catalog.contentReferences.list().items) ctx.catalog.contentReferences.delete(reference.id);
    expect(ctx.catalog.ruleSystems.delete('dnd5e-2014')).toEqual({ id: 'dnd5e-2014' });
    expect(ctx.catalog.ruleSystems.list().items.map((r) => r.id)).toEqual(['dnd5e-2024']);
  });
});
