/**
 * Property test of the importer's principle, "one record can never fail an import": real records
 * of the SRD fixture (MIMIR_5ETOOLS_DIR), mutated by fast-check (keys dropped or given values of
 * another type, unknown top-level keys, `_copy` with unknown `_mod` modes, huge and deeply nested
 * entries), are imported into a real catalog. Whatever the mutation:
 *
 * - the import never aborts;
 * - every record is a row (a degraded row has a warning naming it), or a skip whose reason names it;
 * - the database passes integrity_check and foreign_key_check.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openMigrated, tempDir } from '../../../test/helpers';
import { import5etools, type ImportKind } from './index';

const dir = process.env['MIMIR_5ETOOLS_DIR'];
const SKIP_REASON = 'skipped: MIMIR_5ETOOLS_DIR not set (point it at the 5etools SRD fixture folder)';
if (!dir) console.log(`property.test.ts: ${SKIP_REASON}`);

type J = Record<string, unknown>;
const read = (file: string): J => JSON.parse(readFileSync(join(dir as string, file), 'utf8')) as J;
const arr = (value: unknown): J[] => (Array.isArray(value) ? (value as J[]) : []);

/** The collections sampled, with the file they go to and the kind (table) they become. */
const SAMPLED = [
  { file: 'spells.json', key: 'spell', kind: 'spells' },
  { file: 'creatures.json', key: 'monster', kind: 'creatures' },
  { file: 'races.json', key: 'race', kind: 'races' },
  { file: 'classes.json', key: 'class', kind: 'classes' },
  { file: 'items.json', key: 'item', kind: 'items' },
  { file: 'items.json', key: 'baseitem', kind: 'items' },
  { file: 'backgrounds.json', key: 'background', kind: 'backgrounds' },
  { file: 'feats.json', key: 'feat', kind: 'feats' },
] as const satisfies readonly { file: string; key: string; kind: ImportKind }[];

/** Files copied unchanged: books, spell lists, legendary groups, class features, optional features. */
const CONTEXT_FILES = ['sources.json', 'spell-sources.json', 'legendarygroups.json', 'optionalfeatures.json'];

/** A JSON value of any type, to put where a key's value was. */
const anyJson = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 20 }),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(null)), { maxLength: 4 }),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxKeys: 3 }),
);

type Mutation =
  | { op: 'drop'; pick: number }
  | { op: 'retype'; pick: number; value: unknown }
  | { op: 'unknownKey'; key: string; value: unknown }
  | { op: 'unknownMod'; mode: string; target: number }
  | { op: 'deep'; levels: number }
  | { op: 'huge'; count: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('retype' as const), pick: fc.nat(), value: anyJson }),
  fc.record({ op: fc.constant('unknownKey' as const), key: fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !k.startsWith('_') && k !== '__proto__'), value: anyJson }),
  fc.record({ op: fc.constant('unknownMod' as const), mode: fc.constantFrom('frobnicateArr', 'scalarAddHit', 'renameArr', 'x', ''), target: fc.nat() }),
  fc.record({ op: fc.constant('deep' as const), levels: fc.integer({ min: 90, max: 3_000 }) }),
  fc.record({ op: fc.constant('huge' as const), count: fc.integer({ min: 1_000, max: 20_000 }) }),
);

/**
 * Deep entries travel as a marker string until the file is written as text: cloning or
 * stringifying them would overflow the test's own stack first.
 */
const DEEP_MARKER = /"__deep_(\d+)__"/g;
const deepText = (levels: number): string => `${'{"type":"entries","entries":['.repeat(levels)}"the bottom"${']}'.repeat(levels)}`;

function mutate(record: J, m: Mutation, pool: J[]): J {
  const out: J = structuredClone(record);
  const keys = Object.keys(out);
  switch (m.op) {
    case 'drop':
      delete out[keys[m.pick % keys.length] as string];
      break;
    case 'retype':
      out[keys[m.pick % keys.length] as string] = m.value;
      break;
    case 'unknownKey':
      out[m.key] = m.value;
      break;
    case 'unknownMod': {
      const target = pool[m.target % pool.length] as J;
      out['_copy'] = { name: target['name'], source: target['source'], _mod: { entries: { mode: m.mode, items: ['x'] }, '*': { mode: m.mode } } };
      break;
    }
    case 'deep':
      out['entries'] = [`__deep_${m.levels}__`];
      break;
    case 'huge':
      out['entries'] = Array.from({ length: m.count }, (_, i) => `Paragraph ${i} of a very long text.`);
      break;
  }
  return out;
}

/** A short description of a record for the accounting below: its name when it still has one. */
const nameOf = (record: J): string | undefined => (typeof record['name'] === 'string' && record['name'].trim() !== '' ? record['name'] : undefined);

describe.runIf(dir)('importer property: mutated real records never fail an import', () => {
  const files = dir ? Object.fromEntries([...new Set([...SAMPLED.map((s) => s.file), 'classes.json', ...CONTEXT_FILES])].map((f) => [f, read(f)])) : {};

  it('every record is imported, degraded with a warning, or skipped with a reason naming it; the file stays sound', () => {
    const sample = fc.record({
      picks: fc.array(fc.record({ collection: fc.nat({ max: SAMPLED.length - 1 }), index: fc.nat(), mutations: fc.array(mutation, { minLength: 0, maxLength: 3 }) }), { minLength: 3, maxLength: 12 }),
    });
    fc.assert(
      fc.property(sample, ({ picks }) => {
        const folder = tempDir('mimir-prop-');
        const out: Record<string, J> = {};
        for (const file of CONTEXT_FILES) out[file] = files[file] as J;
        // Class features stay with the classes file, so a class's features resolve.
        const classes = files['classes.json'] as J;
        out['classes.json'] = { classFeature: classes['classFeature'], subclassFeature: classes['subclassFeature'] };
        const given: { kind: ImportKind; record: J }[] = [];
        for (const pick of picks) {
          const spec = SAMPLED[pick.collection] as (typeof SAMPLED)[number];
          const pool = arr((files[spec.file] as J)[spec.key]);
          if (pool.length === 0) continue;
          let record = pool[pick.index % pool.length] as J;
          for (const m of pick.mutations) record = mutate(record, m, pool);
          const file = (out[spec.file] ??= {});
          file[spec.key] = [...arr(file[spec.key]), record];
          given.push({ kind: spec.kind, record });
        }
        mkdirSync(folder, { recursive: true });
        for (const [file, json] of Object.entries(out)) writeFileSync(join(folder, file), JSON.stringify(json).replace(DEEP_MARKER, (_m, n: string) => deepText(Number(n))));

        const { catalog } = openMigrated();
        // Never aborts: a throw here fails the property.
        const result = import5etools(catalog, folder);

        for (const { kind, record } of given) {
          const name = nameOf(record);
          const rows = catalog[kind].list({ filter: name ? { nameContains: name.slice(0, 200) } : {}, limit: 500 }).items as { name: string; unmapped?: unknown }[];
          const row = name ? rows.find((r) => r.name === name.replace(/\s+/g, ' ').trim()) : undefined;
          const skip = result.skipped.find((s) => s.kind === kind && (name === undefined ? s.reason.length > 0 : s.name === name));
          expect(row !== undefined || skip !== undefined, `${kind} ${name ?? '(no name)'}: neither a row nor a skip`).toBe(true);
          if (skip) expect(skip.reason).toMatch(/\w{3}/);
          if (row && row.unmapped !== null && row.unmapped !== undefined) {
            expect(result.warnings.some((w) => w.kind === kind && w.name === name && /does not fit the column/.test(w.message)), `${name}: degraded without a warning`).toBe(true);
          }
        }
        for (const entry of [...result.skipped, ...result.warnings]) expect(entry.name.length).toBeGreaterThan(0);
        const sqlite = catalog.connection.sqlite;
        expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(sqlite.pragma('foreign_key_check')).toEqual([]);
        catalog.connection.close();
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
