/**
 * Re-import as a sync, on the SRD fixture and a modified copy of it built in a temp folder
 * (records changed, removed and added): the exact rows inserted / updated / removed, the user's
 * rows and edits surviving, a removed row kept while a user row points at it, a dry run that
 * predicts the real run and writes nothing, cancellation, and the filters on the synced rows.
 * Runs when MIMIR_5ETOOLS_DIR names the fixture folder.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ITEM_FLAG_KEYS, ITEM_FLAGS } from '../../../src-shared/catalog/tables';
import { IMPORT_KINDS, type ImportResult } from '../../../src-shared/import-types';
import { catchError, fileHash, openMigrated, tempDir, type MigratedCatalog } from '../../../test/helpers';
import { snapshot } from '../../../test/entity-samples';
import type { Catalog } from '../../db';
import { import5etools, ImportFailedError } from './index';

const fixture = process.env['MIMIR_5ETOOLS_DIR'];
const SKIP_REASON = 'skipped: MIMIR_5ETOOLS_DIR not set (point it at the 5etools SRD fixture folder)';
if (!fixture) console.log(`sync.test.ts: ${SKIP_REASON}`);

type J = Record<string, unknown>;
const TABLES = ['rule_systems', 'sources', 'races', 'classes', 'items', 'spells', 'creatures', 'backgrounds', 'feats', 'import_log'];
const dump = (catalog: Catalog) => Object.fromEntries(TABLES.map((t) => [t, snapshot(catalog.connection.sqlite, t)]));

/** The fixture, copied, with `edit` applied to the parsed JSON of each named file. */
function modifiedCopy(edits: Record<string, (data: J) => void>): string {
  const dir = join(tempDir('mimir-sync-'), 'data');
  cpSync(fixture as string, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    const data = JSON.parse(readFileSync(path, 'utf8')) as J;
    edit(data);
    writeFileSync(path, JSON.stringify(data));
  }
  return dir;
}

const list = (data: J, key: string) => data[key] as J[];
const without = (data: J, key: string, names: string[]) => {
  data[key] = list(data, key).filter((r) => !names.includes(String(r['name'])));
};
const change = (data: J, key: string, name: string, patch: J) => {
  const record = list(data, key).find((r) => r['name'] === name);
  if (!record) throw new Error(`no ${key} ${name} in the fixture`);
  Object.assign(record, patch);
};

/**
 * The newer "release": Aid's text changed, Aboleth's hit points changed, Alarm and Animal
 * Messenger withdrawn, the Acolyte withdrawn, Dwarf and its Hill subrace withdrawn, Elf and its
 * High subrace withdrawn (a user's subrace points at Elf), two new spells (one with the id of a
 * spell the user made), and the 2024 Aid in a new book XPHB.
 */
function newerRelease(): string {
  return modifiedCopy({
    'spells.json': (d) => {
      change(d, 'spell', 'Aid', { entries: ['Your spell bolsters your allies (newer text).'] });
      change(d, 'spell', 'Acid Splash', { page: 300 });
      without(d, 'spell', ['Alarm', 'Animal Messenger', 'Animal Shapes']);
      const base = list(d, 'spell').find((r) => r['name'] === 'Aid') as J;
      list(d, 'spell').push(
        { ...base, name: 'Zephyr Strike', page: 1, reprintedAs: undefined, entries: ['A new spell.'] },
        { ...base, name: 'Homebrew Bolt', page: 2, reprintedAs: undefined, entries: ['Upstream has one too.'] },
        { ...base, source: 'XPHB', page: 239, reprintedAs: undefined, entries: ['The 2024 Aid.'] },
      );
    },
    'sources.json': (d) => {
      list(d, 'book').push({ name: "Player's Handbook (2024)", id: 'XPHB', source: 'XPHB', group: 'core', published: '2024-09-17' });
    },
    'creatures.json': (d) => {
      change(d, 'monster', 'Aboleth', { hp: { average: 140, formula: '20d10 + 30' } });
      without(d, 'monster', ['Acolyte']);
    },
    'races.json': (d) => {
      without(d, 'race', ['Dwarf', 'Elf']);
      d['subrace'] = list(d, 'subrace').filter((r) => r['raceName'] !== 'Dwarf' && r['raceName'] !== 'Elf');
    },
  });
}

const ids = (result: ImportResult, change: 'inserted' | 'updated' | 'removed') =>
  Object.fromEntries(IMPORT_KINDS.map((kind) => [kind, [...result.sync.changes[kind][change]].sort()]).filter(([, v]) => (v as string[]).length > 0));

describe.skipIf(!fixture)('re-import as a sync (SRD fixture and a modified copy)', () => {
  let ctx: MigratedCatalog;
  let first: ImportResult;
  let newer: string;
  let dry: ImportResult;
  let synced: ImportResult;
  let beforeDry: Record<string, unknown[]>;
  let hashBeforeDry: string;
  let afterDry: Record<string, unknown[]>;
  let hashAfterDry: string;

  beforeAll(() => {
    ctx = openMigrated();
    const { catalog } = ctx;
    first = import5etools(catalog, fixture as string);
    // The user's own rows and edits, through the API.
    catalog.spells.create({ id: 'homebrew-bolt-phb', name: 'Homebrew Bolt', ruleSystemId: 'dnd5e-2014', sourceId: 'PHB', level: 1 });
    catalog.spells.create({ id: 'my-spell-phb', name: 'My Spell', ruleSystemId: 'dnd5e-2014', sourceId: 'PHB', level: 2 });
    catalog.spells.update('acid-splash-phb', { page: 999 });
    catalog.spells.update('animal-shapes-phb', { page: 998 });
    catalog.races.create({
      id: 'elf-moon-phb',
      name: 'Elf (Moon)',
      ruleSystemId: 'dnd5e-2014',
      sourceId: 'PHB',
      raceType: 'subrace',
      parentRaceId: 'elf-phb',
    });
    newer = newerRelease();

    ctx.connection.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    beforeDry = dump(catalog);
    hashBeforeDry = fileHash(ctx.file);
    dry = import5etools(catalog, newer, { dryRun: true });
    ctx.connection.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    afterDry = dump(catalog);
    hashAfterDry = fileHash(ctx.file);

    synced = import5etools(catalog, newer);
  });

  it('the first import inserts everything and removes nothing', () => {
    for (const kind of IMPORT_KINDS) {
      expect(first.counts[kind], kind).toMatchObject({ updated: 0, unchanged: 0, removed: 0, conflicts: 0 });
      expect(first.counts[kind].inserted, kind).toBe(first.counts[kind].imported);
    }
    expect(first.sync.kept).toEqual([]);
  });

  it('reports exactly the rows inserted, updated and removed', () => {
    expect(ids(synced, 'inserted')).toEqual({ sources: ['XPHB'], spells: ['aid-xphb', 'zephyr-strike-phb'] });
    expect(ids(synced, 'updated')).toEqual({ spells: ['aid-phb'], creatures: ['aboleth-mm'] });
    expect(ids(synced, 'removed')).toEqual({
      spells: ['alarm-phb', 'animal-messenger-phb'],
      creatures: ['acolyte-mm'],
      races: ['dwarf-hill-phb', 'dwarf-phb', 'elf-high-phb'],
    });
    // Children go before their parents.
    expect(synced.sync.changes.races.removed.indexOf('dwarf-hill-phb')).toBeLessThan(synced.sync.changes.races.removed.indexOf('dwarf-phb'));
    expect(synced.counts.spells).toMatchObject({ inserted: 2, updated: 1, removed: 2, conflicts: 2 });
    expect(synced.counts.races).toMatchObject({ inserted: 0, updated: 0, removed: 3, keptReferenced: 1 });
    const { catalog } = ctx;
    for (const id of ['alarm-phb', 'animal-messenger-phb']) expect(catalog.spells.find(id)).toBeUndefined();
    expect(catalog.creatures.find('acolyte-mm')).toBeUndefined();
    expect(catalog.races.find('dwarf-phb')).toBeUndefined();
    expect(catalog.spells.get('aid-phb').entries).toEqual(['Your spell bolsters your allies (newer text).']);
    expect(catalog.creatures.get('aboleth-mm').hitPoints).toEqual({ average: 140, formula: '20d10 + 30' });
    expect(catalog.spells.get('zephyr-strike-phb')).toMatchObject({ origin: 'import', userEditedAt: null });
  });

  it('rows the user made or edited survive, and the import reports the conflicts', () => {
    const { catalog } = ctx;
    expect(catalog.spells.get('my-spell-phb')).toMatchObject({ origin: 'user', name: 'My Spell' });
    // Same id as a new upstream spell: the user's row is kept.
    expect(catalog.spells.get('homebrew-bolt-phb')).toMatchObject({ origin: 'user', entries: [] });
    // Edited by the user, changed upstream: the user's edit is kept.
    expect(catalog.spells.get('acid-splash-phb').page).toBe(999);
    // Edited by the user, withdrawn upstream: not the import's to remove.
    expect(catalog.spells.get('animal-shapes-phb').page).toBe(998);
    expect(synced.sync.conflicts.map((c) => [c.kind, c.id, c.reason]).sort()).toEqual([
      ['spells', 'acid-splash-phb', 'user-edited'],
      ['spells', 'homebrew-bolt-phb', 'user-created'],
    ]);
  });

  it('a withdrawn row a user row points at is kept and reported', () => {
    expect(ctx.catalog.races.get('elf-phb').origin).toBe('import');
    expect(ctx.catalog.races.get('elf-moon-phb').parentRaceId).toBe('elf-phb');
    expect(synced.sync.kept).toEqual([
      {
        kind: 'races',
        id: 'elf-phb',
        name: 'Elf',
        source: 'PHB',
        reason: 'referenced',
        referencedBy: [{ table: 'races', id: 'elf-moon-phb' }],
      },
    ]);
  });

  it('the dry run wrote nothing and predicted the real run exactly', () => {
    expect(hashAfterDry).toBe(hashBeforeDry);
    expect(afterDry).toEqual(beforeDry);
    expect(dry).toMatchObject({ dryRun: true, logId: null, references: null });
    // Cross-references are written, not planned: a dry run reports none.
    const { logId: _l, dryRun: _d, references: _r, ...predicted } = dry;
    const { logId: _l2, dryRun: _d2, references: _r2, ...actual } = synced;
    expect(predicted).toEqual(actual);
    expect(synced.references?.rows).toBeGreaterThan(0);
  });

  it('records the sync in import_log: counts, removed rows, kept rows and conflicts', () => {
    const log = ctx.catalog.importLog.get(synced.logId as number);
    expect(log.metadata['counts']).toEqual(synced.counts);
    expect(log.metadata['kept']).toEqual(synced.sync.kept);
    expect(log.metadata['conflicts']).toEqual(synced.sync.conflicts);
    expect((log.metadata['removed'] as Record<string, string[]>)['creatures']).toEqual(['acolyte-mm']);
  });

  it('importing the same newer data again changes nothing', () => {
    const before = dump(ctx.catalog);
    const again = import5etools(ctx.catalog, newer);
    for (const kind of IMPORT_KINDS) {
      expect(again.counts[kind], kind).toMatchObject({ inserted: 0, updated: 0, removed: 0 });
    }
    // The conflicts and the kept row stay reported on every run, until the user resolves them.
    expect(again.sync.conflicts).toEqual(synced.sync.conflicts);
    expect(again.sync.kept).toEqual(synced.sync.kept);
    const after = dump(ctx.catalog);
    expect({ ...after, import_log: [] }).toEqual({ ...before, import_log: [] });
  });

  it('importing a different folder never removes the first one\'s rows (removal stays within the books it has)', () => {
    const onlyXphb = modifiedCopy({
      'spells.json': (d) => {
        d['spell'] = list(d, 'spell').filter((r) => r['name'] === 'Aid').map((r) => ({ ...r, source: 'XPHB', reprintedAs: undefined }));
      },
      'sources.json': (d) => {
        list(d, 'book').push({ name: "Player's Handbook (2024)", id: 'XPHB', source: 'XPHB', group: 'core', published: '2024-09-17' });
      },
      'creatures.json': (d) => {
        d['monster'] = [];
      },
    });
    const before = ctx.catalog.spells.count();
    const result = import5etools(ctx.catalog, onlyXphb, { dryRun: true });
    for (const kind of IMPORT_KINDS) expect(result.counts[kind].removed, kind).toBe(0);
    expect(ctx.catalog.spells.count()).toBe(before);
  });

  it('a record the new data skips keeps its row (kept, reason skipped)', () => {
    const broken = modifiedCopy({
      'creatures.json': (d) => {
        change(d, 'monster', 'Aboleth', { _copy: { name: 'No Such Creature', source: 'MM' } });
      },
    });
    const result = import5etools(ctx.catalog, broken, { dryRun: true });
    expect(result.skipped.some((s) => s.kind === 'creatures' && s.name === 'Aboleth')).toBe(true);
    expect(result.sync.changes.creatures.removed).not.toContain('aboleth-mm');
    expect(result.sync.kept).toContainEqual(expect.objectContaining({ kind: 'creatures', id: 'aboleth-mm', reason: 'skipped' }));
  });

  it('a cancelled import writes nothing and logs "cancelled" with the reason', () => {
    const before = dump(ctx.catalog);
    const controller = new AbortController();
    const error = catchError('Cancelled', () =>
      import5etools(ctx.catalog, fixture as string, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.stage === 'writing' && p.kind === 'items') controller.abort();
        },
      }),
    );
    expect(error.details.operation).toBe('import');
    expect({ ...dump(ctx.catalog), import_log: [] }).toEqual({ ...before, import_log: [] });
    const last = ctx.catalog.importLog.list({ sort: { by: 'id', direction: 'desc' }, limit: 1 }).items[0];
    expect(last).toMatchObject({ importStatus: 'cancelled', errorMessage: expect.stringContaining('cancelled') });
    expect(last?.metadata['error']).toMatchObject({ code: 'Cancelled' });
  });

  it('a failed import keeps the reason in import_log', () => {
    const missing = join(tempDir(), 'not-a-5etools-folder');
    let thrown: unknown;
    try {
      import5etools(ctx.catalog, missing);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ImportFailedError);
    const log = ctx.catalog.importLog.get((thrown as ImportFailedError).logId as number);
    expect(log.importStatus).toBe('failed');
    expect(log.errorMessage).toContain(missing);
    expect(log.metadata['error']).toMatchObject({ code: (thrown as ImportFailedError).code });
  });

  it('isReprinted: true finds the 2014 Aid once the 2024 one is present; false hides it', () => {
    const { catalog } = ctx;
    expect(catalog.spells.get('aid-phb').supersededBy).toBe('aid-xphb');
    expect(catalog.spells.list({ filter: { isReprinted: true }, limit: 500 }).items.map((r) => r.id)).toEqual(['aid-phb']);
    const newest = catalog.spells.list({ filter: { isReprinted: false }, limit: 500 });
    expect(newest.total).toBe(catalog.spells.count() - 1);
    expect(newest.items.map((r) => r.id)).toContain('aid-xphb');
    // Reprints whose newer book is absent do not hide anything.
    expect(catalog.creatures.count({ isReprinted: true })).toBe(0);
    expect(catalog.creatures.count({ isReprinted: false })).toBe(catalog.creatures.count());
  });

  it('item flag filters return the rows of the records carrying the flag', () => {
    const records = (JSON.parse(readFileSync(join(fixture as string, 'items.json'), 'utf8')) as J)['item'] as J[];
    for (const flag of ITEM_FLAG_KEYS) {
      const key = ITEM_FLAGS[flag].fiveEtools;
      const flagged = new Set(records.filter((r) => r[key] === true).map((r) => `${String(r['name']).toLowerCase()}|${String(r['source'])}`));
      const rows = ctx.catalog.items.list({ filter: { [flag]: true }, limit: 500 }).items;
      const names = new Set(rows.map((r) => `${r.name.toLowerCase()}|${r.sourceId}`));
      for (const expected of flagged) expect(names.has(expected), `${flag}: ${expected}`).toBe(true);
      expect(ctx.catalog.items.count({ [flag]: true }) + ctx.catalog.items.count({ [flag]: false })).toBe(ctx.catalog.items.count());
    }
    expect(ctx.catalog.items.count({ isWondrous: true })).toBeGreaterThan(100);
  });
});
