/**
 * Rules terms: the mapper, the import of the synthetic fixture (test/fixtures/5etools-rules-terms)
 * alone and with the SRD fixture, the references to and from terms, items granting spells, and the
 * edition preference.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { rulesTermEntity } from '../../../src-shared/catalog/entities';
import { catchError, openMigrated, tempDir } from '../../../test/helpers';
import { expectValidRow, makeContext } from '../../../test/import-5etools';
import { RULES_TERMS_FIXTURE, withRulesTerms } from '../../../test/rules-terms-fixture';
import type { Catalog } from '../../db/catalog';
import { brokenLinks, referencesOf } from '../../db/references';
import { readSettings, updateSettings } from '../../db/settings';
import { rebuildReferences } from '../../db/references';
import { import5etools } from './index';
import { absentRulesTermFiles, mapRulesTerms } from './rules-terms';

const srd = process.env['MIMIR_5ETOOLS_DIR'];

const empty = { condition: [], disease: [], status: [], variantrule: [], action: [], sense: [], skill: [] };

describe('rules terms: mapping', () => {
  it('one row per record with its term type; id name-source; reprints as written', () => {
    const ctx = makeContext([
      { id: 'PHB', source: 'PHB', name: "Player's Handbook" },
      { id: 'XPHB', source: 'XPHB', name: "Player's Handbook (2024)" },
    ]);
    const { rows, read, generated } = mapRulesTerms(
      {
        ...empty,
        condition: [{ name: 'Frightened', source: 'PHB', page: 290, reprintedAs: ['Frightened|XPHB'], entries: ['Scared.'] }],
        variantrule: [{ name: 'D20 Test', source: 'XPHB', page: 365, ruleType: 'C', entries: ['Roll.'] }],
        skill: [{ name: 'Sleight of Hand', source: 'PHB', ability: 'dex', entries: ['Hands.'] }],
      },
      ctx,
    );
    expect({ read, generated }).toEqual({ read: 3, generated: 0 });
    for (const row of rows) expectValidRow(rulesTermEntity, row);
    expect(rows.map((r) => [r.id, r.termType, r.ruleSystemId, r.reprintedAs ?? null, r.supersededBy ?? null])).toEqual([
      ['frightened-phb', 'condition', 'dnd5e-2014', ['Frightened|XPHB'], 'frightened-xphb'],
      ['d20-test-xphb', 'variant-rule', 'dnd5e-2024', null, null],
      ['sleight-of-hand-phb', 'skill', 'dnd5e-2014', null, null],
    ]);
    expect(ctx.skipped).toEqual([]);
  });

  it('bad records are skipped with their reason, never the run', () => {
    const ctx = makeContext([{ id: 'PHB', source: 'PHB', name: "Player's Handbook" }]);
    const { rows } = mapRulesTerms(
      {
        ...empty,
        condition: [{ source: 'PHB', entries: [] }],
        status: [{ name: 'Surprised', entries: [] }],
        sense: [{ name: 'Tremorsense', source: 'NOPE', entries: [] }],
        action: [{ name: 'Dash', source: 'PHB', get entries(): unknown { throw new Error('unreadable'); } }],
      },
      ctx,
    );
    expect(rows).toEqual([]);
    expect(ctx.skipped.map((s) => [s.kind, s.name, s.reason])).toEqual([
      ['rulesTerms', '(unnamed)', 'the condition has no name'],
      ['rulesTerms', 'Surprised', 'the record names no source book'],
      ['rulesTerms', 'Dash', 'it could not be mapped: unreadable'],
      ['rulesTerms', 'Tremorsense', 'its source book NOPE is not in the data (no book metadata for it)'],
    ]);
  });

  it('names the rules-term files of which nothing was read', () => {
    expect(absentRulesTermFiles({ ...empty, status: [{ name: 'x' }], skill: [{ name: 'y' }] }).map((a) => a.file)).toEqual([
      'variantrules.json',
      'actions.json',
      'senses.json',
    ]);
  });
});

describe('rules terms: importing the synthetic fixture', () => {
  let catalog: Catalog;
  beforeAll(() => {
    catalog = openMigrated().catalog;
  });

  it('imports every term type; bad records skipped or degraded with a reason; nothing absent', () => {
    const result = import5etools(catalog, RULES_TERMS_FIXTURE);
    expect(result.absentFiles).toEqual([]);
    const byType = catalog.connection.sqlite.prepare('SELECT term_type, count(*) AS n FROM rules_terms GROUP BY 1 ORDER BY 1').all();
    expect(byType).toEqual([
      { term_type: 'action', n: 3 },
      { term_type: 'condition', n: 6 },
      { term_type: 'disease', n: 1 },
      { term_type: 'sense', n: 2 },
      { term_type: 'skill', n: 2 },
      { term_type: 'status', n: 1 },
      { term_type: 'variant-rule', n: 2 },
    ]);
    expect(result.counts.rulesTerms).toMatchObject({ imported: 17, read: 19, skipped: 2, warnings: 1 });
    expect(result.skipped.map((s) => [s.kind, s.name, s.reason, s.file])).toEqual([
      ['rulesTerms', '(unnamed)', 'the condition has no name', 'conditionsdiseases.json'],
      ['rulesTerms', 'Sourceless Rule', 'the record names no source book', 'variantrules.json'],
    ]);
    expect(result.warnings).toMatchObject([{ kind: 'rulesTerms', name: 'Ready', source: 'PHB', message: expect.stringContaining('its entries does not fit the column') }]);
    expect(catalog.rulesTerms.get('ready-phb')).toMatchObject({ entries: [], unmapped: { entries: expect.any(String) } });
    expect(catalog.rulesTerms.get('frightened-phb')).toMatchObject({ termType: 'condition', supersededBy: 'frightened-xphb', origin: 'import' });
    expect(catalog.rulesTerms.list({ filter: { termType: 'condition', isReprinted: false } }).items.map((r) => r.id)).not.toContain('frightened-phb');
  });

  it('a term mentions other terms, and is mentioned (references:of both ways)', () => {
    const { sqlite } = catalog.connection;
    const unconscious = referencesOf(sqlite, { entity: 'rules_terms', id: 'unconscious-phb' });
    expect(unconscious.mentions.items.map((r) => [r.kind, r.id, r.name, r.broken])).toEqual([
      ['rules_terms', 'incapacitated-phb', 'Incapacitated', false],
      ['rules_terms', 'prone-phb', 'Prone', false],
    ]);
    expect(referencesOf(sqlite, { entity: 'rules_terms', id: 'prone-phb' }).mentionedBy.items.map((r) => r.id)).toEqual(['unconscious-phb']);
    // {@condition exhaustion} (the disease) names a term the fixture lacks: a broken link.
    expect(brokenLinks(sqlite).items).toContainEqual({ targetKind: 'rules_terms', targetId: 'exhaustion-phb', count: 1, example: '{@condition exhaustion}' });
  });

  it('the same folder again changes nothing', () => {
    const before = catalog.connection.sqlite.prepare('SELECT * FROM rules_terms ORDER BY id').all();
    const again = import5etools(catalog, RULES_TERMS_FIXTURE);
    expect(again.counts.rulesTerms).toMatchObject({ inserted: 0, updated: 0, unchanged: 17, removed: 0 });
    expect(catalog.connection.sqlite.prepare('SELECT * FROM rules_terms ORDER BY id').all()).toEqual(before);
  });

  it('a row with an unknown term type is refused (ValidationFailed through the API, the CHECK below it); nothing stored', () => {
    const count = catalog.rulesTerms.count({});
    catchError('ValidationFailed', () =>
      catalog.rulesTerms.create({ id: 'curse-phb', name: 'Curse', ruleSystemId: 'dnd5e-2014', sourceId: 'PHB', termType: 'curse' as 'condition' }),
    );
    catchError('ValidationFailed', () => catalog.rulesTerms.update('prone-phb', { termType: 'hex' as 'condition' }));
    catchError('ValidationFailed', () => catalog.rulesTerms.list({ filter: { termType: 'curse' as 'condition' } }));
    expect(() =>
      catalog.connection.sqlite
        .prepare("INSERT INTO rules_terms (id, name, rule_system_id, source_id, term_type) VALUES ('x-phb', 'X', 'dnd5e-2014', 'PHB', 'curse')")
        .run(),
    ).toThrow(/CHECK/);
    expect(catalog.rulesTerms.count({})).toBe(count);
    expect(catalog.rulesTerms.get('prone-phb').termType).toBe('condition');
  });
});

describe('settings: the preferred rule system', () => {
  it('defaults to 2014; a bad value is ValidationFailed and leaves the stored value and the references as they were', () => {
    const { catalog } = openMigrated(tempDir());
    const { sqlite } = catalog.connection;
    expect(readSettings(sqlite)).toEqual({ preferredRuleSystem: 'dnd5e-2014' });
    let rebuilt = 0;
    const rebuild = () => (rebuilt++, rebuildReferences(sqlite));
    expect(updateSettings(sqlite, { preferredRuleSystem: 'dnd5e-2024' }, rebuild).settings).toEqual({ preferredRuleSystem: 'dnd5e-2024' });
    expect(rebuilt).toBe(1);
    const stored = sqlite.prepare('SELECT * FROM settings').all();
    for (const bad of [{ preferredRuleSystem: '2014' }, { preferredRuleSystem: 'dnd5e-2024', extra: 1 }, {}, null, 'dnd5e-2014']) {
      catchError('ValidationFailed', () => updateSettings(sqlite, bad, rebuild));
    }
    expect(rebuilt).toBe(1);
    expect(sqlite.prepare('SELECT * FROM settings').all()).toEqual(stored);
    // A value this build cannot read (a newer build's, or written by hand) reads as the default.
    sqlite.prepare(`UPDATE settings SET value = '"dnd6e"'`).run();
    expect(readSettings(sqlite)).toEqual({ preferredRuleSystem: 'dnd5e-2014' });
    expect(() => sqlite.prepare(`UPDATE settings SET value = 'not json'`).run()).toThrow(/CHECK/);
  });
});

describe.runIf(srd)('rules terms with the SRD fixture', () => {
  let catalog: Catalog;
  beforeAll(() => {
    catalog = openMigrated().catalog;
    import5etools(catalog, withRulesTerms(srd as string, tempDir()));
  }, 120_000);

  it('the SRD alone names the rules-term files as absent, not as a failure', () => {
    const alone = import5etools(openMigrated().catalog, srd as string);
    expect(alone.skipped.filter((s) => s.kind === 'rulesTerms')).toEqual([]);
    expect(alone.warnings.filter((w) => w.kind === 'rulesTerms')).toEqual([]);
    expect(alone.absentFiles.map((a) => a.file)).toEqual(['conditionsdiseases.json', 'variantrules.json', 'actions.json', 'senses.json', 'skills.json']);
  }, 120_000);

  it('Frightened is mentioned by creatures (which items and spells inflict it)', () => {
    const of = referencesOf(catalog.connection.sqlite, { entity: 'rules_terms', id: 'frightened-phb', limit: 500 });
    expect(of.mentionedBy.items.filter((r) => r.kind === 'creatures').map((r) => r.name)).toEqual(expect.arrayContaining(['Adult Red Dragon']));
    expect(of.mentionedBy.items.filter((r) => r.kind === 'spells').map((r) => r.name)).toEqual(expect.arrayContaining(['Fear']));
    expect(of.mentionedBy.items.filter((r) => r.kind === 'items').map((r) => r.name)).toEqual(expect.arrayContaining(['Wand of Borrowed Flame']));
    expect(of.mentionedBy.items.every((r) => r.referenceType === 'mentions' && !r.broken)).toBe(true);
  });

  it("an item's attachedSpells are grants; its text's mentions stay mentions", () => {
    const wand = referencesOf(catalog.connection.sqlite, { entity: 'items', id: 'wand-of-borrowed-flame-tst' });
    expect(wand.mentions.items.map((r) => [r.kind, r.id, r.referenceType, r.context])).toEqual([
      ['rules_terms', 'frightened-phb', 'mentions', '{@condition frightened}'],
      ['spells', 'detect-magic-phb', 'grants', 'attachedSpells: detect magic|phb'],
      ['spells', 'fireball-phb', 'grants', '{@spell fireball}'],
    ]);
    const fireball = referencesOf(catalog.connection.sqlite, { entity: 'spells', id: 'fireball-phb', limit: 200 });
    // The SRD's own items grant it too (their attachedSpells), mentions no longer.
    const granting = fireball.mentionedBy.items.filter((r) => r.kind === 'items' && r.referenceType === 'grants').map((r) => r.name);
    expect(granting).toEqual(expect.arrayContaining(['Wand of Borrowed Flame', 'Wand of Fireballs', 'Necklace of Fireballs', 'Staff of Fire']));
    expect(fireball.mentionedBy.items.filter((r) => r.kind === 'items' && r.name === 'Wand of Fireballs').map((r) => r.referenceType)).toEqual(['grants']);
  });

  it('preferring 2024 sends {@condition frightened} to the 2024 printing; back to 2014 restores it', () => {
    const { sqlite } = catalog.connection;
    const dragon = () => referencesOf(sqlite, { entity: 'creatures', id: 'adult-red-dragon-mm', limit: 200 }).mentions.items.filter((r) => r.kind === 'rules_terms').map((r) => r.id);
    expect(dragon()).toContain('frightened-phb');
    catalog.transaction(() => updateSettings(sqlite, { preferredRuleSystem: 'dnd5e-2024' }, () => rebuildReferences(sqlite)));
    expect(dragon()).toContain('frightened-xphb');
    expect(dragon()).not.toContain('frightened-phb');
    catalog.transaction(() => updateSettings(sqlite, { preferredRuleSystem: 'dnd5e-2014' }, () => rebuildReferences(sqlite)));
    expect(dragon()).toContain('frightened-phb');
  });
});

if (!srd) describe.skip('rules terms with the SRD fixture (skipped: MIMIR_5ETOOLS_DIR not set)', () => it('skipped', () => undefined));
