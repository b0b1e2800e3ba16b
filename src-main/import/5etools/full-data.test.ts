/**
 * The importer on a whole real 5etools `data/` folder, named by MIMIR_5ETOOLS_FULL_DIR (never
 * committed; see README.md, "Real data"). Skips visibly without it.
 *
 * Expected counts are computed here from the JSON by a counter written for this test (it does
 * not use the importer's modules); nothing may be skipped except for the reasons README.md
 * lists and justifies (JUSTIFIED below); spot checks compare fields across kinds with the JSON.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openMigrated } from '../../../test/helpers';
import type { Catalog } from '../../db';
import { IMPORT_KINDS, import5etools, type ImportKind, type ImportResult } from './index';

const dir = process.env['MIMIR_5ETOOLS_FULL_DIR'];
const SKIP_REASON = 'skipped: MIMIR_5ETOOLS_FULL_DIR not set (point it at the data/ folder of a 5etools release)';
if (!dir) console.log(`full-data.test.ts: ${SKIP_REASON}`);

/** The only skip reasons a real folder may produce; each is justified in README.md ("Skips"). */
const JUSTIFIED: RegExp[] = [
  // Two records whose ids coincide: the item group "Potion of Healing (*)" and the item it groups.
  /^its id \S+ is already taken by /,
  // The same record twice in the folder (a copied file): the first is imported, untouched.
  /^it is a second \w+ record with the same name and source; the first one \(from .+\) is imported$/,
];

type J = Record<string, unknown>;
const arr = (value: unknown): J[] => (Array.isArray(value) ? (value as unknown[]).filter((v): v is J => typeof v === 'object' && v !== null && !Array.isArray(v)) : []);
const s = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const lower = (value: unknown): string => String(value ?? '').toLowerCase();

/** Every collection of the folder by 5etools key, read the way README.md "Files read" describes. */
function readFolder(root: string): { collections: Record<string, J[]>; files: Record<string, unknown> } {
  const collections: Record<string, J[]> = {};
  const files: Record<string, unknown> = {};
  const folders = ['', 'spells', 'bestiary', 'class'];
  for (const folder of folders) {
    const path = join(root, folder);
    let names: string[] = [];
    try {
      names = readdirSync(path).filter((n) => n.endsWith('.json') && !n.startsWith('fluff-') && !n.startsWith('foundry') && n !== 'index.json');
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const file = join(path, name);
      if (!statSync(file).isFile()) continue;
      const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      const rel = folder ? `${folder}/${name}` : name;
      files[rel] = json;
      if (typeof json !== 'object' || json === null || Array.isArray(json)) continue;
      for (const [key, value] of Object.entries(json as J)) {
        if (key === '_meta' || !Array.isArray(value)) continue;
        (collections[key] ??= []).push(...arr(value));
      }
    }
  }
  return { collections, files };
}

/** How many records a record's `_versions` describe (plain versions, and each implementation of a template). */
function versionCount(record: J): number {
  let n = 0;
  for (const version of arr(record['_versions'])) n += version['_abstract'] ? arr(version['_implementations']).length : 1;
  return n;
}

/** Whether a 5etools `requires`/`excludes` value matches an item's value (arrays by overlap, objects key by key). */
function matches(have: unknown, want: unknown): boolean {
  if (have === undefined || have === null) return want === null || want === undefined;
  if (Array.isArray(want)) return Array.isArray(have) ? have.some((h) => want.some((w) => JSON.stringify(w) === JSON.stringify(h))) : want.some((w) => JSON.stringify(w) === JSON.stringify(have));
  if (typeof want === 'object') return typeof have === 'object' && !Array.isArray(have) && Object.entries(want as J).every(([k, v]) => matches((have as J)[k], v));
  return Array.isArray(have) ? have.some((h) => JSON.stringify(h) === JSON.stringify(want)) : have === want;
}

function expansions(variants: J[], bases: J[]): number {
  let n = 0;
  for (const variant of variants) {
    for (const base of bases) {
      if (base['packContents'] !== undefined) continue;
      const b = base['edition'];
      const v = variant['edition'];
      if (b === 'classic' && v !== 'classic') continue;
      if (b === 'one' && v === 'classic') continue;
      const requires = arr(variant['requires']);
      if (Array.isArray(variant['requires']) && !requires.some((req) => Object.entries(req).every(([k, w]) => matches(base[k], w)))) continue;
      const excludes = variant['excludes'];
      if (typeof excludes === 'object' && excludes !== null && Object.entries(excludes as J).some(([k, w]) => matches(base[k], w))) continue;
      n += 1;
    }
  }
  return n;
}

/** Rows per kind the folder should give, before skips. */
function expectedRows(c: Record<string, J[]>): Record<ImportKind, number> {
  const get = (key: string) => c[key] ?? [];
  const withVersions = (key: string) => get(key).length + get(key).reduce((n, r) => n + versionCount(r), 0);
  const codes = new Set<string>();
  for (const book of [...get('book'), ...get('adventure')]) for (const code of [book['id'], book['source']]) if (s(code)) codes.add(lower(code));
  const bookIds = new Set([...get('book'), ...get('adventure')].map((b) => lower(b['id'] ?? b['source'])));
  const inferred = new Set<string>();
  for (const key of ['spell', 'monster', 'race', 'subrace', 'class', 'subclass', 'item', 'baseitem', 'itemGroup', 'magicvariant', 'background', 'feat', 'condition', 'disease', 'status', 'variantrule', 'action', 'sense', 'skill']) {
    for (const record of get(key)) {
      const inherits = record['inherits'] as J | undefined;
      const code = s(record['source']) ?? s(inherits?.['source']);
      if (code && !codes.has(lower(code))) inferred.add(lower(code));
    }
  }
  const variants = get('magicvariant');
  return {
    sources: bookIds.size + inferred.size,
    spells: withVersions('spell'),
    creatures: withVersions('monster'),
    // Nameless subraces are their race's standard form (merged into the race's row); their versions are rows.
    races: withVersions('race') + get('subrace').filter((r) => s(r['name'])).length + get('subrace').reduce((n, r) => n + versionCount(r), 0),
    classes: get('class').length + get('subclass').length,
    items:
      get('baseitem').length +
      withVersions('item') +
      get('itemGroup').length +
      variants.filter((v) => !String(v['name']).endsWith('(*)')).length +
      expansions(variants, get('baseitem')),
    backgrounds: withVersions('background'),
    feats: withVersions('feat'),
    rulesTerms: ['condition', 'disease', 'status', 'variantrule', 'action', 'sense', 'skill'].reduce((n, key) => n + withVersions(key), 0),
  };
}

function grouped(entries: { kind: string; reason?: string; message?: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) {
    const text = e.reason ?? e.message ?? '';
    const key = `${e.kind}: ${text}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

describe.runIf(dir)(`5etools data folder ${dir ?? ''}, imported for real`, () => {
  let catalog: Catalog;
  let result: ImportResult;
  let data: ReturnType<typeof readFolder>;

  beforeAll(() => {
    data = readFolder(dir as string);
    ({ catalog } = openMigrated());
    result = import5etools(catalog, dir as string);
    const expected = expectedRows(data.collections);
    const read = Object.fromEntries(IMPORT_KINDS.map((k) => [k, result.counts[k].read]));
    const imported = Object.fromEntries(IMPORT_KINDS.map((k) => [k, result.counts[k].imported]));
    console.log(
      JSON.stringify(
        { folder: dir, expected, read, imported, skipped: result.skipped.length, warnings: result.warnings.length, skipsByReason: grouped(result.skipped), warningsByReason: grouped(result.warnings) },
        null,
        1,
      ),
    );
  }, 300_000);

  it('per kind: rows = the independent count from the JSON minus the skips, and only justified skips', () => {
    const expected = expectedRows(data.collections);
    for (const kind of IMPORT_KINDS) {
      const skipped = result.skipped.filter((x) => x.kind === kind).length;
      expect(result.counts[kind].imported, kind).toBe(expected[kind] - skipped);
      expect(catalog[kind].count({}), kind).toBe(expected[kind] - skipped);
    }
    const unjustified = result.skipped.filter((x) => !JUSTIFIED.some((re) => re.test(x.reason)));
    expect(unjustified).toEqual([]);
    for (const entry of [...result.skipped, ...result.warnings]) {
      expect(entry.name.length).toBeGreaterThan(0);
      expect(entry.source.length).toBeGreaterThan(0);
    }
    const sqlite = catalog.connection.sqlite;
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('a _copy creature has its target’s values where it sets none', () => {
    const monsters = data.collections['monster'] ?? [];
    const byKey = new Map(monsters.map((m) => [`${lower(m['name'])}|${lower(m['source'])}`, m]));
    const copy = monsters.find((m) => {
      const c = m['_copy'] as J | undefined;
      if (!c || c['_templates'] || m['hp'] !== undefined) return false;
      const mod = (c['_mod'] ?? {}) as J;
      if ('hp' in mod || '_' in mod || '*' in mod) return false;
      const target = byKey.get(`${lower(c['name'])}|${lower(c['source'])}`);
      return target !== undefined && !target['_copy'] && typeof target['hp'] === 'object';
    }) as J;
    expect(copy).toBeDefined();
    const target = byKey.get(`${lower((copy['_copy'] as J)['name'])}|${lower((copy['_copy'] as J)['source'])}`) as J;
    const row = catalog.creatures.list({ filter: { nameStartsWith: String(copy['name']) }, limit: 100 }).items.find((r) => r.name === copy['name'] && lower(r.id).endsWith(`-${lower(copy['source']).replace(/[^a-z0-9]+/g, '-')}`));
    expect(row, String(copy['name'])).toBeDefined();
    expect(row?.hitPoints).toEqual(target['hp']);
  });

  it('a template creature (Sylvira Savikas: the Archmage with the Tiefling template) carries the template', (ctx) => {
    const sylvira = (data.collections['monster'] ?? []).find((m) => m['name'] === 'Sylvira Savikas');
    if (!sylvira) return ctx.skip('this release has no Sylvira Savikas|BGDIA');
    const row = catalog.creatures.get('sylvira-savikas-bgdia');
    expect(row.typeTags).toContain('tiefling');
    expect(JSON.stringify(row.damageResistances)).toContain('fire');
    expect(row.languages).toContain('Infernal');
    expect(row.senses?.some((sense) => /darkvision 60/.test(sense))).toBe(true);
    expect(JSON.stringify(row.traits)).toMatch(/Sylvira/);
    expect(JSON.stringify([row.traits, row.actions])).not.toMatch(/the archmage/i);
  });

  it('a magic variant on a base item: +1 Longsword', () => {
    expect(catalog.items.get('longsword-phb-plus-1-dmg')).toMatchObject({ name: '+1 Longsword', baseItemId: 'longsword-phb', magicBonus: 1, rarity: 'uncommon', type: 'M' });
    expect(catalog.items.get('bag-of-holding-dmg')).toMatchObject({ isWondrous: true });
  });

  it('the 2024 Monk with every one of its subclasses', (ctx) => {
    const monk = (data.collections['class'] ?? []).find((c) => c['name'] === 'Monk' && c['source'] === 'XPHB');
    if (!monk) return ctx.skip("this release predates the 2024 Player's Handbook (no Monk|XPHB)");
    const row = catalog.classes.get('monk-xphb');
    expect(row.startingProficiencies).toEqual(monk['startingProficiencies']);
    expect(row.hitDie).toBe((monk['hd'] as J)['faces']);
    const subclasses = (data.collections['subclass'] ?? []).filter((x) => x['className'] === 'Monk' && x['classSource'] === 'XPHB');
    const rows = catalog.connection.sqlite.prepare("SELECT name FROM classes WHERE parent_class_id = 'monk-xphb' ORDER BY name").all() as { name: string }[];
    expect(rows.map((r) => r.name)).toEqual([...new Set(subclasses.map((x) => String(x['name'])))].sort());
    expect(rows.length).toBeGreaterThan(0);
  });

  it("an XGE spell's classes are its book's class list (classVariant defined in XGE)", (ctx) => {
    const lookup = (data.files['spells/sources.json'] ?? {}) as Record<string, Record<string, J>>;
    const entry = lookup['XGE']?.['Catnap'];
    if (!entry) return ctx.skip('spells/sources.json has no Catnap|XGE');
    const expected = [...new Set([...arr(entry['class']), ...arr(entry['classVariant']).filter((v) => v['definedInSource'] === 'XGE')].map((c) => lower(c['name'])))];
    expect(catalog.spells.get('catnap-xge').classes).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('records of a book whose id and source differ (PS-Z / PSZ), and reprints', () => {
    const psz = (data.collections['monster'] ?? []).filter((m) => m['source'] === 'PSZ').length;
    const rows = catalog.connection.sqlite.prepare("SELECT count(*) AS n FROM creatures WHERE source_id = 'PS-Z'").get() as { n: number };
    expect(rows.n).toBe(psz);
    const fireball = (data.collections['spell'] ?? []).find((x) => x['name'] === 'Fireball' && x['source'] === 'PHB') as J;
    const reprints = (fireball['reprintedAs'] as string[] | undefined) ?? null;
    expect(catalog.spells.get('fireball-phb')).toMatchObject({ reprintedAs: reprints, supersededBy: reprints ? 'fireball-xphb' : null });
  });
});
