/**
 * Catalog search: the query parser and ranking on hand-made rows, and the issue's ranking cases
 * on the SRD fixture (when MIMIR_5ETOOLS_DIR names it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { catchError, openMigrated, seedRuleSystemAndSource } from '../../../test/helpers';
import { import5etools } from '../../import/5etools';
import type { Catalog } from '../catalog';
import { embeddedMigrations, rollback } from '../migrations';
import { openCatalog } from '../startup';
import { bodyColumns, editDistance, matchExpression, parseQuery, searchCatalog, snippetOf, SEARCH_KINDS } from './index';

const dir = process.env['MIMIR_5ETOOLS_DIR'];
const SKIP_REASON = 'skipped: MIMIR_5ETOOLS_DIR not set (point it at the 5etools SRD fixture folder)';

const HOSTILE = ['-', "'", '"', '*', ':', '(', ')', '"unbalanced', 'fire"ball', "o'brien's", 'in:', 'source:', '-"', '- -', '"*"', 'NOT', 'AND OR', 'a:b:c', '{@spell', '^', 'NEAR(a b)', '\\', '%', '_'];

describe('parseQuery', () => {
  it('reads words, phrases, prefixes, exclusions and filters', () => {
    const q = parseQuery('in:spells source:XGE,phb edition:2024 "cone of cold" -undead half-orc fireb');
    expect(q.kinds).toEqual(['spells']);
    expect(q.sources).toEqual(['XGE', 'phb']);
    expect(q.editions).toEqual(['2024']);
    expect(q.terms).toEqual([
      { tokens: ['cone', 'of', 'cold'], phrase: true, prefix: false },
      { tokens: ['half', 'orc'], phrase: false, prefix: false },
      { tokens: ['fireb'], phrase: false, prefix: true },
    ]);
    expect(q.excluded).toEqual([{ tokens: ['undead'], phrase: false, prefix: false }]);
    expect(matchExpression(q)).toBe('("cone of cold" AND "half orc" AND "fireb"*) NOT ("undead")');
  });

  it('a trailing space ends the prefix; word* is a prefix anywhere; unknown kinds match nothing', () => {
    expect(parseQuery('fire ').terms[0]?.prefix).toBe(false);
    expect(parseQuery('fire* bolt ').terms[0]?.prefix).toBe(true);
    expect(parseQuery('in:nothing dragon').kinds).toEqual([]);
    expect(parseQuery('in:monsters,spell').kinds).toEqual(['creatures', 'spells']);
    expect(parseQuery('foo:bar').terms[0]?.tokens).toEqual(['foo', 'bar']);
    expect(parseQuery('Élan').terms[0]?.tokens).toEqual(['elan']);
  });

  it.each(HOSTILE)('never produces a MATCH syntax problem for %j', (text) => {
    const expression = matchExpression(parseQuery(text));
    if (expression !== undefined) expect(expression).toMatch(/^[("]/);
  });
});

describe('editDistance and snippets', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('frieball', 'fireball')).toBe(1);
    expect(editDistance('tarasque', 'tarrasque')).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('cuts the body around the first match and marks every matching word', () => {
    const body = `${'Lorem ipsum dolor sit amet. '.repeat(10)}A bright streak flashes to a point you choose and blossoms into an explosion of flame. Flame again.`;
    const { snippet, highlights } = snippetOf(body, parseQuery('flame').terms);
    expect(snippet.startsWith('… ')).toBe(true);
    expect(highlights.length).toBeGreaterThanOrEqual(1);
    for (const [a, b] of highlights) expect(snippet.slice(a, b).toLowerCase()).toMatch(/^flame/);
  });
});

describe('search on hand-made rows', () => {
  let catalog: Catalog;
  beforeAll(() => {
    catalog = openMigrated().catalog;
    seedRuleSystemAndSource(catalog);
    const spell = (id: string, name: string, ruleSystemId: string, sourceId: string, text: string) =>
      catalog.spells.create({ id, name, ruleSystemId, sourceId, level: 3, entries: [text] });
    spell('fireball-phb', 'Fireball', 'dnd5e-2014', 'PHB', 'A bright streak blossoms into an explosion of {@damage 8d6} flame.');
    spell('fireball-xphb', 'Fireball', 'dnd5e-2024', 'XPHB', 'A bright streak blossoms into an explosion of flame.');
    spell('fire-bolt-phb', 'Fire Bolt', 'dnd5e-2014', 'PHB', 'You hurl a mote of fire.');
    spell('wall-phb', 'Wall of Stone', 'dnd5e-2014', 'PHB', 'Unlike a {@spell fireball}, this wall stays; it resists {@i fire}.');
  });

  it('an exact name beats a body mention, and markup is searched as its display text', () => {
    const hits = searchCatalog(catalog, { text: 'fireball' }).hits;
    expect(hits.map((h) => h.id)).toEqual(['fireball-phb', 'fireball-xphb', 'wall-phb']);
    expect(hits[0]?.match).toBe('exact');
    expect(hits[2]?.match).toBe('body');
    expect(searchCatalog(catalog, { text: '8d6' }).hits.map((h) => h.id)).toEqual(['fireball-phb']);
  });

  it('puts the preferred rule system first among printings of the same name', () => {
    const hits = searchCatalog(catalog, { text: 'fireball', preferRuleSystem: 'dnd5e-2024' }).hits;
    expect(hits.slice(0, 2).map((h) => h.id)).toEqual(['fireball-xphb', 'fireball-phb']);
  });

  it('follows create, update and delete at once (the triggers)', () => {
    catalog.spells.create({ id: 'zzyzx-phb', name: 'Zzyzx Ray', ruleSystemId: 'dnd5e-2014', sourceId: 'PHB', level: 1, entries: ['A green qwerty beam.'] });
    expect(searchCatalog(catalog, { text: 'qwerty' }).hits.map((h) => h.id)).toEqual(['zzyzx-phb']);
    catalog.spells.update('zzyzx-phb', { name: 'Yzzyx Beam', entries: ['A blue asdfgh beam.'] });
    expect(searchCatalog(catalog, { text: 'qwerty' }).hits).toEqual([]);
    expect(searchCatalog(catalog, { text: 'asdfgh' }).hits.map((h) => h.name)).toEqual(['Yzzyx Beam']);
    expect(searchCatalog(catalog, { text: 'zzyzx' }).hits).toEqual([]);
    catalog.spells.update('zzyzx-phb', { level: 2 }); // not a searched column: nothing to re-index
    expect(searchCatalog(catalog, { text: 'yzzyx' }).hits.map((h) => h.id)).toEqual(['zzyzx-phb']);
    catalog.spells.delete('zzyzx-phb');
    expect(searchCatalog(catalog, { text: 'asdfgh' }).hits).toEqual([]);
    expect(searchCatalog(catalog, { text: 'yzzyx' }).hits).toEqual([]);
  });

  it('follows batch upserts and rolls back with a failed transaction', () => {
    const row = (id: string, name: string, text: string) => ({ id, name, ruleSystemId: 'dnd5e-2014', sourceId: 'PHB', level: 1, entries: [text] });
    catalog.spells.batchUpsert([row('batch-a-phb', 'Batch A', 'plugh one'), row('batch-b-phb', 'Batch B', 'plugh two')]);
    expect(searchCatalog(catalog, { text: 'plugh' }).hits).toHaveLength(2);
    catalog.spells.batchUpsert([row('batch-a-phb', 'Batch A', 'xyzzy one'), row('batch-b-phb', 'Batch B', 'plugh two')]);
    expect(searchCatalog(catalog, { text: 'plugh' }).hits.map((h) => h.id)).toEqual(['batch-b-phb']);
    expect(() =>
      catalog.transaction(() => {
        catalog.spells.create(row('doomed-phb', 'Doomed', 'frobnicate'));
        throw new Error('abort');
      }),
    ).toThrow();
    expect(searchCatalog(catalog, { text: 'frobnicate' }).hits).toEqual([]);
    catalog.spells.delete('batch-a-phb');
    catalog.spells.delete('batch-b-phb');
  });

  it('filters by kind, source and edition; an unknown edition or kind gives nothing', () => {
    expect(searchCatalog(catalog, { text: 'fireball source:xphb' }).hits.map((h) => h.id)).toEqual(['fireball-xphb']);
    expect(searchCatalog(catalog, { text: 'fireball edition:2014' }).hits.map((h) => h.id)).toEqual(['fireball-phb', 'wall-phb']);
    expect(searchCatalog(catalog, { text: 'fireball edition:1999' }).hits).toEqual([]);
    expect(searchCatalog(catalog, { text: 'fireball in:creatures' }).hits).toEqual([]);
    expect(searchCatalog(catalog, { text: 'fireball', kinds: ['items'] }).hits).toEqual([]);
    expect(searchCatalog(catalog, { text: 'in:spells' }).hits).toEqual([]);
  });

  it('excludes words, pages with offset and limit', () => {
    expect(searchCatalog(catalog, { text: 'fire -bolt' }).hits.map((h) => h.id)).not.toContain('fire-bolt-phb');
    expect(searchCatalog(catalog, { text: 'fireball -stays' }).hits.map((h) => h.id)).toEqual(['fireball-phb', 'fireball-xphb']);
    const all = searchCatalog(catalog, { text: 'fire' }).hits.map((h) => h.id);
    const first = searchCatalog(catalog, { text: 'fire', limit: 2 });
    const second = searchCatalog(catalog, { text: 'fire', limit: 2, offset: 2 });
    expect(first.hasMore).toBe(true);
    expect([...first.hits, ...second.hits].map((h) => h.id)).toEqual(all.slice(0, 4));
  });

  it.each(HOSTILE)('hostile input %j gives results or an empty list', (text) => {
    const result = searchCatalog(catalog, { text });
    expect(Array.isArray(result.hits)).toBe(true);
  });

  it('over-long input, too many terms and bad options are ValidationFailed', () => {
    expect(catchError('ValidationFailed', () => searchCatalog(catalog, { text: 'x'.repeat(257) })).details.issues[0]?.path).toEqual(['text']);
    catchError('ValidationFailed', () => searchCatalog(catalog, { text: Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ') }));
    catchError('ValidationFailed', () => searchCatalog(catalog, { text: 'x', limit: 0 }));
    catchError('ValidationFailed', () => searchCatalog(catalog, { text: 'x', kinds: ['nope' as 'spells'] }));
    catchError('ValidationFailed', () => searchCatalog(catalog, { text: 'x', extra: 1 } as never));
  });

  it('a rebuild from scratch (rollback and re-apply of the migration) gives the same results', () => {
    const queries = ['fireball', 'fire', 'flame -bolt', 'frieball'];
    const before = queries.map((text) => searchCatalog(catalog, { text }));
    const { sqlite } = catalog.connection;
    const migration = sqlite.prepare("SELECT version FROM schema_version WHERE name = 'catalog_search'").pluck().get() as number;
    const file = catalog.connection.file;
    catalog.connection.close();
    catalog = rebuildCatalog(file, migration);
    expect(queries.map((text) => searchCatalog(catalog, { text }))).toEqual(before);
  });
});

/** Rolls back to before the search migration (checking it removed every search object), then migrates again. */
function rebuildCatalog(file: string, version: number): Catalog {
  const { catalog } = openCatalog(file, { migrate: false });
  const report = rollback(catalog.connection.sqlite, embeddedMigrations, version - 1, { backup: false });
  expect(report.ok, report.error?.message).toBe(true);
  expect(catalog.connection.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'search%' OR sql LIKE '%search%'").pluck().get()).toBe(0);
  catalog.connection.close();
  return openCatalog(file).catalog;
}

describe('the migration', () => {
  it("passes each kind's body columns to mimir_search_text in its triggers", () => {
    const { catalog, connection } = openMigrated();
    for (const kind of SEARCH_KINDS) {
      const sql = connection.sqlite.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(`${kind}_search_after_insert`) as string;
      expect(sql).toContain(`mimir_search_text(${bodyColumns(kind, 'NEW')})`);
    }
    catalog.connection.close();
  });
});

describe.runIf(dir)('search on the SRD fixture', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = openMigrated().catalog;
    import5etools(catalog, dir as string);
  }, 120_000);

  const top = (text: string, n = 3, extra: object = {}) => searchCatalog(catalog, { text, limit: n, ...extra }).hits.map((h) => h.name);

  it('exact name beats body match', () => {
    const hits = searchCatalog(catalog, { text: 'fireball' }).hits;
    expect(hits[0]).toMatchObject({ name: 'Fireball', kind: 'spells', match: 'exact' });
    expect(hits.slice(1).some((h) => h.match === 'body')).toBe(true);
  });

  it.each(['fire ball', 'firebal', 'frieball', 'Fireball', 'FIREBALL'])('%j finds Fireball in the top 3', (text) => {
    expect(top(text)).toContain('Fireball');
  });

  it('"tarasque" finds the Tarrasque first', () => {
    expect(top('tarasque', 1)).toEqual(['Tarrasque']);
  });

  it('in:creatures dragon red finds Red Dragons, and only creatures', () => {
    const hits = searchCatalog(catalog, { text: 'in:creatures dragon red', limit: 10 }).hits;
    expect(hits.every((h) => h.kind === 'creatures')).toBe(true);
    expect(hits.slice(0, 4).map((h) => h.name)).toEqual(expect.arrayContaining(['Adult Red Dragon', 'Ancient Red Dragon', 'Young Red Dragon', 'Red Dragon Wyrmling']));
  });

  it('-undead excludes rows that mention it', () => {
    const withUndead = searchCatalog(catalog, { text: 'in:creatures zombie', limit: 50 }).hits;
    expect(withUndead.length).toBeGreaterThan(0);
    const without = searchCatalog(catalog, { text: 'in:creatures zombie -undead', limit: 50 }).hits;
    expect(without.length).toBeLessThan(withUndead.length);
    expect(without.map((h) => h.name)).not.toContain('Zombie');
    const undead = catalog.creatures.list({ filter: { type: 'undead' }, limit: 500 }).items.map((c) => c.id);
    expect(without.filter((h) => undead.includes(h.id))).toEqual([]);
    const spells = searchCatalog(catalog, { text: 'in:spells necromancy -undead', limit: 100 }).hits;
    expect(spells.map((h) => h.name)).not.toContain('Animate Dead');
  });

  it('a body match carries a snippet with the matched words highlighted', () => {
    const hit = searchCatalog(catalog, { text: 'blossoms flame', limit: 5 }).hits.find((h) => h.name === 'Fireball');
    expect(hit?.match).toBe('body');
    expect(hit?.highlights.length).toBeGreaterThan(0);
    for (const [a, b] of hit?.highlights ?? []) expect(hit?.snippet.slice(a, b).toLowerCase()).toMatch(/^(blossoms|flame)/);
    expect(hit?.snippet).not.toContain('{@');
  });

  it.each(HOSTILE)('hostile input %j gives results or an empty list', (text) => {
    expect(Array.isArray(searchCatalog(catalog, { text }).hits)).toBe(true);
  });

  it('every kind is searchable', () => {
    for (const [text, kind] of [['longsword', 'items'], ['elf', 'races'], ['fighter', 'classes'], ['acolyte', 'backgrounds'], ['grappler', 'feats'], ['goblin', 'creatures']] as const) {
      expect(searchCatalog(catalog, { text, kinds: [kind], limit: 1 }).hits[0]?.kind, text).toBe(kind);
    }
  });

  it('a re-import (unchanged data) leaves the results as they were', async () => {
    const before = ['fireball', 'dragon red', 'tarasque'].map((text) => searchCatalog(catalog, { text }));
    import5etools(catalog, dir as string);
    expect(['fireball', 'dragon red', 'tarasque'].map((text) => searchCatalog(catalog, { text }))).toEqual(before);
  }, 120_000);
});

if (!dir) describe.skip(`search on the SRD fixture (${SKIP_REASON})`, () => it('skipped', () => undefined));
