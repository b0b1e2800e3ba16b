/**
 * Cross-references: extraction (spell lists included), resolution by 5etools' rules, broken
 * links, deletion, and the SRD fixture's known mentions (when MIMIR_5ETOOLS_DIR names it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { catchError, openMigrated, seedRuleSystemAndSource } from '../../../test/helpers';
import { import5etools } from '../../import/5etools';
import type { Catalog } from '../catalog';
import { attachedSpellReferences, brokenLinks, extractReferences, rebuildReferences, referencesAfterImport, referencesOf, writeReferencesFor } from './index';

const dir = process.env['MIMIR_5ETOOLS_DIR'];
const SKIP_REASON = 'skipped: MIMIR_5ETOOLS_DIR not set (point it at the 5etools SRD fixture folder)';

describe('references on hand-made rows', () => {
  let catalog: Catalog;
  beforeAll(() => {
    catalog = openMigrated().catalog;
    seedRuleSystemAndSource(catalog);
    catalog.sources.create({ id: 'MM', ruleSystemId: 'dnd5e-2014', fullName: 'Monster Manual' });
    const spell = (id: string, name: string, ruleSystemId: string, sourceId: string, entries: unknown[] = ['Boom.']) =>
      catalog.spells.create({ id, name, ruleSystemId, sourceId, level: 3, entries: entries as string[] });
    spell('fireball-phb', 'Fireball', 'dnd5e-2014', 'PHB');
    spell('fireball-xphb', 'Fireball', 'dnd5e-2024', 'XPHB');
    spell('fly-phb', 'Fly', 'dnd5e-2014', 'PHB', ['Unlike {@spell fireball}, and see {@spell Fly}.']);
    catalog.rulesTerms.create({ id: 'frightened-phb', name: 'Frightened', ruleSystemId: 'dnd5e-2014', sourceId: 'PHB', termType: 'condition', entries: ['Scared.'] });
    catalog.creatures.create({
      id: 'mage-mm',
      name: 'Mage',
      ruleSystemId: 'dnd5e-2014',
      sourceId: 'MM',
      entries: [],
      traits: [
        {
          type: 'spellcasting',
          name: 'Spellcasting',
          headerEntries: ['The mage knows {@spell fly} tricks.'],
          spells: { '3': { slots: 3, spells: ['{@spell fireball}', '{@spell counterspell} (on {@condition frightened} foes)'] } },
        },
      ],
      actions: [{ name: 'Bite', entries: ['{@atk mw} {@hit 5}, and it is {@condition frightened}; {@spell Fireball|XPHB|a fireball}.'] }],
    } as never);
  });

  it('resolves by name and source, the default source when none is written, and marks spell lists as grants', () => {
    const refs = extractReferences(catalog.connection.sqlite, 'creatures', 'mage-mm');
    expect(refs).toEqual([
      { targetKind: 'spells', targetId: 'fly-phb', referenceType: 'mentions', context: '{@spell fly}', resolved: true },
      { targetKind: 'spells', targetId: 'fireball-phb', referenceType: 'grants', context: '{@spell fireball}', resolved: true },
      { targetKind: 'spells', targetId: 'counterspell-phb', referenceType: 'grants', context: '{@spell counterspell}', resolved: false },
      { targetKind: 'rules_terms', targetId: 'frightened-phb', referenceType: 'mentions', context: '{@condition frightened}', resolved: true },
      { targetKind: 'spells', targetId: 'fireball-xphb', referenceType: 'mentions', context: '{@spell Fireball|XPHB|a fireball}', resolved: true },
    ]);
  });

  it('with 2024 preferred, a reference without a source goes to the 2024 printing', () => {
    const refs = extractReferences(catalog.connection.sqlite, 'spells', 'fly-phb', { preferRuleSystem: 'dnd5e-2024' });
    expect(refs.map((r) => r.targetId)).toEqual(['fireball-xphb']); // {@spell Fly} names the row itself: skipped
  });

  it('writes references, lists both directions grouped, and lists broken links by target', () => {
    const { sqlite } = catalog.connection;
    expect(rebuildReferences(sqlite)).toEqual({ rows: 5, references: 6, broken: 1 });
    const of = referencesOf(sqlite, { entity: 'spells', id: 'fireball-phb' });
    expect(of.mentions.total).toBe(0);
    expect(of.mentionedBy.items.map((r) => [r.kind, r.id, r.name, r.referenceType, r.broken])).toEqual([
      ['creatures', 'mage-mm', 'Mage', 'grants', false],
      ['spells', 'fly-phb', 'Fly', 'mentions', false],
    ]);
    expect(of.mentionedBy.groups).toEqual([
      { kind: 'creatures', referenceType: 'grants', count: 1 },
      { kind: 'spells', referenceType: 'mentions', count: 1 },
    ]);
    const mage = referencesOf(sqlite, { entity: 'creatures', id: 'mage-mm', limit: 2 });
    expect(mage.mentions.total).toBe(5);
    expect(mage.mentions.items).toHaveLength(2);
    expect(referencesOf(sqlite, { entity: 'creatures', id: 'mage-mm', limit: 2, offset: 2 }).mentions.items).toHaveLength(2);
    expect(brokenLinks(sqlite)).toEqual({ items: [{ targetKind: 'spells', targetId: 'counterspell-phb', count: 1, example: '{@spell counterspell}' }], total: 1, references: 1 });
  });

  it('after an import, rewrites the written rows and reports the broken links', () => {
    const report = referencesAfterImport(catalog.connection.sqlite, { creatures: ['mage-mm'], spells: [] });
    expect(report).toEqual({
      rows: 1,
      references: 5,
      broken: { items: [{ targetKind: 'spells', targetId: 'counterspell-phb', count: 1, example: '{@spell counterspell}' }], total: 1, references: 1 },
    });
  });

  it('after an import that inserted rows, rows with broken links are resolved again (a new printing may be their target)', () => {
    const { sqlite } = catalog.connection;
    // The mage's "{@spell counterspell}" was stored under the PHB id, which no row has; the new
    // 2024 printing has another id, so only resolving the mage again (2024 preferred) finds it.
    catalog.spells.create({ id: 'counterspell-xphb', name: 'Counterspell', ruleSystemId: 'dnd5e-2024', sourceId: 'XPHB', level: 3, entries: [] });
    try {
      const without = referencesAfterImport(sqlite, {}, { preferRuleSystem: 'dnd5e-2024' });
      expect(without.rows).toBe(0);
      expect(without.broken.total).toBe(1);
      const report = referencesAfterImport(sqlite, {}, { inserted: true, preferRuleSystem: 'dnd5e-2024' });
      expect(report.rows).toBe(1);
      expect(report.broken).toEqual({ items: [], total: 0, references: 0 });
      expect(referencesOf(sqlite, { entity: 'creatures', id: 'mage-mm' }).mentions.items.map((r) => r.id)).toContain('counterspell-xphb');
    } finally {
      catalog.spells.delete('counterspell-xphb');
      writeReferencesFor(sqlite, 'creatures', 'mage-mm');
    }
  });

  it('a rewrite is idempotent; a row created later repairs the broken link', () => {
    const { sqlite } = catalog.connection;
    const before = sqlite.prepare('SELECT count(*) FROM content_references').pluck().get();
    writeReferencesFor(sqlite, 'creatures', 'mage-mm');
    expect(sqlite.prepare('SELECT count(*) FROM content_references').pluck().get()).toBe(before);
    catalog.spells.create({ id: 'counterspell-phb', name: 'Counterspell', ruleSystemId: 'dnd5e-2014', sourceId: 'PHB', level: 3, entries: [] });
    expect(brokenLinks(sqlite).total).toBe(0);
    catalog.spells.delete('counterspell-phb');
  });

  it('deleting a row removes its outgoing references and leaves incoming ones broken, not dangling', () => {
    const { sqlite } = catalog.connection;
    catalog.spells.delete('fly-phb');
    expect(sqlite.prepare("SELECT count(*) FROM content_references WHERE source_entity_id = 'fly-phb'").pluck().get()).toBe(0);
    const mage = referencesOf(sqlite, { entity: 'creatures', id: 'mage-mm' });
    expect(mage.mentions.items.find((r) => r.id === 'fly-phb')).toMatchObject({ name: null, broken: true });
    expect(brokenLinks(sqlite).items.map((b) => b.targetId).sort()).toEqual(['counterspell-phb', 'fly-phb']);
  });

  it('rows saved through the repositories get their references at once (create, update, batch upsert)', () => {
    const { sqlite } = catalog.connection;
    const row = (id: string, text: string) => ({ id, name: id, ruleSystemId: 'dnd5e-2014', sourceId: 'PHB', level: 1, entries: [text] });
    catalog.spells.create(row('api-a-phb', 'Like {@spell fireball}.'));
    expect(referencesOf(sqlite, { entity: 'spells', id: 'api-a-phb' }).mentions.items.map((r) => r.id)).toEqual(['fireball-phb']);
    catalog.spells.update('api-a-phb', { entries: ['Like {@spell fireball|XPHB}.'] });
    expect(referencesOf(sqlite, { entity: 'spells', id: 'api-a-phb' }).mentions.items.map((r) => r.id)).toEqual(['fireball-xphb']);
    catalog.spells.batchUpsert([row('api-a-phb', 'Nothing now.'), row('api-b-phb', '{@spell api-a}')]);
    expect(referencesOf(sqlite, { entity: 'spells', id: 'api-a-phb' }).mentions.total).toBe(0);
    expect(referencesOf(sqlite, { entity: 'spells', id: 'api-a-phb' }).mentionedBy.items.map((r) => r.id)).toEqual(['api-b-phb']);
    expect(() =>
      catalog.transaction(() => {
        catalog.spells.create(row('api-c-phb', '{@spell fireball}'));
        throw new Error('abort');
      }),
    ).toThrow();
    expect(sqlite.prepare("SELECT count(*) FROM content_references WHERE source_entity_id = 'api-c-phb'").pluck().get()).toBe(0);
    catalog.spells.delete('api-b-phb');
    catalog.spells.delete('api-a-phb');
  });

  it("takes an item's attached spells from its lists only (the casting ability is not a spell)", () => {
    const refs = attachedSpellReferences({ ability: 'int', will: ['mage hand'], daily: { '1e': ['fly|XPHB'] }, charges: { '3': ['fireball'] } });
    expect(refs.map((r) => [r.name, r.effectiveSource])).toEqual([
      ['mage hand', 'PHB'],
      ['fly', 'XPHB'],
      ['fireball', 'PHB'],
    ]);
    expect(attachedSpellReferences(['shield', 'light|XPHB', 'fireball#5', 'magic missile|XPHB#5']).map((r) => [r.name, r.effectiveSource])).toEqual([
      ['shield', 'PHB'],
      ['light', 'XPHB'],
      ['fireball', 'PHB'],
      ['magic missile', 'XPHB'],
    ]);
    expect(attachedSpellReferences('int')).toEqual([]);
  });

  it('refuses bad input with ValidationFailed', () => {
    const { sqlite } = catalog.connection;
    catchError('ValidationFailed', () => referencesOf(sqlite, { entity: 'nope' as 'spells', id: 'x' }));
    catchError('ValidationFailed', () => referencesOf(sqlite, { entity: 'spells', id: '' }));
    catchError('ValidationFailed', () => referencesOf(sqlite, { entity: 'spells', id: 'x', limit: 0 }));
    expect(referencesOf(sqlite, { entity: 'spells', id: 'no-such-row' }).mentionedBy.total).toBe(0);
  });
});

describe.runIf(dir)('references on the SRD fixture', () => {
  let catalog: Catalog;
  beforeAll(() => {
    catalog = openMigrated().catalog;
    import5etools(catalog, dir as string);
    rebuildReferences(catalog.connection.sqlite);
  }, 120_000);

  it('finds the creatures that can cast Fireball', () => {
    const of = referencesOf(catalog.connection.sqlite, { entity: 'spells', id: 'fireball-phb', limit: 100 });
    const casters = of.mentionedBy.items.filter((r) => r.kind === 'creatures' && r.referenceType === 'grants').map((r) => r.name);
    expect(casters).toEqual(expect.arrayContaining(['Mage']));
    const items = of.mentionedBy.items.filter((r) => r.kind === 'items').map((r) => r.name);
    expect(items).toEqual(expect.arrayContaining(['Wand of Fireballs']));
  });

  it('lists broken links grouped by target', () => {
    const broken = brokenLinks(catalog.connection.sqlite, { limit: 5 });
    expect(broken.total).toBeGreaterThan(0);
    for (const link of broken.items) {
      expect(link.count).toBeGreaterThan(0);
      expect(catalog.connection.sqlite.prepare('SELECT count(*) FROM search_documents WHERE entity_type = ? AND entity_id = ?').pluck().get(link.targetKind, link.targetId)).toBe(0);
    }
  });
});

if (!dir) describe.skip(`references on the SRD fixture (${SKIP_REASON})`, () => it('skipped', () => undefined));
