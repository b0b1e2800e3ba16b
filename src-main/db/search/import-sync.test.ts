/**
 * The search index and the cross-references through imports: a first import of the SRD fixture,
 * then a re-import (sync) of a modified copy that changes, removes and adds rows. Both must
 * follow every inserted, updated and removed row inside the import's transaction, agree with a
 * rebuild from scratch, and leave nothing when the import is cancelled. Runs when
 * MIMIR_5ETOOLS_DIR names the fixture folder.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../src-shared/import-types';
import { catchError, openMigrated, tempDir } from '../../../test/helpers';
import { import5etools } from '../../import/5etools';
import type { Catalog } from '../catalog';
import { embeddedMigrations, rollback } from '../migrations';
import { brokenLinks, rebuildReferences, referencesOf } from '../references';
import { openCatalog } from '../startup';
import { searchCatalog } from './index';

const fixture = process.env['MIMIR_5ETOOLS_DIR'];
const SKIP_REASON = 'skipped: MIMIR_5ETOOLS_DIR not set (point it at the 5etools SRD fixture folder)';

type J = Record<string, unknown>;

/** The fixture with Aid's text changed, Alarm withdrawn, and a new spell that names Alarm and Fireball. */
function newerRelease(): string {
  const dir = join(tempDir('mimir-search-sync-'), 'data');
  cpSync(fixture as string, dir, { recursive: true });
  const path = join(dir, 'spells.json');
  const data = JSON.parse(readFileSync(path, 'utf8')) as { spell: J[] };
  const aid = data.spell.find((s) => s['name'] === 'Aid') as J;
  aid['entries'] = ['Your spell bolsters your allies with quicksilver resolve.'];
  data.spell = data.spell.filter((s) => s['name'] !== 'Alarm');
  data.spell.push({ ...aid, name: 'Zephyr Strike', page: 1, entries: ['Faster than {@spell alarm}, hotter than {@spell fireball}.'] });
  writeFileSync(path, JSON.stringify(data));
  return dir;
}

const ids = (catalog: Catalog, text: string) => searchCatalog(catalog, { text, limit: 50 }).hits.map((h) => h.id);

/** Every content_references row, in a stable order. */
const allReferences = (catalog: Catalog) =>
  catalog.connection.sqlite
    .prepare(
      `SELECT source_entity_type, source_entity_id, target_entity_type, target_entity_id, reference_type, context
       FROM content_references ORDER BY 1, 2, 3, 4`,
    )
    .all();

const QUERIES = ['fireball', 'aid', 'quicksilver', 'zephyr', 'alarm', 'dragon red', 'frieball', 'wall -fire'];

describe.runIf(fixture)('search index and references through import and re-import (sync)', () => {
  let catalog: Catalog;
  let first: ImportResult;
  let synced: ImportResult;
  let before: Record<string, string[]>;

  beforeAll(() => {
    catalog = openMigrated().catalog;
    first = import5etools(catalog, fixture as string);
    before = Object.fromEntries(QUERIES.map((q) => [q, ids(catalog, q)]));
    synced = import5etools(catalog, newerRelease());
  }, 240_000);

  it('the first import wrote the references of every row it inserted and reported its broken links', () => {
    expect(first.references?.rows).toBeGreaterThan(1000);
    expect(first.references?.references).toBeGreaterThan(1000);
    expect(first.references?.broken.total).toBeGreaterThan(0);
    expect(first.references?.broken.references).toBeGreaterThanOrEqual(first.references?.broken.total ?? 0);
    const log = catalog.importLog.get(first.logId as number);
    expect(log.metadata['references']).toEqual(first.references);
  });

  it('the sync wrote only what changed, and the search follows it', () => {
    expect(synced.sync.changes.spells).toMatchObject({ inserted: ['zephyr-strike-phb'], updated: ['aid-phb'], removed: ['alarm-phb'] });
    expect(before['alarm']).toContain('alarm-phb');
    expect(ids(catalog, 'alarm')).not.toContain('alarm-phb');
    expect(ids(catalog, 'zephyr')[0]).toBe('zephyr-strike-phb');
    expect(before['quicksilver']).not.toContain('aid-phb');
    expect(ids(catalog, 'quicksilver')).toContain('aid-phb');
    // The new spell mentions Fireball: one body match more, the rest as before.
    expect(ids(catalog, 'fireball').filter((id) => id !== 'zephyr-strike-phb')).toEqual(before['fireball']);
  });

  it('the sync rewrote the references of the rows it wrote; a removed row lost its own and is a broken link now', () => {
    const zephyr = referencesOf(catalog.connection.sqlite, { entity: 'spells', id: 'zephyr-strike-phb' });
    expect(zephyr.mentions.items.map((r) => [r.id, r.broken])).toEqual([
      ['alarm-phb', true],
      ['fireball-phb', false],
    ]);
    expect(referencesOf(catalog.connection.sqlite, { entity: 'spells', id: 'alarm-phb' }).mentions.total).toBe(0);
    expect(synced.references?.broken.items.find((b) => b.targetId === 'alarm-phb')).toMatchObject({ targetKind: 'spells', count: expect.any(Number) });
    // Only the rows written (and those with broken links, since rows were inserted) were rewritten.
    expect(synced.references?.rows).toBeLessThan(first.references?.rows ?? 0);
    expect(brokenLinks(catalog.connection.sqlite).total).toBe(synced.references?.broken.total);
  });

  it('references after the sync equal a rebuild of every row from scratch', () => {
    const now = allReferences(catalog);
    const { sqlite } = catalog.connection;
    sqlite.prepare('DELETE FROM content_references').run();
    rebuildReferences(sqlite);
    expect(allReferences(catalog)).toEqual(now);
  });

  it('a cancelled re-import leaves the index and the references as they were', () => {
    const results = QUERIES.map((q) => ids(catalog, q));
    const references = allReferences(catalog);
    const controller = new AbortController();
    let writing = 0;
    catchError('Cancelled', () =>
      import5etools(catalog, fixture as string, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.stage === 'writing' && ++writing === 5) controller.abort();
        },
      }),
    );
    expect(QUERIES.map((q) => ids(catalog, q))).toEqual(results);
    expect(allReferences(catalog)).toEqual(references);
  });

  it('a rebuild of the index from scratch (rollback and re-apply of the migration) gives the same results', () => {
    const results = QUERIES.map((q) => searchCatalog(catalog, { text: q, limit: 50 }));
    const file = catalog.connection.file;
    const version = catalog.connection.sqlite.prepare("SELECT version FROM schema_version WHERE name = 'catalog_search'").pluck().get() as number;
    catalog.connection.close();
    const rolledBack = openCatalog(file, { migrate: false });
    const report = rollback(rolledBack.connection.sqlite, embeddedMigrations, version - 1, { backup: false });
    expect(report.ok, report.error?.message).toBe(true);
    rolledBack.connection.close();
    catalog = openCatalog(file).catalog;
    expect(QUERIES.map((q) => searchCatalog(catalog, { text: q, limit: 50 }))).toEqual(results);
  });
});

if (!fixture) describe.skip(`search index through imports (${SKIP_REASON})`, () => it('skipped', () => undefined));
